/**
 * `npm run bench:harvest`: harvests a generated 5,000-dataset RDF/XML catalogue (10,000
 * distributions) from a loopback server into a fresh database (PGlite, or PostgreSQL when
 * DATABASE_URL is set), twice: a first harvest (everything added) and a re-harvest
 * (everything unchanged). Prints datasets per second and peak RSS.
 * Targets: under 10 s for the first harvest, RSS under 300 MB.
 */
import { defaultConfig } from '../../src/config/config.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { harvestSource } from '../../src/harvest/harvest-source.js'
import { createTestDb } from '../helpers/test-db.js'
import { generateRdfXmlCatalogue } from '../harvest/generate-catalogue.js'
import { send, serve } from '../harvest/serve.js'

const N = Number(process.env.BENCH_DATASETS ?? 5000)
let peakRss = process.memoryUsage().rss
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
}, 20)

const server = await serve(() => true)
const body = generateRdfXmlCatalogue({ base: server.origin, datasets: N })
server.handler = (_req, res) => send(res, body)
const t = await createTestDb()
// PGlite's WebAssembly heap alone is several hundred MB of RSS once opened; say how much
// of the peak is the database's own, so the harvest's share can be read off.
const rssAfterOpen = process.memoryUsage().rss
const engine = createFetchEngine({ ...defaultConfig.http, perHostGapMs: 0 }, { allowPrivateNetworks: true })
const deps = { fetchDocument: engine.fetchDocument.bind(engine), harvest: defaultConfig.harvest }
const source = { id: 'bench', kind: 'dcat' as const, url: `${server.origin}/catalog.rdf` }
try {
  console.log(`harvest bench: ${N} datasets, ${2 * N} distributions, ${(Buffer.byteLength(body) / 1e6).toFixed(1)} MB RDF/XML, database ${t.kind}`)
  console.log(`RSS after opening the database: ${(rssAfterOpen / 1024 / 1024).toFixed(0)} MB`)
  for (const label of ['first harvest', 're-harvest']) {
    const started = performance.now()
    const r = await harvestSource(t.db, source, deps)
    const s = (performance.now() - started) / 1000
    if (r.status !== 'ok') throw new Error(`harvest failed: ${r.error}`)
    if (process.env.BENCH_VERBOSE) console.log(process.memoryUsage())
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
    console.log(
      `${label.padEnd(14)} ${s.toFixed(2)} s  ${(N / s).toFixed(0)} datasets/s  ` +
        `added ${r.counts.datasets.added} changed ${r.counts.datasets.changed} unchanged ${r.counts.datasets.unchanged}  ` +
        `peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB (${((peakRss - rssAfterOpen) / 1024 / 1024).toFixed(0)} MB above the opened database)`,
    )
  }
} finally {
  clearInterval(sampler)
  await engine.close()
  await t.drop()
  await server.close()
}
