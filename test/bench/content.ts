/**
 * `npm run bench:content`: the daily content job on a simulated region. Starts the world
 * (default 2000 distributions on 60 hosts, all on loopback), harvests its catalogues into a
 * fresh PGlite database, runs one content sweep with the registered checks and the default
 * politeness (2 connections and 250 ms gap per host), then computes scores and the day's
 * rollups; then moves the world one day on and sweeps again (conditional requests).
 * Prints time, bytes, files/s, peak RSS and how well the findings match the ground truth.
 *
 * The world and PGlite run in this process too, so the RSS includes them (PGlite alone
 * reserves ~700 MiB); the figure printed next to it is what the process held before the
 * sweeps, so the difference is the sweep's. Bodies over the
 * cap (huge-body, gzip-bomb) are checked up to content.maxBytes, default here 256 MiB
 * (set CONTENT_MAX_BYTES to change it). Stalling URLs get a 3 s limit.
 *
 * Options: --distributions N --hosts N --seed N
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { defaultConfig, type Config } from '../../src/config/config.js'
import { runContentSweep } from '../../src/content/run-content-sweep.js'
import { latestCheckResultsAsOf } from '../../src/db/content-store.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { openDatabase } from '../../src/db/open-database.js'
import { startWorld } from '../../src/demo/start-world.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { harvestSource } from '../../src/harvest/harvest-source.js'
import { computeScores } from '../../src/scoring/compute-scores.js'
import { rollupDay } from '../../src/scoring/rollup-day.js'
import { wholeNumber } from './bench-args.js'

const { values: argv } = parseArgs({
  options: {
    distributions: { type: 'string', default: '2000' },
    hosts: { type: 'string', default: '60' },
    seed: { type: 'string', default: '1' },
  },
})

let peakRss = 0
let peakHeap = 0
const sampler = setInterval(() => {
  const m = process.memoryUsage()
  peakRss = Math.max(peakRss, m.rss)
  peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers)
}, 100)
const mb = (n: number) => (n / 1_048_576).toFixed(1)
const secs = (ms: number) => (ms / 1000).toFixed(1)

const world = await startWorld({
  seed: wholeNumber('bench:content', 'seed', argv.seed, 0),
  distributions: wholeNumber('bench:content', 'distributions', argv.distributions),
  hosts: wholeNumber('bench:content', 'hosts', argv.hosts),
  slowMs: 10_000,
})
const dir = mkdtempSync(join(tmpdir(), 'datavakt-bench-content-'))
const { db, close } = await openDatabase({ dataDir: dir })
await migrateToLatest(db)
const config: Config = {
  ...defaultConfig,
  allowPrivateNetworks: true,
  http: { ...defaultConfig.http, headersTimeoutMs: 3000, bodyTimeoutMs: 3000, urlBudgetMs: 10_000 },
  content: { ...defaultConfig.content, maxBytes: Number(process.env.CONTENT_MAX_BYTES ?? 256 * 1024 * 1024) },
}
const engine = createFetchEngine(config.http, { allowPrivateNetworks: true })
try {
  let t0 = performance.now()
  for (const [i, c] of world.catalogues.entries()) {
    await harvestSource(db, { id: `org${i}`, kind: 'dcat', url: c.url, organisation: c.organisationIri }, { fetchDocument: (u, o) => engine.fetchDocument(u, o), harvest: config.harvest })
  }
  console.log(`harvest: ${world.catalogues.length} catalogues in ${secs(performance.now() - t0)} s`)
  // PGlite reserves its WebAssembly memory up front (~700 MiB RSS); measure what the sweep adds.
  const base = process.memoryUsage()
  const baseRss = base.rss
  const baseHeap = base.heapUsed + base.arrayBuffers
  peakRss = baseRss
  peakHeap = baseHeap

  for (const day of [0, 1]) {
    world.setDay(day)
    const now = new Date(world.dateOf(day).getTime() + 12 * 3600_000)
    t0 = performance.now()
    const s = await runContentSweep({ db, engine, config, now })
    const sweepMs = performance.now() - t0
    t0 = performance.now()
    const scores = await computeScores({ db, now })
    const scoreMs = performance.now() - t0
    t0 = performance.now()
    await rollupDay({ db, day: now.toISOString().slice(0, 10), now })
    const rollupMs = performance.now() - t0

    // Accuracy against the ground truth of the day.
    const latest = await latestCheckResultsAsOf(db, now)
    const codes = new Map<string, Set<string>>()
    const errors = new Map<string, number>()
    for (const r of latest) {
      if (!r.distribution_iri) continue
      const set = codes.get(r.distribution_iri) ?? new Set<string>()
      for (const f of r.findings) set.add(f.code)
      codes.set(r.distribution_iri, set)
      if (r.dimension === 'format' || r.dimension === 'conformance') errors.set(r.distribution_iri, (errors.get(r.distribution_iri) ?? 0) + r.findings.filter((f) => f.severity === 'error').length)
    }
    let expected = 0
    let found = 0
    let clean = 0
    let falseErr = 0
    for (const e of world.truth(day)) {
      for (const want of e.expected.contentFindings) {
        expected++
        if (codes.get(e.distributionIri)?.has(want)) found++
      }
      if (e.expected.outcome === 'ok' && e.expected.contentFindings.length === 0) {
        clean++
        if ((errors.get(e.distributionIri) ?? 0) > 0) falseErr++
      }
    }
    console.log(
      `day ${day}: content sweep ${s.distributions} files on ${s.hosts} hosts in ${secs(sweepMs)} s (${(s.distributions / (sweepMs / 1000)).toFixed(1)} files/s); ` +
        `downloaded ${s.downloaded} (${mb(s.bytes)} MiB), 304 ${s.notModified}, failed ${s.failed}, capped ${s.truncated}; ${s.results} results`,
    )
    console.log(`       scores ${scores.distributions} files in ${secs(scoreMs)} s, rollup ${secs(rollupMs)} s; region total ${scores.regionTotal}`)
    console.log(`       ground truth: ${found}/${expected} expected content findings reported; ${falseErr}/${clean} clean files with an error finding`)
  }
  console.log(`peak RSS ${mb(peakRss)} MiB (before the sweeps ${mb(baseRss)} MiB: PGlite and the world); JS heap + buffers peak ${mb(peakHeap)} MiB (before ${mb(baseHeap)} MiB)`)
} finally {
  clearInterval(sampler)
  await engine.close()
  await world.close()
  await close()
  rmSync(dir, { recursive: true, force: true })
}
