import type { Config } from '../config/config.js'
import type { Db } from '../db/database.js'
import { t } from '../i18n/catalogue.js'
import { describeHarvestError } from '../i18n/harvest-words.js'
import type { Lang } from '../i18n/lang.js'
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
  /** The language of the log lines (default English). */
  lang?: Lang
}): (ctx: { signal: AbortSignal }) => Promise<HarvestResult[]> {
  return (ctx) =>
    harvestAll(
      opts.db,
      opts.config,
      {
        fetchDocument: opts.fetchDocument,
        harvest: opts.config.harvest,
        onSourceDone: (r) =>
          opts.log?.(
            r.status === 'ok'
              ? t(opts.lang ?? 'en', 'harvest.job.ok', { source: r.sourceId, count: r.datasets })
              : t(opts.lang ?? 'en', 'harvest.job.failed', { source: r.sourceId, reason: r.failure.code, error: describeHarvestError(r.failure, opts.lang ?? 'en') }),
          ),
      },
      { signal: ctx.signal },
    )
}
