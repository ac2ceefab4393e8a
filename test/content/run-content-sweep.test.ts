import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Check, CheckResult } from '../../checks/types.js'
import { defaultConfig, type Config } from '../../src/config/config.js'
import { runContentSweep } from '../../src/content/run-content-sweep.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import type { FetchEngine } from '../../src/fetch/fetch-engine.js'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { emptyDatasetColumns, emptyDistributionColumns } from '../helpers/empty-dataset-columns.js'

/** What the loopback server serves: path → body and validator; mutable between sweeps. */
const files = new Map<string, { body: Buffer; etag: string; status?: number }>()
const fullDownloads = new Map<string, number>()
let inFlight = 0
let maxInFlight = 0
let server: Server
let base: string
let t: TestDb
let engine: FetchEngine

const CAP = 1_000_000
const config: Config = {
  ...defaultConfig,
  allowPrivateNetworks: true,
  http: { ...defaultConfig.http, perHostGapMs: 5 },
  content: { ...defaultConfig.content, maxBytes: CAP },
}

/** A content check: streams the whole body (as real checks do) and flags the bytes "BAD". */
const bytesCheck: Check = {
  id: 'test-bytes',
  dimension: 'format',
  appliesTo: (t) => t.content !== undefined,
  async run(t): Promise<CheckResult> {
    let bytes = 0
    let bad = false
    for await (const c of t.content!.stream()) {
      bytes += c.byteLength
      if (Buffer.from(c).includes('BAD')) bad = true
    }
    return { status: bad ? 'fail' : 'pass', findings: bad ? [{ code: 'bad-bytes', severity: 'error', params: { sample: 'BAD' } }] : [], metrics: { bytes } }
  },
}
/** A body-less check, like freshness: records what history says about change. */
const historyCheck: Check = {
  id: 'test-history',
  dimension: 'freshness',
  appliesTo: (t) => t.distribution !== undefined,
  async run(_t, ctx): Promise<CheckResult> {
    const h = ctx.history ?? []
    const changed = h.length < 2 || h[0].sha256 !== h[1].sha256
    return { status: 'pass', findings: [], facts: { changed, observations: h.length, sha: h[0]?.sha256 ?? null } }
  },
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    const f = files.get(path)
    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    setTimeout(() => {
      const done = () => inFlight--
      res.once('close', done)
      if (!f || f.status === 404) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
        return
      }
      if (req.headers['if-none-match'] === f.etag) {
        res.writeHead(304, { etag: f.etag }).end()
        return
      }
      fullDownloads.set(path, (fullDownloads.get(path) ?? 0) + 1)
      res.writeHead(200, { 'content-type': 'text/csv', etag: f.etag, 'content-length': String(f.body.length) })
      res.end(f.body)
    }, 30)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  t = await createTestDb()
  engine = createFetchEngine(config.http, { allowPrivateNetworks: true })

  await t.db.insertInto('catalogue_sources').values({ id: 's', kind: 'dcat', url: `${base}/catalog` }).execute()
  await t.db.insertInto('datasets').values({ iri: 'urn:ds', source_id: 's', organisation_iri: 'urn:org', ...emptyDatasetColumns(), record_hash: 'h' }).execute()
  const names = ['a', 'big', 'flaky', 'gone', 'p1', 'p2', 'p3', 'p4']
  for (const n of names) {
    await t.db.insertInto('distributions').values({ iri: `urn:d:${n}`, dataset_iri: 'urn:ds', ...emptyDistributionColumns(), download_url: `${base}/${n}.csv`, host: new URL(base).host, record_hash: 'h' }).execute()
  }
  await t.db.insertInto('distributions').values({ iri: 'urn:d:withdrawn', dataset_iri: 'urn:ds', ...emptyDistributionColumns(), download_url: `${base}/a.csv`, record_hash: 'h', withdrawn_at: new Date() }).execute()
  files.set('/a.csv', { body: Buffer.from('id,namn\n1,Åsa\n'), etag: '"a1"' })
  files.set('/big.csv', { body: Buffer.alloc(3 * CAP, 'x'), etag: '"b1"' })
  files.set('/flaky.csv', { body: Buffer.from('id\n1\n'), etag: '"f1"' })
  for (const p of ['p1', 'p2', 'p3', 'p4']) files.set(`/${p}.csv`, { body: Buffer.from(`id\n${p}\n`), etag: `"${p}"` })
})
afterAll(async () => {
  await engine?.close()
  await new Promise((r) => server?.close(r))
  await t?.drop()
})

const latest = (iri: string, checkId: string) =>
  t.db.selectFrom('check_results').selectAll().where('distribution_iri', '=', iri).where('check_id', '=', checkId).orderBy('id', 'desc').executeTakeFirst()

describe(`runContentSweep (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('downloads each live distribution once, checks it, caps big files and says so, and stays within the per-host limit', async () => {
    const progress: number[] = []
    const s = await runContentSweep({ db: t.db, engine, config, checks: [bytesCheck, historyCheck], onProgress: (p) => progress.push(p.done) })
    expect(s).toMatchObject({ distributions: 8, hosts: 1, downloaded: 7, failed: 1, notModified: 0, truncated: 1 })
    expect(s.fetchErrors).toEqual({ 'http-404': 1 })
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(maxInFlight).toBeLessThanOrEqual(config.http.perHostConnections)
    expect(fullDownloads.get('/a.csv')).toBe(1)

    const big = await latest('urn:d:big', 'test-bytes')
    expect(big?.metrics.bytes).toBe(CAP)
    expect(big?.metrics.truncatedAtCap).toBe(1)
    expect(big?.findings.map((f) => f.code)).toContain('checked-up-to-cap')
    const bigObs = await t.db.selectFrom('content_observations').selectAll().where('distribution_iri', '=', 'urn:d:big').executeTakeFirstOrThrow()
    expect(bigObs).toMatchObject({ truncated_at_cap: true, bytes: CAP, http_status: 200 })
    const small = await latest('urn:d:a', 'test-bytes')
    expect(small?.findings).toEqual([])
    expect(small?.run_id).toBe(s.runId)
    const run = await t.db.selectFrom('check_runs').selectAll().where('id', '=', s.runId).executeTakeFirstOrThrow()
    expect(run.status).toBe('ok')
    expect(run.summary.downloaded).toBe(7)
  })

  it('does not download unchanged files again: a 304 reuses the previous observation and results', async () => {
    files.set('/flaky.csv', { ...files.get('/flaky.csv')!, status: 404 })
    const before = await latest('urn:d:a', 'test-bytes')
    const s = await runContentSweep({ db: t.db, engine, config, checks: [bytesCheck, historyCheck] })
    expect(s).toMatchObject({ downloaded: 0, notModified: 6, failed: 2 })
    expect(fullDownloads.get('/a.csv')).toBe(1)
    expect(fullDownloads.get('/big.csv')).toBe(1)
    const obs = await t.db.selectFrom('content_observations').selectAll().where('distribution_iri', '=', 'urn:d:a').orderBy('id').execute()
    expect(obs.map((o) => o.not_modified)).toEqual([false, true])
    expect(obs[1].sha256).toBe(obs[0].sha256)
    expect(obs[1].http_status).toBe(304)
    // The content result of the first sweep still stands; the body-less check ran and saw no change.
    expect((await latest('urn:d:a', 'test-bytes'))?.id).toBe(before?.id)
    const hist = await latest('urn:d:a', 'test-history')
    expect(hist?.facts).toMatchObject({ changed: false, observations: 2 })
    // A file that now fails: its content is unknown now, not still "pass".
    const flaky = await latest('urn:d:flaky', 'test-bytes')
    expect(flaky?.status).toBe('skipped')
    expect(flaky?.findings.map((f) => f.code)).toEqual(['content-unavailable'])
  })

  it('downloads again when the file changes', async () => {
    files.set('/a.csv', { body: Buffer.from('id,namn\n1,BAD\n'), etag: '"a2"' })
    const s = await runContentSweep({ db: t.db, engine, config, checks: [bytesCheck, historyCheck], distributionIris: ['urn:d:a'] })
    expect(s).toMatchObject({ distributions: 1, downloaded: 1, notModified: 0 })
    expect(fullDownloads.get('/a.csv')).toBe(2)
    expect((await latest('urn:d:a', 'test-bytes'))?.findings.map((f) => f.code)).toEqual(['bad-bytes'])
    expect((await latest('urn:d:a', 'test-history'))?.facts).toMatchObject({ changed: true, observations: 3 })
  })
})
