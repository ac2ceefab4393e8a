/**
 * Issue 9's verdict defects, through the production path: a catalogue on loopback is
 * harvested, swept for availability, content-checked and scored on two days, and the pages
 * are read as a publisher would read them.
 *
 * The files answer as real servers do: 206 to the probe's Range request, 304 to the
 * second day's conditional request, one through a redirect; one file is gone (404). No
 * catalogue changes between the days.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/web/create-app.js'
import { defaultConfig, type Config } from '../../src/config/config.js'
import { runContentSweep } from '../../src/content/run-content-sweep.js'
import { latestCheckResultsAsOf } from '../../src/db/content-store.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import type { FetchEngine } from '../../src/fetch/fetch-engine.js'
import { harvestSource } from '../../src/harvest/harvest-source.js'
import { describeFinding } from '../../src/i18n/catalogue.js'
import { runSweep } from '../../src/queue/run-sweep.js'
import { computeScores } from '../../src/scoring/compute-scores.js'
import { getHvdObligations } from '../../src/read-model/hvd-obligations.js'
import { serve, type TestServer } from '../harvest/serve.js'
import { createTestDb, type TestDb } from '../helpers/test-db.js'

const ORG = 'http://127.0.0.1/org/testkommun'
const DAY_MS = 86_400_000
const day = (n: number) => new Date(Date.parse('2026-11-02T12:00:00Z') + n * DAY_MS)
const CSV = 'id;namn\n1;Borås\n2;Alingsås\n'
const REACHABILITY = new Set(['mqa-access-url-status', 'mqa-download-url-status', 'hvd-bulk-download-unreachable', 'hvd-endpoint-unreachable'])

let t: TestDb
let server: TestServer
let engine: FetchEngine
let config: Config
const ds = (id: string) => `${server.origin}/ds/${id}`

/** A file as a real server serves it: ETag, 304 to If-None-Match, 206 to a Range request. */
function serveFile(req: IncomingMessage, res: ServerResponse): void {
  const etag = '"v1"'
  const headers = { 'content-type': 'text/csv; charset=utf-8', etag, 'last-modified': 'Mon, 02 Nov 2026 08:00:00 GMT', 'accept-ranges': 'bytes' }
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { etag })
    return void res.end()
  }
  const body = Buffer.from(CSV)
  const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '')
  if (range) {
    const end = Math.min(Number(range[2]), body.length - 1)
    res.writeHead(206, { ...headers, 'content-range': `bytes ${range[1]}-${end}/${body.length}` })
    return void res.end(body.subarray(Number(range[1]), end + 1))
  }
  res.writeHead(200, headers)
  res.end(body)
}

function distribution(iri: string, url: string, downloadable = true): string {
  return `<${iri}> a dcat:Distribution ; dct:title "CSV"@sv ; dcat:accessURL <${url}> ;${downloadable ? ` dcat:downloadURL <${url}> ;` : ''}
  dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> ; dcat:mediaType <http://www.iana.org/assignments/media-types/text/csv> ;
  dct:license <http://creativecommons.org/publicdomain/zero/1.0/> .`
}

/**
 * Five datasets: a plain file, one behind a redirect, one with a file that is gone, one with
 * an access URL only, and a high-value dataset (regulation 2023/138) whose only bulk download
 * is gone, and is also the endpoint of the API that serves it.
 */
function catalogue(base: string): string {
  const dataset = (id: string, dists: string[]) => `<${base}/ds/${id}> a dcat:Dataset ; dct:title "Datamängd ${id}"@sv ; dct:description "Testdata ${id}."@sv ;
  dct:publisher <${ORG}> ; dcat:keyword "test"@sv ; dcat:theme <http://publications.europa.eu/resource/authority/data-theme/GOVE> ;
  dcat:contactPoint [ a vcard:Organization ; vcard:hasEmail <mailto:data@example.org> ] ;
  dcat:distribution ${dists.map((d) => `<${base}/ds/${id}/${d}>`).join(', ')} .`
  return `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix vcard: <http://www.w3.org/2006/vcard/ns#> . @prefix dcatap: <http://data.europa.eu/r5r/> .
<${base}/catalog> a dcat:Catalog ; dct:title "Testkatalog"@sv ; dct:publisher <${ORG}> ;
  dcat:dataset <${base}/ds/plain>, <${base}/ds/redirected>, <${base}/ds/partly-gone>, <${base}/ds/access-only>, <${base}/ds/hvd> ;
  dcat:service <${base}/api/hvd-service> .
<${ORG}> a foaf:Agent ; foaf:name "Testkommun"@sv .
${dataset('plain', ['csv'])}
${distribution(`${base}/ds/plain/csv`, `${base}/files/plain.csv`)}
${dataset('redirected', ['csv'])}
${distribution(`${base}/ds/redirected/csv`, `${base}/files/moved.csv`)}
${dataset('partly-gone', ['csv', 'old'])}
${distribution(`${base}/ds/partly-gone/csv`, `${base}/files/kept.csv`)}
${distribution(`${base}/ds/partly-gone/old`, `${base}/files/gone.csv`)}
${dataset('access-only', ['page'])}
${distribution(`${base}/ds/access-only/page`, `${base}/files/access.csv`, false)}
${dataset('hvd', ['csv'])}
<${base}/ds/hvd> dct:title "High-value test data"@en ; dct:description "Test data."@en ;
  dcatap:applicableLegislation <http://data.europa.eu/eli/reg_impl/2023/138/oj> ; dcatap:hvdCategory <http://data.europa.eu/bna/c_e1da4e07> .
${distribution(`${base}/ds/hvd/csv`, `${base}/files/hvd-gone.csv`)}
<${base}/api/hvd-service> a dcat:DataService ; dct:title "API"@sv ; dcat:endpointURL <${base}/files/hvd-gone.csv> ;
  dcat:endpointDescription <${base}/files/hvd-api.csv> ; dcat:servesDataset <${base}/ds/hvd> ;
  dct:license <http://creativecommons.org/publicdomain/zero/1.0/> .
`
}

/** One simulated day of the production pipeline: sweep, content checks, scores. */
async function runDay(n: number): Promise<void> {
  const now = day(n)
  await runSweep({ db: t.db, engine, config, trigger: 'test', worker: { now: () => now } })
  await runContentSweep({ db: t.db, engine, config, now })
  await computeScores({ db: t.db, now })
}

async function regionMetadata(n: number): Promise<number | null> {
  const row = await t.db.selectFrom('score_rollups').select('metadata').where('level', '=', 'region').where('day', '=', day(n).toISOString().slice(0, 10)).executeTakeFirstOrThrow()
  return row.metadata
}

/** The page's text as a reader sees it (entities decoded). */
async function page(path: string): Promise<string> {
  const res = await createApp({ db: t.db }).request(path)
  expect(res.status).toBe(200)
  return (await res.text()).replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

beforeAll(async () => {
  server = await serve((req, res, url) => {
    if (url.pathname === '/catalogue.ttl') {
      res.writeHead(200, { 'content-type': 'text/turtle' })
      return void res.end(catalogue(server.origin))
    }
    if (url.pathname === '/files/moved.csv') {
      res.writeHead(302, { location: '/files/moved-here.csv' })
      return void res.end()
    }
    if (url.pathname === '/files/gone.csv' || url.pathname === '/files/hvd-gone.csv') return false
    if (url.pathname.startsWith('/files/')) return serveFile(req, res)
    return false
  })
  t = await createTestDb()
  config = {
    ...defaultConfig,
    allowPrivateNetworks: true,
    http: { ...defaultConfig.http, perHostGapMs: 0, connectTimeoutMs: 2000, headersTimeoutMs: 2000, bodyTimeoutMs: 2000, urlBudgetMs: 5000 },
  }
  engine = createFetchEngine(config.http, { allowPrivateNetworks: true })
  const harvest = await harvestSource(t.db, { id: 'test', kind: 'dcat', url: `${server.origin}/catalogue.ttl`, organisation: ORG }, { fetchDocument: (u, o) => engine.fetchDocument(u, o), harvest: config.harvest })
  expect(harvest.status).toBe('ok')
  await runDay(0)
  await runDay(1)
}, 120_000)

afterAll(async () => {
  await engine?.close()
  await server?.close()
  await t?.drop()
})

describe(`the metadata score agrees with availability (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('probes as a real sweep does: 206 to a Range request, 304 the next day, a followed redirect', async () => {
    const statuses = await t.db.selectFrom('probes').select(['http_status', 'code']).execute()
    expect(statuses.map((p) => p.http_status)).toEqual(expect.arrayContaining([206, 304, 404]))
    expect(statuses.map((p) => p.code)).toContain('redirected')
  })

  it('gives no reachable distribution a reachability metadata finding, on either day', async () => {
    const states = new Map((await t.db.selectFrom('availability_state as s').innerJoin('distributions as d', 'd.iri', 's.distribution_iri').select(['d.dataset_iri', 's.state']).execute()).map((r) => [r.dataset_iri, r.state]))
    const allReachable = ['plain', 'redirected', 'access-only'].map(ds)
    for (const iri of allReachable) expect(states.get(iri), iri).toBe('ok')
    for (const n of [0, 1]) {
      const metadata = (await latestCheckResultsAsOf(t.db, day(n))).filter((r) => r.check_id === 'metadata')
      const reachabilityFindings = (iri: string) => metadata.find((r) => r.dataset_iri === iri)!.findings.filter((f) => REACHABILITY.has(f.code)).map((f) => f.code)
      for (const iri of allReachable) expect(reachabilityFindings(iri), `day ${n}: ${iri}`).toEqual([])
      // The file that is gone keeps MQA's findings (MQA's own score counts it), but see below: they cost no metadata points.
      expect(reachabilityFindings(ds('partly-gone')), `day ${n}`).toEqual(['mqa-access-url-status', 'mqa-download-url-status'])
    }
  })

  it('charges the gone file in availability, not a second time in metadata', async () => {
    const scored = await t.db.selectFrom('scores').select(['reasons']).where('dataset_iri', '=', ds('partly-gone')).execute()
    expect(scored.length).toBeGreaterThan(0)
    const lost = scored.flatMap((s) => s.reasons.filter((r) => r.pointsLost > 0))
    expect(lost.filter((r) => REACHABILITY.has(r.code)), 'reachability in metadata').toEqual([])
    expect(lost.filter((r) => r.dimension === 'availability').length, 'availability charges it').toBeGreaterThan(0)
  })

  it('charges the gone file once in availability: its state, not the probe code beside it', async () => {
    const iri = `${ds('partly-gone')}/old`
    const scored = await t.db.selectFrom('scores').select(['reasons']).where('distribution_iri', '=', iri).executeTakeFirstOrThrow()
    expect(scored.reasons.filter((r) => r.dimension === 'availability').map((r) => r.code)).toEqual(['availability-degraded'])
    const problems = await page(`/organisation?iri=${encodeURIComponent(ORG)}&lang=en`)
    expect(problems).toContain('data-code="availability-degraded"')
    expect(problems).not.toContain('data-code="http-404"')
  })

  it("shows a high-value dataset's gone bulk download, and charges it in availability only", async () => {
    const metadata = (await latestCheckResultsAsOf(t.db, day(1))).find((r) => r.check_id === 'metadata' && r.dataset_iri === ds('hvd'))!
    expect(metadata.findings.map((f) => f.code)).toContain('hvd-bulk-download-unreachable')
    const scored = await t.db.selectFrom('scores').select(['reasons']).where('distribution_iri', '=', `${ds('hvd')}/csv`).executeTakeFirstOrThrow()
    const charged = scored.reasons.filter((r) => r.pointsLost > 0)
    expect(charged.filter((r) => r.dimension === 'metadata' && (REACHABILITY.has(r.code) || r.code === 'check-failed')).map((r) => r.code)).toEqual([])
    expect(charged.filter((r) => r.dimension === 'availability').map((r) => r.code)).toEqual(['availability-degraded'])
    const html = await page(`/organisation?iri=${encodeURIComponent(ORG)}&lang=en`)
    expect(html).toContain('None of the machine-readable bulk downloads answers.')
    expect(html).not.toContain('data-code="hvd-bulk-download-unreachable"')
    // The file is both the download and the API's endpoint: its uptime is one reason, not two.
    const [report] = (await getHvdObligations(t.db, ORG, 'en', day(1))).datasets
    expect(report!.evidence.map((e) => [e.kind, e.url, e.uptime])).toEqual([
      ['download', `${server.origin}/files/hvd-gone.csv`, 0],
      ['service', `${server.origin}/files/hvd-gone.csv`, 0],
    ])
    expect(report!.obligations.availability.reasons).toEqual([
      { code: 'hvd-availability-low', params: { url: `${server.origin}/files/hvd-gone.csv`, percent: 0, target: 99, days: 30 } },
    ])
  })

  it("keeps the region's metadata score when no catalogue changed between the days", async () => {
    const first = await regionMetadata(0)
    expect(first).not.toBeNull()
    expect(first).toBeLessThan(100)
    expect(await regionMetadata(1)).toBe(first)
  })

  it('shows on the dataset page every reason the metadata score lost points for', async () => {
    const scored = await t.db.selectFrom('scores').select(['dataset_iri', 'metadata', 'reasons']).where('dataset_iri', '=', ds('plain')).executeTakeFirstOrThrow()
    const lost = scored.reasons.filter((r) => r.dimension === 'metadata' && r.pointsLost > 0)
    expect(scored.metadata).toBeLessThan(100)
    expect(lost.length).toBeGreaterThan(0)
    const html = await page(`/dataset?iri=${encodeURIComponent(ds('plain'))}&lang=sv`)
    for (const r of lost) {
      const message = describeFinding(r, 'sv').message
      expect(html.includes(message), `the page shows "${message}"`).toBe(true)
    }
  })

  it('words the availability of the gone file the same on the dataset page and on the publisher page', async () => {
    const iri = `${ds('partly-gone')}/old`
    const result = (await latestCheckResultsAsOf(t.db, day(1))).find((r) => r.distribution_iri === iri && r.check_id === 'availability')!
    expect(result.status).toBe('warn')
    const { message, hint } = describeFinding(result.findings[0]!, 'sv')
    expect(message).toMatch(/404/)
    expect(hint).toBeTruthy()
    for (const path of [`/dataset?iri=${encodeURIComponent(ds('partly-gone'))}&lang=sv`, `/organisation?iri=${encodeURIComponent(ORG)}&lang=sv`]) {
      const html = await page(path)
      expect(html.includes(message), `${path} shows "${message}"`).toBe(true)
      expect(html.includes(hint!), `${path} shows "${hint}"`).toBe(true)
    }
  })
})
