import { sql, type Selectable } from 'kysely'
import type { Db } from './database.js'
import type { SweepTable } from './tables/availability.js'

/**
 * Counts of one sweep, for the progress bar and the closing summary. Its status and its
 * URL and host counts are the sweep row's own columns.
 */
export type SweepSummary = Pick<Selectable<SweepTable>, 'status' | 'urls' | 'hosts'> & {
  sweepId: number
  probed: number
  /** Probes per outcome and per probe code. */
  byOutcome: Tally
  byCode: Tally
  /** Distributions that became broken in this sweep. */
  newlyBroken: number
  /** Distributions that were degraded or broken and are ok again. */
  healed: number
  createdAt: Date
  finishedAt: Date | null
}

/** How many of each kind. */
type Tally = Record<string, number>

/** How far a sweep has come: probes written and URLs it had when created. */
export async function sweepProgress(db: Db, sweepId: number): Promise<{ probed: number; urls: number; status: string }> {
  const s = await db.selectFrom('sweeps').select(['urls', 'status']).where('id', '=', sweepId).executeTakeFirstOrThrow()
  const p = await db
    .selectFrom('probes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sweep_id', '=', sweepId)
    .executeTakeFirstOrThrow()
  return { probed: Number(p.n), urls: s.urls, status: s.status }
}

/** The closing summary of a sweep: counts per outcome and per code, transitions. */
export async function sweepSummary(db: Db, sweepId: number): Promise<SweepSummary> {
  const s = await db.selectFrom('sweeps').selectAll().where('id', '=', sweepId).executeTakeFirstOrThrow()
  const codes = await db
    .selectFrom('probes')
    .select(['outcome', 'code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('sweep_id', '=', sweepId)
    .groupBy(['outcome', 'code'])
    .execute()
  const { rows } = await sql<{ newly_broken: number; healed: number }>`
    select count(*) filter (where state_after = 'broken' and coalesce(state_before, 'unknown') <> 'broken')::int as newly_broken,
           count(*) filter (where state_after = 'ok' and state_before in ('degraded', 'broken'))::int as healed
    from probes where sweep_id = ${sweepId}`.execute(db)
  const byOutcome: Tally = {}
  const byCode: Tally = {}
  let probed = 0
  for (const c of codes) {
    const n = Number(c.n)
    probed += n
    byOutcome[c.outcome] = (byOutcome[c.outcome] ?? 0) + n
    byCode[c.code] = (byCode[c.code] ?? 0) + n
  }
  return {
    sweepId,
    status: s.status,
    urls: s.urls,
    hosts: s.hosts,
    probed,
    byOutcome,
    byCode,
    newlyBroken: Number(rows[0]?.newly_broken ?? 0),
    healed: Number(rows[0]?.healed ?? 0),
    createdAt: new Date(s.created_at),
    finishedAt: s.finished_at ? new Date(s.finished_at) : null,
  }
}
