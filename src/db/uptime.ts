import { sql } from 'kysely'
import type { Db } from './database.js'

/** Uptime of one distribution over a window: ok / (ok + failing); unverified excluded. */
export interface Uptime {
  distributionIri: string
  ok: number
  failing: number
  unverified: number
  /** null when no probe in the window counted (only unverified, or none). */
  ratio: number | null
}

/**
 * Uptime over the `days` before `now` for the given distributions (all probed ones when
 * omitted). `now` is a parameter so reports and tests can look at any day.
 */
export async function uptime(db: Db, opts: { days: number; now?: Date; distributionIris?: string[] }): Promise<Map<string, Uptime>> {
  const now = opts.now ?? new Date()
  const from = new Date(now.getTime() - opts.days * 86_400_000)
  let q = db
    .selectFrom('probes')
    .select((eb) => [
      'distribution_iri',
      sql<number>`count(*) filter (where outcome = 'ok')::int`.as('ok'),
      sql<number>`count(*) filter (where outcome = 'failing')::int`.as('failing'),
      sql<number>`count(*) filter (where outcome = 'unverified')::int`.as('unverified'),
      eb.fn.countAll<number>().as('n'),
    ])
    .where('at', '>', from)
    .where('at', '<=', now)
    .groupBy('distribution_iri')
  if (opts.distributionIris) {
    if (opts.distributionIris.length === 0) return new Map()
    q = q.where('distribution_iri', 'in', opts.distributionIris)
  }
  const rows = await q.execute()
  const out = new Map<string, Uptime>()
  for (const r of rows) {
    const ok = Number(r.ok)
    const failing = Number(r.failing)
    out.set(r.distribution_iri, {
      distributionIri: r.distribution_iri,
      ok,
      failing,
      unverified: Number(r.unverified),
      ratio: ok + failing === 0 ? null : ok / (ok + failing),
    })
  }
  return out
}
