/**
 * `datavakt worker [--allow-private] [--id ID] [--max-hosts N]`: one worker of the
 * availability queue. Claims hosts of running sweeps from PostgreSQL (or PGlite), probes
 * them politely, stores the results, and waits for more work. Run as many as needed, on
 * as many machines, against one PostgreSQL. SIGINT/SIGTERM stop it gracefully: probes in
 * flight are recorded and held hosts go back to the queue at once.
 */
import { defaultMaxHosts, defaultWorkerId, runWorker } from '../queue/run-worker.js'
import { commandEngine } from './command-engine.js'
import { openFromConfig } from './open-from-config.js'
import { intFlag, parseCommandArgs } from './parse.js'
import { stopOnSignal } from './stop-on-signal.js'
import { t } from '../i18n/catalogue.js'
import { errorText } from '../i18n/datavakt-error.js'
import type { Lang } from '../i18n/lang.js'
import { createLogger } from '../telemetry/logger.js'
import { observeBacklogs } from '../telemetry/instruments.js'
import { outboxBacklog } from '../read-model/outbox.js'
import { queueDepth } from '../read-model/work-runs.js'

/** Runs `datavakt worker` until SIGINT/SIGTERM; returns the exit code. */
export async function run(args: string[], given?: Lang): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      'allow-private': { type: 'boolean', default: false },
      id: { type: 'string' },
      'max-hosts': { type: 'string' },
    },
    false,
  )
  const maxHosts = intFlag(values['max-hosts'], 'max-hosts', 1, 100_000)
  const { config, database } = await openFromConfig()
  const lang = given ?? config.lang
  const engine = commandEngine(config, values['allow-private'])
  const workerId = values.id ?? defaultWorkerId()
  const log = createLogger()
  const stop = stopOnSignal(() => log.info('stopping', t(lang, 'cli.worker.stopping'), { worker: workerId }))
  // Spans and metrics go over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (a worker serves no /metrics).
  const stopObserving = observeBacklogs({ queueDepth: () => queueDepth(database.db), outboxBacklog: () => outboxBacklog(database.db) })
  log.info('worker.started', t(lang, 'cli.worker.started', { id: workerId, kind: database.kind }), { worker: workerId, kind: database.kind })
  try {
    const stats = await runWorker({
      db: database.db,
      engine,
      workerId,
      policy: config.availability,
      leaseSeconds: config.availability.leaseSeconds,
      perHostConnections: config.http.perHostConnections,
      maxHosts: maxHosts ?? defaultMaxHosts(config.http),
      signal: stop.signal,
      onError: (err, host) => log.error('worker.error', `${host}: ${errorText(err, lang)}`, { host }, err),
    })
    log.info('worker.stopped', t(lang, 'cli.worker.stopped', { id: workerId, hosts: stats.hostsDone, probes: stats.probes, broken: stats.newlyBroken, healed: stats.healed }), { ...stats })
    return 0
  } finally {
    stop.release()
    stopObserving()
    await engine.close()
    await database.close()
  }
}
