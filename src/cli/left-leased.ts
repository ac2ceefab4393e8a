import { t } from '../i18n/catalogue.js'
import type { Lang } from '../i18n/lang.js'
import type { WorkerStats } from '../queue/run-worker.js'
import type { Logger } from '../telemetry/logger.js'

/**
 * The line a stopped worker (`datavakt worker`, the one inside `datavakt start`) leaves
 * when the database did not take all its hosts back in time: they stay leased until the
 * lease expires, and then another worker takes them over. Nothing when all went back.
 */
export function logLeftLeased(log: Logger, lang: Lang, stats: WorkerStats | null, leaseSeconds: number): void {
  if (!stats || stats.leftLeased === 0) return
  const fields = { worker: stats.workerId, hosts: stats.leftLeased, leaseSeconds }
  log.warn('worker.left-leased', t(lang, 'cli.worker.left-leased', { hosts: stats.leftLeased, seconds: leaseSeconds }), fields)
}
