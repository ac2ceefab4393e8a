import { sql, type Selectable, type Transaction } from 'kysely'
import type { Database, Db } from '../db/database.js'
import { json } from '../db/json.js'
import type { AlertTable } from '../db/tables/alerts.js'
import type { StoredFinding } from '../db/tables/content.js'
import {
  initialAlertState,
  nextAlertState,
  type AlertPolicy,
  type AlertState,
  type Observation,
  type ProblemKind,
} from './alert-policy.js'

/**
 * The alerts' store: applies observations to the stored state of each (subject, problem)
 * in one transaction and appends the events a person hears about. A row is only created
 * for a bad observation, so good checks of the many healthy files cost no rows.
 */

/** One observation of one problem of one subject, with what the e-mail will show. */
export interface SubjectObservation {
  subjectKind: 'distribution' | 'dataset' | 'catalogue'
  subject: string
  problem: string
  kind: ProblemKind
  organisation: string | null
  sourceId: string | null
  obs: Observation
  /** The findings of a bad observation (codes and params); kept as the alert's evidence. */
  evidence: StoredFinding[]
}

/** What applying a batch did. */
export interface AppliedObservations {
  opened: number
  resolved: number
}

const d = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string))

export function rowToAlertState(r: Selectable<AlertTable>): AlertState {
  return {
    open: r.open,
    intermittent: r.intermittent,
    consecutiveBad: r.consecutive_bad,
    consecutiveGood: r.consecutive_good,
    badSince: d(r.bad_since),
    recentBad: (r.recent_bad ?? []).map((t) => new Date(t)),
    openedAt: d(r.opened_at),
    resolvedAt: d(r.resolved_at),
    lastObservedAt: d(r.last_observed_at),
  }
}

/** The state's columns as plain values (recent_bad a list; the insert casts it to jsonb, the update reads it from a jsonb recordset). */
function stateColumns(s: AlertState) {
  return {
    open: s.open,
    intermittent: s.intermittent,
    consecutive_bad: s.consecutiveBad,
    consecutive_good: s.consecutiveGood,
    bad_since: s.badSince,
    recent_bad: s.recentBad.map((t) => t.toISOString()),
    opened_at: s.openedAt,
    resolved_at: s.resolvedAt,
    last_observed_at: s.lastObservedAt,
  }
}

const key = (subject: string, problem: string) => `${subject}\u0000${problem}`

/**
 * Applies observations in time order. Existing rows are locked in key order, so two
 * writers (a probe batch and a content run) touching one subject wait for each other.
 */
export async function applyObservations(db: Db, items: SubjectObservation[], policy: AlertPolicy): Promise<AppliedObservations> {
  const out: AppliedObservations = { opened: 0, resolved: 0 }
  if (items.length === 0) return out
  const sorted = [...items].sort((a, b) => a.obs.at.getTime() - b.obs.at.getTime())
  const subjects = [...new Set(sorted.map((i) => i.subject))].sort()
  await db.transaction().execute(async (trx) => {
    const { rows } = await sql<Selectable<AlertTable>>`
      select * from alerts
      where subject = any (array(select jsonb_array_elements_text(${json(subjects)})))
      order by subject, problem
      for update`.execute(trx)
    const current = new Map(rows.map((r) => [key(r.subject, r.problem), r]))
    const states = new Map(rows.map((r) => [key(r.subject, r.problem), rowToAlertState(r)]))
    const touched = new Map<string, SubjectObservation>()
    const events: { k: string; event: 'opened' | 'resolved'; intermittent: boolean; at: Date }[] = []
    for (const item of sorted) {
      const k = key(item.subject, item.problem)
      const prev = states.get(k)
      if (!prev && item.obs.verdict !== 'bad') continue
      const step = nextAlertState(prev ?? initialAlertState(), item.kind, item.obs, policy)
      states.set(k, step.next)
      const last = touched.get(k)
      touched.set(k, item.obs.verdict === 'bad' || !last ? item : { ...item, evidence: last.evidence })
      if (step.event) {
        events.push({ k, event: step.event, intermittent: step.next.intermittent, at: item.obs.at })
        out[step.event]++
      }
    }
    const ids = await writeAlerts(trx, touched, states, current)
    await insertEvents(trx, events.map((e) => ({ alert_id: ids.get(e.k)!, event: e.event, intermittent: e.intermittent, at: e.at })))
  })
  return out
}

/**
 * Writes the touched alerts in two statements whatever their number: one update of the
 * rows that exist, one insert of the new ones (a sweep's batch touches every failing file
 * in it; one statement each was a third of a PGlite sweep's database time). Evidence is
 * replaced only by a bad observation's. Returns each key's row id.
 */
async function writeAlerts(
  trx: Transaction<Database>,
  touched: Map<string, SubjectObservation>,
  states: Map<string, AlertState>,
  current: Map<string, Selectable<AlertTable>>,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  const updates: Record<string, unknown>[] = []
  const inserts: { k: string; item: SubjectObservation }[] = []
  for (const [k, item] of touched) {
    const existing = current.get(k)
    if (!existing) {
      inserts.push({ k, item })
      continue
    }
    ids.set(k, existing.id)
    const s = states.get(k)!
    updates.push({
      id: existing.id,
      ...stateColumns(s),
      evidence: item.obs.verdict === 'bad' ? item.evidence : null,
      organisation: item.organisation,
      source_id: item.sourceId,
    })
  }
  if (updates.length > 0) {
    await sql`
      update alerts as a set
        open = v.open, intermittent = v.intermittent,
        consecutive_bad = v.consecutive_bad, consecutive_good = v.consecutive_good,
        bad_since = v.bad_since, recent_bad = v.recent_bad, opened_at = v.opened_at,
        resolved_at = v.resolved_at, last_observed_at = v.last_observed_at,
        evidence = coalesce(v.evidence, a.evidence),
        organisation = v.organisation, source_id = v.source_id, updated_at = now()
      from jsonb_to_recordset(${json(updates)}) as v(
        id int, open boolean, intermittent boolean, consecutive_bad int, consecutive_good int,
        bad_since timestamptz, recent_bad jsonb, opened_at timestamptz, resolved_at timestamptz,
        last_observed_at timestamptz, evidence jsonb, organisation text, source_id text)
      where a.id = v.id`.execute(trx)
  }
  if (inserts.length > 0) {
    const rows = await trx
      .insertInto('alerts')
      .values(
        inserts.map(({ k, item }) => {
          const cols = stateColumns(states.get(k)!)
          return {
            ...cols,
            recent_bad: json(cols.recent_bad),
            subject_kind: item.subjectKind,
            subject: item.subject,
            problem: item.problem,
            kind: item.kind,
            organisation: item.organisation,
            source_id: item.sourceId,
            evidence: json(item.evidence),
          }
        }),
      )
      .returning(['id', 'subject', 'problem'])
      .execute()
    for (const r of rows) ids.set(key(r.subject, r.problem), r.id)
  }
  return ids
}

async function insertEvents(
  trx: Transaction<Database>,
  rows: { alert_id: number; event: 'opened' | 'resolved'; intermittent: boolean; at: Date }[],
): Promise<void> {
  if (rows.length > 0) await trx.insertInto('alert_events').values(rows).execute()
}

/** An alert contact of one organisation as the admin API sets it. */
export interface StoredAlertContact {
  organisation: string
  email: string
  lang: 'sv' | 'en'
}

/** The contacts set through the admin API: of one organisation, or of all, by organisation and address. */
export async function listAlertContacts(db: Db, organisation?: string): Promise<StoredAlertContact[]> {
  let q = db.selectFrom('alert_contacts').select(['organisation', 'email', 'lang']).orderBy('organisation').orderBy('email')
  if (organisation !== undefined) q = q.where('organisation', '=', organisation)
  return q.execute()
}

/** Replaces one organisation's contacts set through the admin API (addresses kept trimmed and lower-case, each once). */
export async function replaceAlertContacts(db: Db, organisation: string, contacts: { email: string; lang?: 'sv' | 'en' }[]): Promise<StoredAlertContact[]> {
  const rows = new Map(contacts.map((c) => [c.email.trim().toLowerCase(), { organisation, email: c.email.trim().toLowerCase(), lang: c.lang ?? ('sv' as const) }]))
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('alert_contacts').where('organisation', '=', organisation).execute()
    if (rows.size > 0) await trx.insertInto('alert_contacts').values([...rows.values()]).execute()
  })
  return listAlertContacts(db, organisation)
}
