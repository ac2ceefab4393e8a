import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
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

const DAY_MS = 86_400_000

export interface DemoOptions {
  seed: number
  distributions: number
  hosts?: number
  days: number
  port: number
  lang: 'sv' | 'en'
  /** Stop after the checks instead of serving the dashboard (tests, CI). */
  serve: boolean
  /** Data folder; default a fresh temporary one. */
  dataDir?: string
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

/**
 * The whole job on the simulated region, with zero set-up: starts the world on loopback,
 * configures datavakt to watch it (loopback allowed for this run only), and for each
 * simulated day harvests (day 0), sweeps availability, runs the content checks and scores,
 * so trends and the broken-after-24-hours rule have history. Then serves the dashboard.
 * The database is embedded PGlite in a fresh folder: nothing from an earlier run mixes in.
 */
export async function runDemo(opts: DemoOptions): Promise<DemoRun> {
  const { log } = opts
  const today = Date.parse(new Date().toISOString().slice(0, 10) + 'T00:00:00Z')
  // Day 0 is (days - 1) days ago, so the last simulated day is today and freshness is
  // judged against real dates.
  const epoch = new Date(today - (opts.days - 1) * DAY_MS).toISOString().slice(0, 10)
  const t0 = performance.now()
  const world = await startWorld({
    seed: opts.seed,
    distributions: opts.distributions,
    hosts: opts.hosts ?? Math.max(60, Math.ceil(opts.distributions / 15)),
    epoch,
    // Our own loopback world: stalls and Retry-After short, huge bodies smaller, so the
    // demo takes about a minute. The checker's politeness rules are the real ones.
    slowMs: 8_000,
    retryAfterSeconds: 2,
    hugeBytes: 256 * 1024 * 1024,
    bombBytes: 256 * 1024 * 1024,
  })
  log(`1/5 Simulerad region igång: ${world.catalogues.length} organisationer, ${world.datasetCount} datamängder, ${world.distributionCount} distributioner på ${world.hosts.length + world.deadHosts.length} värdar (127.0.x.y) — ${ms(t0)}`)

  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'datavakt-demo-'))
  const config = parseConfig(
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
    },
    'demo configuration',
  )
  const database = await openDatabase({ dataDir })
  await migrateToLatest(database.db)
  log(`   Databas: inbäddad PGlite i ${dataDir}`)
  // A fresh engine per simulated day: a host slowed down by Retry-After stays slow for the
  // rest of that day's sweep, not forever.
  let engine = createFetchEngine(config.http, { allowPrivateNetworks: true })
  const closeAll = async () => {
    await engine.close()
    await database.close()
    await world.close()
  }

  try {
    for (let day = 0; day < opts.days; day++) {
      world.setDay(day)
      if (day > 0) {
        await engine.close()
        engine = createFetchEngine(config.http, { allowPrivateNetworks: true })
      }
      const now = new Date(Date.parse(epoch + 'T00:00:00Z') + day * DAY_MS + 12 * 3_600_000)
      const label = `dag ${day + 1}/${opts.days} (${now.toISOString().slice(0, 10)})`
      if (day === 0) {
        const t = performance.now()
        const results = await harvestAll(database.db, config, { fetchDocument: engine.fetchDocument.bind(engine), harvest: config.harvest })
        const ok = results.filter((r) => r.status === 'ok').length
        const datasets = results.reduce((a, r) => a + (r.status === 'ok' ? r.datasets : 0), 0)
        log(`2/5 Skördat ${ok}/${results.length} kataloger, ${datasets} datamängder — ${ms(t)}`)
      }
      let t = performance.now()
      const sweep = await runSweep({
        db: database.db,
        engine,
        http: config.http,
        availability: config.availability,
        trigger: 'demo',
        worker: { now: () => now },
        onProgress: (p) => progress(`   ${label}: tillgänglighet ${p.probed}/${p.urls}`),
      })
      endProgress()
      const s = sweep.summary
      const outcomes = Object.entries(s.byOutcome).map(([k, v]) => `${k} ${v}`).join(', ')
      const changes = [s.newlyBroken ? `${s.newlyBroken} nya trasiga` : '', s.healed ? `${s.healed} lagade` : ''].filter(Boolean).join(', ')
      log(`3/5 ${label}: tillgänglighet för ${s.probed} adresser på ${s.hosts} värdar (${outcomes}${changes ? `; ${changes}` : ''}) — ${ms(t)}`)
      t = performance.now()
      const content = await runContentSweep({
        db: database.db,
        engine,
        config,
        now,
        onProgress: (p) => progress(`   ${label}: innehåll ${p.done}/${p.total}`),
      })
      endProgress()
      log(
        `4/5 ${label}: innehåll — ${content.downloaded} filer hämtade, ${content.notModified} oförändrade (304), ${content.failed} gick inte att hämta; ${content.results} kontrollresultat — ${ms(t)}`,
      )
      t = performance.now()
      const scores = await computeScores({ db: database.db, now })
      log(`5/5 ${label}: poäng beräknade, regionen ${scores.regionTotal ?? '–'}/100 — ${ms(t)}`)
    }
  } catch (err) {
    await closeAll()
    throw err
  }

  if (!opts.serve) return { world, database, config, close: closeAll }
  const app = createApp({ db: database.db, lang: opts.lang })
  const server = serve({ fetch: app.fetch, port: opts.port, hostname: '127.0.0.1' })
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve())
    server.once('error', reject)
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : opts.port
  const url = `http://127.0.0.1:${port}/`
  return {
    world,
    database,
    config,
    url,
    close: async () => {
      server.close()
      await closeAll()
    },
  }
}

function ms(t: number): string {
  const d = performance.now() - t
  return d < 1000 ? `${Math.round(d)} ms` : `${(d / 1000).toFixed(1)} s`
}

let progressShown = false
function progress(line: string) {
  if (!process.stderr.isTTY) return
  process.stderr.write(`\r${line.padEnd(70)}`)
  progressShown = true
}
function endProgress() {
  if (progressShown) process.stderr.write('\r' + ' '.repeat(72) + '\r')
  progressShown = false
}
