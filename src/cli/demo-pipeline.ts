import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startWorld, type World } from '../demo/start-world.js'
import { parseConfig } from '../config/load-config.js'
import type { Config } from '../config/config.js'
import { openDatabase, type OpenDatabase } from '../db/open-database.js'
import { migrateToLatest } from '../db/migrate.js'
import { createFetchEngine } from '../fetch/create-fetch-engine.js'
import { harvestAll } from '../harvest/harvest-source.js'
import { runSweep } from '../queue/run-sweep.js'
import { runContentSweep } from '../content/run-content-sweep.js'
import { computeScores } from '../scoring/compute-scores.js'
import { createApp } from '../web/create-app.js'
import { defaultHostCount } from '../demo/demo-size.js'
import { t, type MessageKey } from '../i18n/catalogue.js'
import type { Lang } from '../i18n/lang.js'
import type { MessageParams } from '../domain/finding.js'
import { resolveLinkSecret } from '../alerts/links.js'
import { processMetrics } from './telemetry-sdk.js'
import { listen, type Listening } from './listen.js'
import { observeBacklogs } from '../telemetry/instruments.js'
import { outboxBacklog } from '../read-model/outbox.js'
import { queueDepth } from '../read-model/work-runs.js'
import { demoAlertsConfig, demoAlertsDay, demoOutboxDir, followInDemo } from './demo-alerts.js'

const DAY_MS = 86_400_000

export interface DemoOptions {
  seed: number
  distributions: number
  hosts?: number
  days: number
  port: number
  lang: Lang
  /** Stop after the checks instead of serving the dashboard (tests, CI). */
  serve: boolean
  /** Data folder, kept afterwards; default a fresh temporary one, removed on close unless `keep`. */
  dataDir?: string
  /** Keep the temporary data folder on close. */
  keep?: boolean
  /** The moment the demo runs at (tests); default now. */
  now?: Date
  log: (line: string) => void
}

export interface DemoRun {
  world: World
  database: OpenDatabase
  config: Config
  /** Set when serving. */
  url?: string
  close(): Promise<void>
}

/** What one simulated day works with. */
interface DemoContext {
  opts: DemoOptions
  world: World
  database: OpenDatabase
  config: Config
  secret: string
  epoch: string
  engine: ReturnType<typeof createFetchEngine>
}

/**
 * The whole job on the simulated region, with zero set-up: starts the world on loopback,
 * configures datavakt to watch it (loopback allowed for this run only), and for each
 * simulated day harvests (day 0), sweeps availability, runs the content checks, scores and
 * writes the alerts' e-mails as .eml files, so trends, the broken-after-24-hours rule and
 * the digests have history. Then serves the dashboard. The database is embedded PGlite in
 * `dataDir`, or in a fresh temporary folder (nothing from an earlier run mixes in) that
 * close() removes unless `keep`; the .eml files go to a folder of their own that stays.
 */
export async function runDemo(opts: DemoOptions): Promise<DemoRun> {
  const epoch = demoEpoch(opts.now ?? new Date(), opts.days)
  const world = await startDemoWorld(opts, epoch)
  const temporary = opts.dataDir === undefined
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'datavakt-demo-'))
  const removeTemporary = () => {
    if (temporary && !opts.keep) rmSync(dataDir, { recursive: true, force: true })
  }
  const config = demoConfig(world, dataDir, opts)
  let database: OpenDatabase
  let secret: string
  try {
    database = await openDatabase({ dataDir })
    await migrateToLatest(database.db)
    secret = await resolveLinkSecret(config, database.kind)
  } catch (err) {
    await world.close()
    removeTemporary()
    throw err
  }
  opts.log(t(opts.lang, temporary ? (opts.keep ? 'demo.step.database-kept' : 'demo.step.database-temporary') : 'demo.step.database', { dir: dataDir }))
  const ctx: DemoContext = { opts, world, database, config, secret, epoch, engine: createFetchEngine(config.http, { allowPrivateNetworks: true }) }
  const closeAll = async () => {
    await ctx.engine.close()
    await database.close()
    await world.close()
    removeTemporary()
  }
  try {
    for (let day = 0; day < opts.days; day++) await playDay(ctx, day)
  } catch (err) {
    await closeAll()
    throw err
  }
  opts.log(t(opts.lang, 'demo.step.mail', { n: readdirSync(config.alerts.outboxDir).filter((f) => f.endsWith('.eml')).length }))
  opts.log(config.alerts.outboxDir)
  if (!opts.serve) return { world, database, config, close: closeAll }
  return serveDemo(ctx, closeAll)
}

/**
 * The calendar date of day 0. Each simulated day is played at noon (UTC), and the last one
 * is the latest noon that has passed: today after noon, else yesterday. So freshness is
 * judged against real dates and nothing is dated in the future (read before noon, a last
 * day at today's noon left its probes out of every "last 30 days", and the HVD section said
 * "0 % of 1 check" beside "failed 2 times in a row").
 */
export function demoEpoch(now: Date, days: number): string {
  const midnight = Date.parse(now.toISOString().slice(0, 10) + 'T00:00:00Z')
  const lastDay = now.getTime() >= midnight + DAY_MS / 2 ? midnight : midnight - DAY_MS
  return new Date(lastDay - (days - 1) * DAY_MS).toISOString().slice(0, 10)
}

/** Starts the simulated region on loopback and says what it holds. */
async function startDemoWorld(opts: DemoOptions, epoch: string): Promise<World> {
  const t0 = performance.now()
  const world = await startWorld({
    seed: opts.seed,
    distributions: opts.distributions,
    hosts: opts.hosts ?? defaultHostCount(opts.distributions),
    epoch,
    // Our own loopback world: stalls and Retry-After short, huge bodies smaller, so the
    // demo stays short. The checker's politeness rules are the real ones.
    slowMs: 8_000,
    retryAfterSeconds: 2,
    hugeBytes: 256 * 1024 * 1024,
    bombBytes: 256 * 1024 * 1024,
  })
  opts.log(
    t(opts.lang, 'demo.step.world', {
      organisations: world.catalogues.length,
      datasets: world.datasetCount,
      distributions: world.distributionCount,
      hosts: world.hosts.length,
      dead: world.deadHosts.length,
      took: ms(t0),
    }),
  )
  return world
}

/** datavakt's configuration for watching the world: its catalogues, loopback allowed, shorter waits, every publisher an alert contact. */
function demoConfig(world: World, dataDir: string, opts: DemoOptions): Config {
  return parseConfig(
    {
      sources: world.catalogues.map((c, i) => ({ id: `org-${String(i + 1).padStart(2, '0')}`, kind: 'dcat', url: c.url, organisation: c.organisationIri })),
      allowPrivateNetworks: true,
      dataDir,
      lang: opts.lang,
      // Same rules as production, shorter waits: our own server on loopback can take it.
      http: {
        perHostGapMs: 10,
        maxHostGapMs: 80,
        maxRetryAfterMs: 2_000,
        connectTimeoutMs: 2_000,
        headersTimeoutMs: 3_000,
        bodyTimeoutMs: 3_000,
        urlBudgetMs: 15_000,
      },
      content: { maxBytes: 32 * 1024 * 1024 },
      alerts: demoAlertsConfig(world.catalogues.map((c) => c.organisationIri), demoOutboxDir(dataDir, opts.dataDir !== undefined || opts.keep === true)),
      // The e-mails' links lead to the dashboard the demo serves (a free port has no address yet).
      ...(opts.port > 0 ? { web: { publicUrl: `http://127.0.0.1:${opts.port}` } } : {}),
    },
    'demo configuration',
  )
}

/** One simulated day at noon: harvest (day 0), availability, content, scores, e-mails. */
async function playDay(ctx: DemoContext, day: number): Promise<void> {
  const { opts, database, config } = ctx
  const lang = opts.lang
  ctx.world.setDay(day)
  if (day > 0) {
    // A fresh engine per simulated day: a host slowed down by Retry-After stays slow for
    // the rest of that day's sweep, not forever.
    await ctx.engine.close()
    ctx.engine = createFetchEngine(config.http, { allowPrivateNetworks: true })
  }
  const now = new Date(Date.parse(ctx.epoch + 'T00:00:00Z') + day * DAY_MS + 12 * 3_600_000)
  const label = t(lang, 'demo.day', { day: day + 1, days: opts.days, date: now.toISOString().slice(0, 10) })
  if (day === 0) await harvestDay0(ctx, now)
  await availabilityStep(ctx, now, label)
  await contentStep(ctx, now, label)
  await timedStep(ctx, 'demo.step.scores', () => computeScores({ db: database.db, now }), (scores) => ({ label, score: scores.regionTotal ?? '–' }))
  await timedStep(ctx, 'demo.step.alerts', () => demoAlertsDay(database.db, config, ctx.secret, now, day % 7 === 6), (mail) => ({ label, queued: mail.queued, written: mail.written }))
}

/**
 * Runs one step of a simulated day, then logs the step's line (`key`) with what `report`
 * draws from its result and how long it took. A step that shows progress has it cleared first.
 */
async function timedStep<T>(ctx: DemoContext, key: MessageKey, run: () => Promise<T>, report: (result: T) => MessageParams): Promise<T> {
  const started = performance.now()
  const result = await run()
  endProgress()
  ctx.opts.log(t(ctx.opts.lang, key, { ...report(result), took: ms(started) }))
  return result
}

/** Day 0: harvests every catalogue, and a reuser follows the first organisation. */
async function harvestDay0(ctx: DemoContext, now: Date): Promise<void> {
  const harvest = () => harvestAll(ctx.database.db, ctx.config, { fetchDocument: ctx.engine.fetchDocument.bind(ctx.engine), harvest: ctx.config.harvest })
  await timedStep(ctx, 'demo.step.harvest', harvest, (results) => ({
    ok: results.filter((r) => r.status === 'ok').length,
    catalogues: results.length,
    datasets: results.reduce((a, r) => a + (r.status === 'ok' ? r.datasets : 0), 0),
  }))
  const first = ctx.world.catalogues[0]
  if (first) await followInDemo(ctx.database.db, ctx.config, ctx.secret, first.organisationIri, now)
}

async function availabilityStep(ctx: DemoContext, now: Date, label: string): Promise<void> {
  const { opts, config } = ctx
  const sweep = () =>
    runSweep({
      db: ctx.database.db,
      engine: ctx.engine,
      config,
      trigger: 'demo',
      worker: { now: () => now },
      onProgress: (p) => progress(t(opts.lang, 'demo.progress.availability', { label, done: p.probed, total: p.urls }), p.probed, p.urls),
    })
  await timedStep(ctx, 'demo.step.availability', sweep, ({ summary: s }) => ({
    label,
    probed: s.probed,
    hosts: s.hosts,
    ok: s.byOutcome.ok ?? 0,
    failing: s.byOutcome.failing ?? 0,
    unverified: s.byOutcome.unverified ?? 0,
    broken: s.newlyBroken,
    healed: s.healed,
  }))
}

async function contentStep(ctx: DemoContext, now: Date, label: string): Promise<void> {
  const { opts } = ctx
  const sweep = () =>
    runContentSweep({
      db: ctx.database.db,
      engine: ctx.engine,
      config: ctx.config,
      now,
      onProgress: (p) => progress(t(opts.lang, 'demo.progress.content', { label, done: p.done, total: p.total }), p.done, p.total),
    })
  await timedStep(ctx, 'demo.step.content', sweep, (content) => ({
    label,
    n: content.downloaded,
    notModified: content.notModified,
    failed: content.failed,
    results: content.results,
  }))
}

/** Serves the dashboard (and the admin page of the outbox) on loopback. */
async function serveDemo(ctx: DemoContext, closeAll: () => Promise<void>): Promise<DemoRun> {
  const { opts, database, config, world } = ctx
  const metrics = processMetrics()
  const app = createApp({ db: database.db, lang: opts.lang, alerts: { config, secret: ctx.secret }, admin: { config }, ...metrics })
  const stopObserving = metrics.metricsText ? observeBacklogs({ queueDepth: () => queueDepth(database.db), outboxBacklog: () => outboxBacklog(database.db) }) : () => {}
  let server: Listening
  try {
    server = await listen(app, { host: '127.0.0.1', port: opts.port, portSetBy: '--port' })
  } catch (err) {
    stopObserving()
    await closeAll()
    throw err
  }
  return {
    world,
    database,
    config,
    url: server.url,
    close: async () => {
      await server.close()
      stopObserving()
      await closeAll()
    },
  }
}

function ms(t: number): string {
  const d = performance.now() - t
  return d < 1000 ? `${Math.round(d)} ms` : `${(d / 1000).toFixed(1)} s`
}

let progressShown = false
let lastQuarter = -1
/**
 * Progress inside a long step on stderr: redrawn in place on a terminal; otherwise (a log,
 * CI) a line at each quarter, so a long step is never silent.
 */
function progress(line: string, done: number, total: number) {
  if (process.stderr.isTTY) {
    process.stderr.write(`\r   ${line.padEnd(70)}`)
    progressShown = true
    return
  }
  const quarter = total === 0 ? 4 : Math.floor((done / total) * 4)
  if (quarter !== lastQuarter && quarter > 0 && quarter < 4) process.stderr.write(`   ${line}\n`)
  lastQuarter = quarter
}
function endProgress() {
  if (progressShown) process.stderr.write('\r' + ' '.repeat(74) + '\r')
  progressShown = false
  lastQuarter = -1
}
