import { sql } from 'kysely'
import type { AlertContact, Config } from '../config/config.js'
import type { Db } from '../db/database.js'
import { json } from '../db/json.js'
import type { Lang } from '../i18n/lang.js'
import { listAlertContacts } from './alert-store.js'
import { suppressedFor } from './subscriptions.js'

/**
 * Who gets a digest, and of what: the configured contacts (per organisation or catalogue
 * source) and those set through the admin API, the reusers who confirmed following a dataset or an organisation, and, for the
 * organisations that opted in, each dataset's dcat:contactPoint e-mail. One recipient per
 * address; what it unsubscribed from or snoozed is left out.
 */

/** Why a recipient gets the digest; it picks the footer's words. */
export type RecipientRole = 'contact' | 'follower' | 'contact-point'

export interface Recipient {
  email: string
  lang: Lang
  role: RecipientRole
  organisations: string[]
  sources: string[]
  datasets: string[]
  /** Stopped (unsubscribed or snoozed) for now. */
  excludeOrganisations: string[]
  excludeDatasets: string[]
}

const RANK: Record<RecipientRole, number> = { contact: 0, 'contact-point': 1, follower: 2 }

class RecipientSet {
  readonly by = new Map<string, Recipient>()
  get(email: string, lang: Lang, role: RecipientRole): Recipient {
    const key = email.trim().toLowerCase().replace(/^mailto:/, '')
    const r = this.by.get(key) ?? { email: key, lang, role, organisations: [], sources: [], datasets: [], excludeOrganisations: [], excludeDatasets: [] }
    if (RANK[role] < RANK[r.role]) r.role = role
    this.by.set(key, r)
    return r
  }
}

/** Contacts grouped by address (one address may be contact of several organisations). */
export function recipientsOf(contacts: AlertContact[]): Recipient[] {
  const set = new RecipientSet()
  for (const c of contacts) {
    const r = set.get(c.email, c.lang ?? 'sv', 'contact')
    if (c.organisation) r.organisations.push(c.organisation)
    if (c.source) r.sources.push(c.source)
  }
  return [...set.by.values()]
}

/** Every recipient of today's digests, with what each stopped left out. */
export async function allRecipients(db: Db, config: Pick<Config, 'alerts'>, now: Date): Promise<Recipient[]> {
  const set = new RecipientSet()
  // The configured contacts, and those an operator set through the admin API (alert_contacts).
  for (const c of recipientsOf([...config.alerts.contacts, ...(await listAlertContacts(db))])) {
    const r = set.get(c.email, c.lang, 'contact')
    r.organisations.push(...c.organisations)
    r.sources.push(...c.sources)
  }
  const followers = await db.selectFrom('alert_subscriptions').selectAll().where('status', '=', 'active').orderBy('id').execute()
  for (const f of followers) {
    const r = set.get(f.email, f.lang, 'follower')
    if (f.target_kind === 'dataset') r.datasets.push(f.target)
    else r.organisations.push(f.target)
  }
  const orgs = config.alerts.contactPointOrganisations
  if (orgs.length > 0) {
    const { rows } = await sql<{ iri: string; contact_email: string }>`
      select iri, contact_email from datasets
      where withdrawn_at is null and contact_email is not null and contact_email like '%@%'
        and coalesce(organisation_iri, publisher_iri) = any (array(select jsonb_array_elements_text(${json(orgs)})))
      order by iri`.execute(db)
    for (const d of rows) set.get(d.contact_email, 'sv', 'contact-point').datasets.push(d.iri)
  }
  const out: Recipient[] = []
  for (const r of set.by.values()) {
    const s = await suppressedFor(db, r.email, now)
    if (s.all) continue
    r.excludeDatasets = s.datasets
    r.excludeOrganisations = s.organisations
    out.push(r)
  }
  return out
}
