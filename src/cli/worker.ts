/**
 * `datavakt worker [--allow-private] [--id ID] [--max-hosts N] [--metrics-port N
 * [--metrics-host HOST]]`: one worker of the availability queue. Claims hosts of running
 * sweeps from PostgreSQL (or PGlite), probes them politely, stores the results, and waits
 * for more work. Run as many as needed, on as many machines, against one PostgreSQL.
 * SIGINT/SIGTERM stop it gracefully: probes in flight are recorded and held hosts go back
 * to the queue at once. With a metrics port it serves its own /metrics (and /healthz) for
 * Prometheus: the probes, fetch durations and lease expiries are counted in this process.
 */
import { defaultWorkerId, runWorker } from '../queue/run-worker.js'
import { loadConfig } from '../config/load-config.js'
import type { Config } from '../config/config.js'
import { commandEngine } from './command-engine.js'
import { openFromConfig } from './open-from-config.js'
import { intFlag, parseCommandArgs } from './parse.js'
import { stopOnSignal } from './stop-on-signal.js'
import { listen, type Listening } from './listen.js'
import { processMetrics } from './telemetry-sdk.js'
import { UsageError } from './usage-error.js'
import { logLeftLeased } from './left-leased.js'
import { t } from '../i18n/catalogue.js'
import { errorText } from '../i18n/datavakt-error.js'
import type { Lang } from '../i18n/lang.js'
import { createLogger, type Logger } from '../telemetry/logger.js'
import { observeBacklogs } from '../telemetry/instruments.js'
import { outboxBacklog } from '../read-model/outbox.js'
import { queueDepth } from '../read-model/work-runs.js'
import { metricsApp } from '../web/operations.js'

/** Runs `datavakt worker` until SIGINT/SIGTERM; returns the exit code. */
export async function run(args: string[], given?: Lang): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      'allow-private': { type: 'boolean', default: false },
      id: { type: 'string' },
      'max-hosts': { type: 'string' },
      'metrics-port': { type: 'string' },
      'metrics-host': { type: 'string' },
    },
    false,
  )
  const maxHosts = intFlag(values['max-hosts'], 'max-hosts', 1, 100_000)
  const metricsPort = intFlag(values['metrics-port'], 'metrics-port', 0, 65_535)
  const config = loadConfig()
  const lang = given ?? config.lang
  const log = createLogger()
  // Bound before the database is opened: a port that cannot be had stops the worker before anything is done.
  const metrics = await serveMetrics({ port: metricsPort, host: values['metrics-host'] }, config, lang, log)
  try {
    return await work(config, { allowPrivate: values['allow-private'], id: values.id, maxHosts }, lang, log)
  } finally {
    await metrics?.close()
  }
}

/**
 * The worker's own /metrics and /healthz (src/web/operations.ts), at `--metrics-port` /
 * `--metrics-host` or the configuration's `worker.metricsPort` / `worker.metricsHost`;
 * null when no port is set. The flags win over the configuration.
 */
async function serveMetrics(flags: { port: number | undefined; host: string | undefined }, config: Config, lang: Lang, log: Logger): Promise<Listening | null> {
  const port = flags.port ?? config.worker.metricsPort
  if (port === undefined) {
    if (flags.host !== undefined) throw new UsageError('cli.worker.metrics-host-alone', { option: '--metrics-host' })
    return null
  }
  const server = await listen(metricsApp(processMetrics().metricsText), {
    host: flags.host ?? config.worker.metricsHost,
    port,
    portSetBy: flags.port === undefined ? 'worker.metricsPort' : '--metrics-port',
    hostSetBy: flags.host === undefined ? 'worker.metricsHost' : '--metrics-host',
  })
  const url = `${server.url}metrics`
  log.info('worker.metrics', t(lang, 'cli.worker.metrics', { url }), { url })
  return server
}

/** Opens the database and works the queue until SIGINT/SIGTERM; returns the exit code. */
async function work(config: Config, opts: { allowPrivate: boolean; id: string | undefined; maxHosts: number | undefined }, lang: Lang, log: Logger): Promise<number> {
  const { database } = await openFromConfig({ config })
  const engine = commandEngine(config, opts.allowPrivate)
  const workerId = opts.id ?? defaultWorkerId()
  const stop = stopOnSignal(() => log.info('stopping', t(lang, 'cli.worker.stopping'), { worker: workerId }))
  // The queue and outbox gauges, on the worker's /metrics and over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
  const stopObserving = observeBacklogs({ queueDepth: () => queueDepth(database.db), outboxBacklog: () => outboxBacklog(database.db) })
  log.info('worker.started', t(lang, 'cli.worker.started', { id: workerId, kind: database.kind }), { worker: workerId, kind: database.kind })
  try {
    const stats = await runWorker({
      db: database.db,
      engine,
      workerId,
      config,
      ...(opts.maxHosts ? { maxHosts: opts.maxHosts } : {}),
      signal: stop.signal,
      onError: (err, host) => log.error('worker.error', `${host}: ${errorText(err, lang)}`, { host }, err),
    })
    log.info('worker.stopped', t(lang, 'cli.worker.stopped', { id: workerId, hosts: stats.hostsDone, probes: stats.probes, broken: stats.newlyBroken, healed: stats.healed }), { ...stats })
    logLeftLeased(log, lang, stats, config.availability.leaseSeconds)
    return 0
  } finally {
    stop.release()
    stopObserving()
    await engine.close()
    await database.close()
  }
}
