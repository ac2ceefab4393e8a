import { intFlag, parseCommandArgs } from './parse.js'
import { t } from '../i18n/catalogue.js'
import { DatavaktError, errorText } from '../i18n/datavakt-error.js'
import type { Lang } from '../i18n/lang.js'
import { commandEngine } from './command-engine.js'
import { openFromConfig } from './open-from-config.js'
import { createApp } from '../web/create-app.js'
import { startBackground, type StartBackgroundOptions } from '../scheduler/start-background.js'
import type { JobEvent } from '../scheduler/start-scheduler.js'
import type { Config } from '../config/config.js'
import { adminActions } from '../scheduler/admin-actions.js'
import { createHarvestJob } from '../harvest/harvest-job.js'
import { runContentSweep } from '../content/run-content-sweep.js'
import { computeScores } from '../scoring/compute-scores.js'
import { rollupDay } from '../scoring/rollup-day.js'
import { observeHarvest } from '../alerts/observe.js'
import { runAlertsJob } from '../alerts/deliver-outbox.js'
import { runOutboxJob } from '../alerts/immediate-policy.js'
import { queueRegionalSummary } from '../alerts/regional-summary.js'
import { resolveLinkSecret } from '../alerts/links.js'
import type { Db } from '../db/database.js'
import type { DatabaseKind } from '../db/open-database.js'
import type { HarvestResult } from '../harvest/harvest-source.js'
import type { AlertPolicy } from '../alerts/alert-policy.js'
import { createLogger, type Logger } from '../telemetry/logger.js'
import { observeBacklogs } from '../telemetry/instruments.js'
import { inSpan, SPANS } from '../telemetry/spans.js'
import { outboxBacklog } from '../read-model/outbox.js'
import { queueDepth } from '../read-model/work-runs.js'
import { processMetrics } from './telemetry-sdk.js'
import { listen, type ListenAt } from './listen.js'
import { maintainProbeHistory } from '../db/probe-retention.js'
import { keepUpEmbedded } from '../db/embedded-upkeep.js'
import { interruptOrphanedRuns } from '../db/run-owner.js'
import { untilStopSignal } from './stop-on-signal.js'
import { logLeftLeased } from './left-leased.js'

/** `datavakt start`: migrates, then runs scheduler, worker and web server until SIGINT/SIGTERM. */
export async function run(args: string[], given?: Lang): Promise<number> {
  const { values } = parseCommandArgs(args, { port: { type: 'string' }, 'allow-private': { type: 'boolean' } }, false)
  const portFlag = intFlag(values.port, 'port', 0, 65_535)
  const opened = await openFromConfig()
  const database = opened.database
  // --port is where the server listens, so it is also where e-mails and feeds link to when
  // no web.publicUrl is set (with --port 0, any free port, only a web.publicUrl can say).
  const config = portFlag ? { ...opened.config, web: { ...opened.config.web, port: portFlag } } : opened.config
  const lang = given ?? config.lang
  const port = portFlag ?? config.web.port
  const log = createLogger()
  log.info('database', t(lang, 'cli.database', { kind: database.kind, location: database.location }), { kind: database.kind })
  await closeOrphanedRuns(database.db, log, lang)
  if (config.sources.length === 0) log.warn('no-sources', t(lang, 'cli.start.no-sources'))
  // Without a link secret nothing is sent (the alerts job refuses, naming alerts.linkSecret)
  // and the follow form and link pages are not served; the rest runs.
  const linkSecret = await resolveLinkSecret(config, database.kind).catch((err: unknown) => {
    if (!(err instanceof DatavaktError)) throw err
    log.error('link-secret', err.describe(lang), {}, err)
    return undefined
  })
  // One engine per process; the in-process worker probes through it (embedded mode).
  const engine = commandEngine(config, values['allow-private'])
  const harvestJob = createHarvestJob({
    db: database.db,
    config,
    fetchDocument: engine.fetchDocument.bind(engine),
    log: (line) => log.info('harvest.source', line),
    lang,
  })
  // The content job: every file on schedule, one file when an operator asks (admin API).
  const contentJob = async (distributionIris?: string[]) => {
    const summary = await runContentSweep({ db: database.db, engine, config, ...(distributionIris ? { distributionIris } : {}) })
    log.info('content.done', t(lang, 'cli.start.content-done', { downloaded: summary.downloaded, notModified: summary.notModified, failed: summary.failed }), { downloaded: summary.downloaded, notModified: summary.notModified, failed: summary.failed })
    await computeScores({ db: database.db })
  }
  const background = await startBackground({
    db: database.db,
    kind: database.kind,
    config,
    engine,
    // The availability sweep job is startBackground's own; the others are plugged in here.
    jobs: scheduledJobs({ db: database.db, kind: database.kind, config, lang, log, linkSecret, harvestJob, contentJob }),
    onEvent: (e) => logJobEvent(log, e, lang),
    onWorkerError: (err, host) => log.error('worker.error', `${host}: ${errorText(err, lang)}`, { host }, err),
  })
  const admin = adminActions({
    db: database.db,
    scheduler: background.scheduler,
    recheck: contentJob,
    configured: config.alerts.contacts,
    onError: (err, iri) => log.error('admin.error', `${iri}: ${errorText(err, lang)}`, { iri }, err),
  })
  const stopObserving = observeBacklogs({ queueDepth: () => queueDepth(database.db), outboxBacklog: () => outboxBacklog(database.db) })
  const app = createApp({
    db: database.db,
    lang: config.lang,
    publicUrl: config.web.publicUrl,
    alerts: { config, secret: linkSecret },
    admin: { config },
    rateLimit: config.web.rateLimit,
    readCache: config.web.readCache,
    adminApi: { ...(config.web.adminToken ? { token: config.web.adminToken } : {}), actions: admin },
    logError: (line, err) => log.error('web.error', line, {}, err),
    ...processMetrics(),
  })
  const at = { host: config.web.host, port, portSetBy: portFlag === undefined ? 'web.port' : '--port', hostSetBy: 'web.host' }
  try {
    await serveUntilStopped(app, at, lang, log)
  } finally {
    // Also when the port cannot be had: the scheduler and the worker must not keep the process alive.
    logLeftLeased(log, lang, await background.stop(), config.availability.leaseSeconds)
    stopObserving()
    await engine.close()
    await database.close()
  }
  return 0
}

/** Closes the runs a killed process left 'running' (a harvest, a content run) before any new one starts, and says how many. */
async function closeOrphanedRuns(db: Db, log: Logger, lang: Lang): Promise<void> {
  const interrupted = await interruptOrphanedRuns(db)
  const counts = { harvests: interrupted.harvestRuns.length, content: interrupted.checkRuns.length }
  if (counts.harvests + counts.content > 0) log.warn('interrupted-runs', t(lang, 'cli.start.interrupted', counts), counts)
}

/** Tells the alerts how each catalogue's harvest went: a catalogue that cannot be harvested is a problem of its own. */
async function observeHarvests(db: Db, results: HarvestResult[], policy: AlertPolicy): Promise<void> {
  const sources = new Map((await db.selectFrom('catalogue_sources').select(['id', 'url', 'organisation']).execute()).map((s) => [s.id, s]))
  const at = new Date()
  for (const r of results) {
    const source = sources.get(r.sourceId)
    const failed = r.status === 'failed'
    await observeHarvest(db, { sourceId: r.sourceId, organisation: source?.organisation ?? null, ok: !failed, at, errorCode: failed ? r.failure.code : null, url: source?.url ?? '' }, policy)
  }
}

/** The jobs `start` plugs into the scheduler beside the availability sweep. */
function scheduledJobs(deps: {
  db: Db
  kind: DatabaseKind
  config: Config
  lang: Lang
  log: Logger
  linkSecret: string | undefined
  harvestJob: ReturnType<typeof createHarvestJob>
  contentJob: () => Promise<void>
}): StartBackgroundOptions['jobs'] {
  const { db, config, lang, log, linkSecret } = deps
  return traced({
    harvest: async (ctx) => {
      const results = await deps.harvestJob(ctx)
      await observeHarvests(db, results, config.alerts)
      // A harvest rewrites the distributions: fresh statistics for the sweeps that follow.
      await keepUpEmbedded(db, deps.kind)
    },
    contentChecks: () => deps.contentJob(),
    rollups: async () => {
      // Today's scores, and yesterday's rollup closed with everything that day saw.
      await computeScores({ db })
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
      await rollupDay({ db, day: yesterday })
    },
    alerts: async () => {
      const r = await runAlertsJob(db, config, new Date(), linkSecret)
      log.info('alerts.done', t(lang, 'cli.start.alerts-done', { queued: r.queued, sent: r.sent, waiting: r.waiting }), { ...r })
    },
    regionalSummary: async () => {
      // Without a link secret nothing is sent: no e-mail goes out without its unsubscribe link.
      if (!linkSecret) return
      await queueRegionalSummary(db, config, new Date(), linkSecret)
      await runOutboxJob(db, config, new Date(), linkSecret)
    },
    retention: async () => {
      const r = await maintainProbeHistory(db, config.retention)
      await keepUpEmbedded(db, deps.kind)
      const counts = { deleted: r.deleted, dropped: r.droppedPartitions.length, made: r.madePartitions.length }
      log.info('retention.done', t(lang, 'cli.start.retention-done', counts), counts)
    },
    alertsOutbox: async () => {
      if (!linkSecret) return
      const r = await runOutboxJob(db, config, new Date(), linkSecret)
      if (r.queued + r.sent > 0) log.info('alerts.done', t(lang, 'cli.start.alerts-done', { queued: r.queued, sent: r.sent, waiting: r.waiting }), { ...r })
    },
  })
}

/** Each job in a `datavakt.job` span, so what it does (harvests, checks, sends) and logs shares one trace. */
function traced(jobs: NonNullable<StartBackgroundOptions['jobs']>): NonNullable<StartBackgroundOptions['jobs']> {
  return Object.fromEntries(Object.entries(jobs).map(([name, job]) => [name, (ctx: Parameters<typeof job>[0]) => inSpan(SPANS.job, { job: name }, () => job(ctx))]))
}

/** One line per job start, end and failure, in the operator's language. */
function logJobEvent(log: Logger, e: JobEvent, lang: Lang): void {
  const at = e.at.toISOString().slice(0, 19).replace('T', ' ')
  const fields = { job: e.name, ...(e.ms === undefined ? {} : { ms: e.ms }) }
  if (e.status === 'failed') log.error('job.failed', t(lang, 'cli.start.job-failed', { at, name: e.name, error: e.error ? errorText(e.error, lang) : undefined }), fields, e.error)
  else if (e.status === 'started') log.info('job.started', t(lang, 'cli.start.job-started', { at, name: e.name }), fields)
  else if (e.status === 'done') log.info('job.done', t(lang, 'cli.start.job-done', { at, name: e.name, seconds: Math.round((e.ms ?? 0) / 1000) }), fields)
}

/** Serves `app` at `at`, says where, and returns once SIGINT or SIGTERM asks it to stop (the server closed). */
async function serveUntilStopped(app: { fetch: (req: Request) => Response | Promise<Response> }, at: ListenAt, lang: Lang, log: Logger): Promise<void> {
  const server = await listen(app, at)
  log.info('running', t(lang, 'cli.start.running', { url: server.url }), { url: server.url })
  await untilStopSignal()
  log.info('stopping', t(lang, 'cli.stopping'))
  await server.close()
}
