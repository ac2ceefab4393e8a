import { storedFailure } from '../db/harvest-runs.js'
import { describeHarvestError } from '../i18n/harvest-words.js'
import type { Lang } from '../i18n/lang.js'
import type { Db } from '../db/database.js'

/**
 * The latest harvest runs, newest first, optionally of one catalogue source. A failed run's
 * `error` is its reason in `lang`; `error_code` and `error_params` are the stored data.
 */
export async function listHarvestRuns(db: Db, opts: { sourceId?: string; limit: number; lang: Lang }) {
  let q = db
    .selectFrom('harvest_runs')
    .select(['id', 'source_id', 'started_at', 'finished_at', 'status', 'http_status', 'error', 'error_position', 'error_code', 'error_params', 'datasets', 'distributions', 'data_services', 'added', 'changed', 'withdrawn'])
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit)
  if (opts.sourceId) q = q.where('source_id', '=', opts.sourceId)
  return (await q.execute()).map((r) => {
    const failure = storedFailure(r)
    return { ...r, error_code: failure?.code ?? null, error_params: failure?.params ?? null, error: failure ? describeHarvestError(failure, opts.lang) : null }
  })
}

/** The latest sweeps (availability rounds), newest first, with how many of their hosts are done. */
export async function listSweeps(db: Db, opts: { limit: number }) {
  return db
    .selectFrom('sweeps as s')
    .select(['s.id', 's.kind', 's.status', 's.trigger', 's.created_at', 's.finished_at', 's.hosts', 's.urls'])
    .select((eb) =>
      eb
        .selectFrom('sweep_hosts as h')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('h.sweep_id', '=', 's.id')
        .where('h.status', '=', 'done')
        .as('hosts_done'),
    )
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(opts.limit)
    .execute()
}

/** The work queue's depth: hosts of running sweeps not yet done, and the URLs on them, by state (pending, leased). */
export async function queueDepth(db: Db): Promise<{ state: 'pending' | 'leased'; hosts: number; urls: number }[]> {
  const rows = await db
    .selectFrom('sweep_hosts as h')
    .innerJoin('sweeps as s', 's.id', 'h.sweep_id')
    .select((eb) => ['h.status', eb.fn.countAll<number>().as('hosts'), eb.fn.coalesce(eb.fn.sum<number>('h.urls'), eb.lit(0)).as('urls')])
    .where('s.status', '=', 'running')
    .where('h.status', 'in', ['pending', 'leased'])
    .groupBy('h.status')
    .execute()
  return (['pending', 'leased'] as const).map((state) => {
    const r = rows.find((x) => x.status === state)
    return { state, hosts: Number(r?.hosts ?? 0), urls: Number(r?.urls ?? 0) }
  })
}
