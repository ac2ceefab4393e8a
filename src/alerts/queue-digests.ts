import { sql, type Selectable } from 'kysely'
import type { Config } from '../config/config.js'
import type { Db } from '../db/database.js'
import { json } from '../db/json.js'
import { probedUrlOf } from '../db/probed-url.js'
import type { AlertTable } from '../db/tables/alerts.js'
import type { StoredFinding } from '../db/tables/content.js'
import { pickLang } from '../domain/lang-text.js'
import type { Lang } from '../i18n/lang.js'
import { getProblems } from '../read-model/problems.js'
import { reminderDue, stockholmDay } from './alert-policy.js'
import { rowToAlertState } from './alert-store.js'
import { digestLinks } from './digest-links.js'
import { enqueueMessage } from './outbox-enqueue.js'
import { allRecipients, type Recipient } from './recipients.js'
import { listHeaders, renderDigest, type Digest, type DigestItem } from './render-digest.js'

/**
 * The daily digest: per recipient, one message with what opened, what is still open and
 * what was fixed since its last digest; never one e-mail per URL. Each digest is written
 * to the outbox in the same transaction that moves the recipient's cursor past the events
 * it holds, so an event is in exactly one digest of each recipient. A recipient gets
 * nothing on a day without news, except when an open alert is due a reminder.
 */

export type AlertRow = Selectable<AlertTable> & { dataset_iri: string | null; dataset_title: Record<string, string> | string | null; url: string | null }

/** How many digests were queued. */
export async function queueDigests(db: Db, config: Pick<Config, 'alerts' | 'web'>, now: Date, secret: string): Promise<number> {
  const day = stockholmDay(now)
  const openRows = await db.selectFrom('alerts').selectAll().where('open', '=', true).execute()
  // Decided once, before any digest marks an alert notified: every recipient is reminded alike.
  const reminders = new Set(
    openRows.filter((r) => reminderDue(rowToAlertState(r), r.last_notified_at ? new Date(r.last_notified_at) : null, now, config.alerts)).map((r) => r.id),
  )
  let queued = 0
  // One read of a dataset's problems per language serves every recipient of this run.
  const problems: ProblemsCache = new Map()
  for (const r of await allRecipients(db, config, now)) {
    if (await queueOne(db, r, config, now, day, reminders, secret, problems)) queued++
  }
  return queued
}

/** The alerts a recipient hears of: its organisations, sources and datasets, less what it stopped. */
export function mineOf(r: Recipient) {
  const list = (xs: string[]) => sql`array(select jsonb_array_elements_text(${json(xs)}))`
  const ofDatasets = (xs: string[]) =>
    sql`(a.subject = any (${list(xs)}) or a.subject in (select d.iri from distributions d where d.dataset_iri = any (${list(xs)})))`
  return sql`((a.organisation = any (${list(r.organisations)}) or a.source_id = any (${list(r.sources)}) or ${ofDatasets(r.datasets)})
    and not coalesce(a.organisation = any (${list(r.excludeOrganisations)}), false)
    and not ${ofDatasets(r.excludeDatasets)})`
}

async function queueOne(db: Db, r: Recipient, config: Pick<Config, 'alerts' | 'web'>, now: Date, day: string, reminders: Set<number>, secret: string, problems: ProblemsCache): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx.insertInto('alert_cursors').values({ recipient: r.email }).onConflict((oc) => oc.column('recipient').doNothing()).execute()
    const cursor = await sql<{ last_event_id: number }>`select last_event_id from alert_cursors where recipient = ${r.email} for update`.execute(trx)
    const after = Number(cursor.rows[0]!.last_event_id)
    const mine = mineOf(r)
    const alertCols = sql`a.*, coalesce(ds.iri, dd.iri) as dataset_iri, coalesce(ds.title, dd.title) as dataset_title, ${probedUrlOf('d')} as url`
    const joins = sql`left join distributions d on a.subject_kind = 'distribution' and d.iri = a.subject
      left join datasets ds on ds.iri = d.dataset_iri
      left join datasets dd on a.subject_kind = 'dataset' and dd.iri = a.subject`
    const { rows: events } = await sql<{ id: number; event: 'opened' | 'resolved'; alert_id: number }>`
      select e.id, e.event, e.alert_id from alert_events e join alerts a on a.id = e.alert_id
      where e.id > ${after} and ${mine} order by e.id`.execute(trx)
    const { rows: alerts } = await sql<AlertRow>`
      select ${alertCols} from alerts a ${joins}
      where ${mine} and (a.open or a.id = any (array(select (jsonb_array_elements_text(${json(events.map((e) => String(e.alert_id)))}))::bigint)))`.execute(trx)
    const openedIds = new Set(events.filter((e) => e.event === 'opened').map((e) => Number(e.alert_id)))
    const resolvedIds = new Set(events.filter((e) => e.event === 'resolved').map((e) => Number(e.alert_id)))
    const opened = alerts.filter((a) => a.open && openedIds.has(Number(a.id)))
    const resolved = alerts.filter((a) => !a.open && resolvedIds.has(Number(a.id)))
    const stillOpen = alerts.filter((a) => a.open && !openedIds.has(Number(a.id)))
    if (opened.length === 0 && resolved.length === 0 && !stillOpen.some((a) => reminders.has(Number(a.id)))) return false

    const items = (list: AlertRow[]) => Promise.all(list.map((a) => toItem(trx as unknown as Db, a, r.lang, problems)))
    const digest: Digest = { opened: await items(opened), open: await items(stillOpen), resolved: await items(resolved) }
    const links = digestLinks(config, secret, r, now)
    const rendered = renderDigest(digest, r.lang, config.web.publicUrl, links)
    const inserted = await enqueueMessage(trx, { recipient: r.email, dedupeKey: `digest:${r.email}:${day}`, rendered, headers: listHeaders(links.unsubscribe), now })
    // Already a digest today: the news waits for tomorrow's, the cursor stays.
    if (!inserted) return false
    const last = events.length ? Math.max(...events.map((e) => Number(e.id))) : after
    await trx.updateTable('alert_cursors').set({ last_event_id: last, updated_at: now }).where('recipient', '=', r.email).execute()
    const told = [...opened, ...stillOpen].map((a) => Number(a.id))
    if (told.length) await trx.updateTable('alerts').set({ last_notified_at: now }).where('id', 'in', told).execute()
    return true
  })
}

/** The problems of a dataset read for one run of digests, by language and dataset. */
export type ProblemsCache = Map<string, ReturnType<typeof getProblems>>

/** One alert as a digest (or an immediate notice) shows it. */
export async function toItem(db: Db, a: AlertRow, lang: Lang, cache: ProblemsCache = new Map()): Promise<DigestItem> {
  const title = typeof a.dataset_title === 'string' ? (JSON.parse(a.dataset_title) as Record<string, string>) : a.dataset_title
  let evidence: StoredFinding[] = typeof a.evidence === 'string' ? JSON.parse(a.evidence) : a.evidence
  let pointsToGain: number | null = null
  if (a.dataset_iri && a.subject_kind === 'distribution') {
    const key = `${lang}\u0000${a.dataset_iri}`
    if (!cache.has(key)) cache.set(key, getProblems(db, { datasetIri: a.dataset_iri, lang }))
    const own = (await cache.get(key)!).filter((p) => p.distributionIri === a.subject)
    // An availability alert's evidence is the latest failing probe (its code, URL and status);
    // what the pages say of it, with the fix and the points, is the availability verdict's
    // finding (availability-broken, the one error) in the problems read model: the e-mail says the same.
    const verdict = a.problem === 'availability' ? own.find((p) => p.dimension === 'availability' && p.severity === 'error') : undefined
    if (verdict) evidence = [{ code: verdict.code, severity: verdict.severity, params: { ...verdict.params, ...evidence[0]?.params } }]
    const codes = new Set(evidence.map((f) => f.code))
    const gains = own.filter((p) => codes.has(p.code)).map((p) => p.totalPointsToGain)
    if (gains.length) pointsToGain = Math.max(...gains)
  }
  return {
    subject: a.subject,
    subjectKind: a.subject_kind,
    problem: a.problem,
    datasetIri: a.dataset_iri,
    datasetTitle: title ? pickLang(title, lang) || null : null,
    url: a.url,
    intermittent: a.intermittent,
    badSince: a.bad_since ? new Date(a.bad_since) : null,
    resolvedAt: a.resolved_at ? new Date(a.resolved_at) : null,
    evidence,
    pointsToGain,
  }
}
