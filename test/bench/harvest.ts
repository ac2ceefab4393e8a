/**
 * `npm run bench:harvest`: harvests a generated 5,000-dataset RDF/XML catalogue (10,000
 * distributions, ~10 MB) from a loopback server running in a separate process, into a
 * fresh database (PGlite, or PostgreSQL when DATABASE_URL is set), twice: a first harvest
 * (everything added) and a re-harvest (everything unchanged). Prints datasets per second
 * and the harvesting process's peak RSS. Targets: under 10 s, RSS under 300 MB.
 * BENCH_DATASETS changes the size.
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { defaultConfig } from '../../src/config/config.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { harvestSource } from '../../src/harvest/harvest-source.js'
import { preparedBenchDb } from '../helpers/prepared-bench-db.js'

const N = Number(process.env.BENCH_DATASETS ?? 5000)
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`
let peakRss = process.memoryUsage().rss
// Where the RSS goes: the JS heap, or external memory (PGlite's WebAssembly heap, a fixed
// 128 MB reservation of which only touched pages count in the RSS, plus array buffers).
const peakOf = { heapTotal: 0, external: 0, arrayBuffers: 0 }
// The sampler cannot fire during synchronous parsing, so the RSS is also read after each phase.
const sample = () => {
  const m = process.memoryUsage()
  for (const k of ['heapTotal', 'external', 'arrayBuffers'] as const) peakOf[k] = Math.max(peakOf[k], m[k])
  return (peakRss = Math.max(peakRss, m.rss))
}
const breakdown = () =>
  `JS heap ${mb(peakOf.heapTotal)}, external ${mb(peakOf.external)}, array buffers ${mb(peakOf.arrayBuffers)}`
const sampler = setInterval(sample, 10)

const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./harvest-server.ts', import.meta.url)), String(N)], {
  stdio: ['pipe', 'pipe', 'inherit'],
})
const first = await new Promise<string>((resolve, reject) => {
  child.once('exit', (code) => reject(new Error(`catalogue server exited (${code})`)))
  createInterface({ input: child.stdout! }).once('line', resolve)
})
const { origin, bytes } = JSON.parse(first) as { origin: string; bytes: number }

const t = await preparedBenchDb()
// PGlite's WebAssembly heap is a good part of the RSS once opened; the figure
// "above the opened database" is the harvest's own share.
const rssAfterOpen = sample()
const engine = createFetchEngine({ ...defaultConfig.http, perHostGapMs: 0 }, { allowPrivateNetworks: true })
const deps = { fetchDocument: engine.fetchDocument.bind(engine), harvest: defaultConfig.harvest }
const source = { id: 'bench', kind: 'dcat' as const, url: `${origin}/catalog.rdf` }
try {
  console.log(`harvest bench: ${N} datasets, ${2 * N} distributions, ${(bytes / 1e6).toFixed(1)} MB RDF/XML, database ${t.kind}`)
  console.log(`RSS after opening the database: ${mb(rssAfterOpen)} (${breakdown()})`)
  for (const label of ['first harvest', 're-harvest']) {
    const started = performance.now()
    const r = await harvestSource(t.db, source, deps)
    const s = (performance.now() - started) / 1000
    sample()
    if (r.status !== 'ok') throw new Error(`harvest failed: ${r.error}`)
    console.log(
      `${label.padEnd(14)} ${s.toFixed(2)} s  ${(N / s).toFixed(0)} datasets/s  ` +
        `added ${r.counts.datasets.added} changed ${r.counts.datasets.changed} unchanged ${r.counts.datasets.unchanged}  ` +
        `peak RSS ${mb(peakRss)} (${mb(peakRss - rssAfterOpen)} above the opened database; peaks: ${breakdown()})`,
    )
  }
} finally {
  clearInterval(sampler)
  await engine.close()
  await t.drop()
  child.stdin!.end()
}
