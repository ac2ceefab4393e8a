import type { Config } from '../config/config.js'
import type { Db } from '../db/database.js'
import type { FetchDocumentFn } from './harvest-deps.js'
import { harvestAll, type HarvestResult } from './harvest-source.js'

/**
 * The nightly harvest as a scheduler job: harvests every configured source (preset
 * included) with the process's fetch engine, stopping between sources when the
 * scheduler's signal aborts. Pass it as `jobs.harvest` to startScheduler. Each run's
 * outcome is in harvest_runs; the returned results are for logging.
 */
export function createHarvestJob(opts: {
  db: Db
  config: Pick<Config, 'sources' | 'preset' | 'harvest'>
  fetchDocument: FetchDocumentFn
  log?: (message: string) => void
}): (ctx: { signal: AbortSignal }) => Promise<HarvestResult[]> {
  return (ctx) =>
    harvestAll(
      opts.db,
      opts.config,
      {
        fetchDocument: opts.fetchDocument,
        harvest: opts.config.harvest,
        onSourceDone: (r) =>
          opts.log?.(r.status === 'ok' ? `harvest ${r.sourceId}: ok, ${r.datasets} datasets` : `harvest ${r.sourceId}: failed [${r.code}] ${r.error}`),
      },
      { signal: ctx.signal },
    )
}
