import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { Config } from '../config/config.js'
import type { Db } from '../db/database.js'
import { pickLang, type LangText } from '../domain/lang-text.js'
import { t } from '../i18n/catalogue.js'
import type { Lang } from '../i18n/lang.js'
import { linkUrl, signLink, type LinkClaim } from './links.js'
import { enqueueMessage } from './outbox-enqueue.js'
import { escapeHtml, listHeaders } from './render-digest.js'

/**
 * Followers and suppressions. A reuser follows a dataset or an organisation with double
 * opt-in: the form only records a pending subscription and mails a signed confirmation
 * link through the outbox; the subscription is active once that link is confirmed. What
 * the form answers never depends on whether the address already follows. Unsubscribe and
 * snooze (signed links in every e-mail) are stored as suppressions per recipient and scope.
 */

export type FollowTarget = { kind: 'dataset' | 'organisation'; iri: string }

/** How long a confirmation link stays valid. */
const CONFIRM_MS = 2 * 24 * 3_600_000

export const scopeOf = (target: FollowTarget): string => `${target.kind}:${target.iri}`

/**
 * Scopes of a stop that name no dataset or organisation: the weekly regional summary, and
 * requests to follow (the confirmation e-mails someone else's form entry would send).
 * Stopping one of them leaves every subscription as it is.
 */
export const REGIONAL_SUMMARY_SCOPE = 'regional-summary'
export const FOLLOW_REQUESTS_SCOPE = 'follow-requests'
const OWN_SCOPES = new Set([REGIONAL_SUMMARY_SCOPE, FOLLOW_REQUESTS_SCOPE])

export function targetOfScope(scope: string): FollowTarget | null {
  const m = /^(dataset|organisation):(.+)$/s.exec(scope)
  return m ? { kind: m[1] as FollowTarget['kind'], iri: m[2]! } : null
}

/** Whether `key` had fewer than `limit` requests within `windowMs`; records this one if so. */
async function underLimit(db: Db, key: string, limit: number, windowMs: number, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - windowMs)
  const r = await db
    .selectFrom('alert_follow_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirstOrThrow()
  if (Number(r.n) >= limit) return false
  await db.insertInto('alert_follow_requests').values({ key, at: now }).execute()
  return true
}

export interface FollowRequest {
  email: string
  lang: Lang
  target: FollowTarget
  /** The client's address, for the rate limit. */
  client: string
}

/**
 * The follow form. 'limited' when this client asked too often (an answer about the client,
 * never about the address); otherwise 'accepted' whatever happened: a confirmation mailed,
 * or nothing because the address already follows or had its confirmations for today.
 */
export async function requestFollow(
  db: Db,
  config: Pick<Config, 'alerts' | 'web'>,
  secret: string,
  req: FollowRequest,
  now: Date = new Date(),
): Promise<'accepted' | 'limited'> {
  await db.deleteFrom('alert_follow_requests').where('at', '<', new Date(now.getTime() - 2 * 86_400_000)).execute()
  if (!(await underLimit(db, `client:${req.client}`, config.alerts.followPerClientPerHour, 3_600_000, now))) return 'limited'
  const email = req.email.trim().toLowerCase()
  const existing = await db
    .selectFrom('alert_subscriptions')
    .select('status')
    .where('email', '=', email)
    .where('target_kind', '=', req.target.kind)
    .where('target', '=', req.target.iri)
    .executeTakeFirst()
  if (existing?.status === 'active') return 'accepted'
  // The address asked for no more of these (the one-click link of an earlier one): the form answers the same.
  if ((await suppressedFor(db, email, now)).followRequests) return 'accepted'
  if (!(await underLimit(db, `to:${email}`, config.alerts.followPerAddressPerDay, 86_400_000, now))) return 'accepted'
  await db
    .insertInto('alert_subscriptions')
    .values({ email, lang: req.lang, target_kind: req.target.kind, target: req.target.iri, status: 'pending', created_at: now })
    .onConflict((oc) => oc.columns(['email', 'target_kind', 'target']).doUpdateSet({ lang: req.lang }))
    .execute()
  const token = signLink(secret, { recipient: email, scope: scopeOf(req.target), action: 'confirm', exp: now.getTime() + CONFIRM_MS, lang: req.lang })
  const link = linkUrl(config, token)
  const lang = req.lang
  const text = [t(lang, 'alerts.follow.mail-text'), '', link, '', t(lang, 'alerts.follow.mail-ignore')].join('\n')
  const html = `<!doctype html><html lang="${lang}"><body><p>${escapeHtml(t(lang, 'alerts.follow.mail-text'))}</p><p><a href="${escapeHtml(link)}">${escapeHtml(t(lang, 'alerts.follow.mail-button'))}</a></p><p>${escapeHtml(t(lang, 'alerts.follow.mail-ignore'))}</p></body></html>`
  const stop = linkUrl(config, signLink(secret, { recipient: email, scope: FOLLOW_REQUESTS_SCOPE, action: 'unsubscribe', exp: now.getTime() + config.alerts.linkDays * 86_400_000, lang }))
  const stopWords = t(lang, 'alerts.follow.mail-stop')
  const rendered = {
    subject: t(lang, 'alerts.follow.mail-subject'),
    text: `${text}\n\n--\n${stopWords}: ${stop}`,
    html: html.replace('</body>', `<hr><p><a href="${escapeHtml(stop)}">${escapeHtml(stopWords)}</a></p></body>`),
  }
  await enqueueMessage(db, { recipient: email, dedupeKey: `follow:${email}:${randomUUID()}`, rendered, headers: listHeaders(stop), now })
  return 'accepted'
}

/** Does what a verified link says: unsubscribe, snooze, or confirm a follow. */
export async function applyLink(db: Db, config: Pick<Config, 'alerts'>, claim: LinkClaim, now: Date = new Date()): Promise<void> {
  const recipient = claim.recipient
  const target = targetOfScope(claim.scope)
  await db.transaction().execute(async (trx) => {
    if (claim.action === 'confirm') {
      if (!target) return
      await trx
        .insertInto('alert_subscriptions')
        .values({ email: recipient, lang: claim.lang ?? 'sv', target_kind: target.kind, target: target.iri, status: 'active', created_at: now, confirmed_at: now })
        .onConflict((oc) => oc.columns(['email', 'target_kind', 'target']).doUpdateSet({ status: 'active', confirmed_at: now }))
        .execute()
      // Confirming is a fresh, explicit wish: an earlier stop of this scope or of all ends.
      await trx.deleteFrom('alert_suppressions').where('recipient', '=', recipient).where('scope', 'in', [claim.scope, 'all']).execute()
      return
    }
    const until = claim.action === 'snooze' ? new Date(now.getTime() + config.alerts.snoozeDays * 86_400_000) : null
    await trx
      .insertInto('alert_suppressions')
      .values({ recipient, scope: claim.scope, until, created_at: now })
      // A snooze never turns an unsubscribe back on.
      .onConflict((oc) => oc.columns(['recipient', 'scope']).doUpdateSet({ until: sql`case when alert_suppressions.until is null then null else excluded.until end` }))
      .execute()
    if (claim.action === 'unsubscribe' && !OWN_SCOPES.has(claim.scope)) {
      let q = trx.deleteFrom('alert_subscriptions').where('email', '=', recipient)
      if (target) q = q.where('target_kind', '=', target.kind).where('target', '=', target.iri)
      await q.execute()
    }
  })
}

/** What a recipient stopped, now: everything, or these scopes. */
export interface Suppressed {
  all: boolean
  datasets: string[]
  organisations: string[]
  /** The weekly regional summary (also stopped by `all`). */
  regionalSummary: boolean
  /** Confirmation e-mails of follow requests (not stopped by `all`: confirming a follow is a fresh wish). */
  followRequests: boolean
}

export async function suppressedFor(db: Db, recipient: string, now: Date): Promise<Suppressed> {
  const rows = await db
    .selectFrom('alert_suppressions')
    .select('scope')
    .where('recipient', '=', recipient)
    .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', now)]))
    .execute()
  const out: Suppressed = { all: false, datasets: [], organisations: [], regionalSummary: false, followRequests: false }
  for (const { scope } of rows) {
    if (scope === 'all') out.all = out.regionalSummary = true
    if (scope === REGIONAL_SUMMARY_SCOPE) out.regionalSummary = true
    if (scope === FOLLOW_REQUESTS_SCOPE) out.followRequests = true
    const target = targetOfScope(scope)
    if (target?.kind === 'dataset') out.datasets.push(target.iri)
    if (target?.kind === 'organisation') out.organisations.push(target.iri)
  }
  return out
}

const parsed = (v: LangText | string): LangText => (typeof v === 'string' ? (JSON.parse(v) as LangText) : v)

/** The name of a dataset or organisation in `lang`, or null when it is unknown. */
export async function targetName(db: Db, target: FollowTarget, lang: Lang): Promise<string | null> {
  if (target.kind === 'dataset') {
    const d = await db.selectFrom('datasets').select('title').where('iri', '=', target.iri).executeTakeFirst()
    return d ? pickLang(parsed(d.title), lang) || target.iri : null
  }
  const o = await db.selectFrom('organisations').select('name').where('iri', '=', target.iri).executeTakeFirst()
  return o ? pickLang(parsed(o.name), lang) || target.iri : null
}
