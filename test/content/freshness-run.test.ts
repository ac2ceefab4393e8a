import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { freshnessCheck } from '../../checks/freshness.js'
import { defaultConfig, type Config } from '../../src/config/config.js'
import { runContentSweep } from '../../src/content/run-content-sweep.js'
import { json } from '../../src/db/json.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import type { FetchEngine } from '../../src/fetch/fetch-engine.js'
import { describeFinding } from '../../src/i18n/catalogue.js'
import { createApp } from '../../src/web/create-app.js'
import { emptyDatasetColumns, emptyDistributionColumns } from '../helpers/empty-dataset-columns.js'
import { describeEachDb, type TestDb } from '../helpers/test-db.js'

/**
 * Freshness through the real content run: files on a loopback server that change or stay
 * the same between sweeps, each sweep at a moment the test sets, the catalogue's
 * dct:modified changed between them as a harvest would; then the dataset page shows it.
 */

/** What the server serves: path → body and ETag; changed between sweeps. */
const files = new Map<string, { body: string; etag: string }>()
let server: Server
let base: string
let engine: FetchEngine
let config: Config

const ANNUAL = 'http://publications.europa.eu/resource/authority/frequency/ANNUAL'
const sets = {
  claims: { periodicity: ANNUAL, modified: '2026-03-01' },
  stale: { periodicity: null, modified: '2023' },
  still: { periodicity: null, modified: null },
  weekly: { periodicity: null, modified: null },
} as const

beforeAll(async () => {
  server = createServer((req, res) => {
    const f = files.get((req.url ?? '/').split('?')[0])
    if (!f) return void res.writeHead(404).end()
    if (req.headers['if-none-match'] === f.etag) return void res.writeHead(304, { etag: f.etag }).end()
    res.writeHead(200, { 'content-type': 'text/csv', etag: f.etag }).end(f.body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  config = { ...defaultConfig, allowPrivateNetworks: true, http: { ...defaultConfig.http, perHostGapMs: 1 } }
  engine = createFetchEngine(config.http, { allowPrivateNetworks: true })
})
afterAll(async () => {
  await engine?.close()
  await new Promise((r) => server?.close(r))
})

const serve = (name: string, version: string) => files.set(`/${name}.csv`, { body: `id,version\n1,${version}\n`, etag: `"${version}"` })

describeEachDb('freshness in the content run', (db) => {
  const sweep = (when: string, only?: string[]) =>
    runContentSweep({ db: db().db, engine, config, checks: [freshnessCheck], now: new Date(when), distributionIris: only?.map((n) => `urn:d:${n}`) })
  const latest = (name: string) =>
    db().db.selectFrom('check_results').selectAll().where('distribution_iri', '=', `urn:d:${name}`).where('check_id', '=', 'freshness').orderBy('at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow()
  const codes = async (name: string) => (await latest(name)).findings.map((f) => f.code)

  beforeAll(async () => {
    const d = db().db
    await d.insertInto('catalogue_sources').values({ id: 's', kind: 'dcat', url: `${base}/catalog` }).execute()
    for (const [name, s] of Object.entries(sets)) {
      const ds = { iri: `urn:ds:${name}`, source_id: 's', organisation_iri: 'urn:org', ...emptyDatasetColumns(), title: json({ sv: name }), accrual_periodicity: s.periodicity, modified: s.modified, record_hash: 'h' }
      await d.insertInto('datasets').values(ds).execute()
      await d.insertInto('distributions').values({ iri: `urn:d:${name}`, dataset_iri: ds.iri, ...emptyDistributionColumns(), download_url: `${base}/${name}.csv`, host: new URL(base).host, record_hash: 'h' }).execute()
      serve(name, 'v1')
    }
  })

  it('says the catalogue claims an update the file never got, and that the file changed while the catalogue still says 2023', async () => {
    await sweep('2026-03-03T03:00:00Z', ['claims', 'stale', 'still'])
    await sweep('2026-11-01T03:00:00Z', ['claims', 'stale', 'still'])
    expect(await codes('claims')).toEqual([])
    expect(await codes('stale')).toEqual(['missing-accrual-periodicity', 'no-change-observed'])

    // The publisher replaces stale.csv; the catalogue's date stays at 2023.
    serve('stale', 'v2')
    await sweep('2026-12-02T03:00:00Z', ['claims', 'stale', 'still'])
    const stale = await latest('stale')
    expect(stale.status).toBe('skipped')
    expect(stale.findings.map((f) => f.code)).toEqual(['missing-accrual-periodicity', 'observed-update-rhythm', 'declared-modified-behind-change'])
    const behind = stale.findings[2]
    expect(behind.params).toEqual({ declared: '2023', changed: '2026-12-02', level: 'dataset' })
    expect(describeFinding(behind, 'en').message).toBe('The file changed on 2 December 2026, but the catalogue still says the dataset was last modified in 2023.')

    // A harvest brings dct:modified 1 December for claims.csv, whose bytes stay the same.
    await db().db.updateTable('datasets').set({ modified: '2026-12-01' }).where('iri', '=', 'urn:ds:claims').execute()
    await sweep('2026-12-05T03:00:00Z', ['claims', 'stale', 'still'])
    const claims = await latest('claims')
    expect(claims.status).toBe('warn')
    expect(claims.findings.map((f) => f.code)).toEqual(['declared-modified-without-change'])
    expect(claims.findings[0].params).toMatchObject({ declared: '2026-12-01', since: '2026-03-03', firstObservation: true, level: 'dataset' })
    expect(describeFinding(claims.findings[0], 'sv').message).toBe(
      'Katalogen anger att datamängden uppdaterades den 1 december 2026, men filen har inte ändrats sedan den 3 mars 2026 (datavakt har sett samma innehåll sedan dess; den kan vara äldre).',
    )
    // Without a frequency, a file that never changed says so instead of getting a grade.
    const still = await latest('still')
    expect(still.status).toBe('skipped')
    expect(still.findings.find((f) => f.code === 'no-change-observed')?.params).toEqual({ days: 277, since: '2026-03-03' })
  })

  it('shows the findings, in words, on the dataset page', async () => {
    const app = createApp({ db: db().db, lang: 'en' })
    const page = async (iri: string, lang: string) => (await app.request(`/dataset?iri=${encodeURIComponent(iri)}&lang=${lang}`)).text()
    expect(await page('urn:ds:claims', 'sv')).toContain('men filen har inte ändrats sedan den 3 mars 2026')
    const stale = await page('urn:ds:stale', 'en')
    expect(stale).toContain('the catalogue still says the dataset was last modified in 2023')
    // The result is not graded (no frequency), so its notes are shown too: the rhythm instead of a grade.
    expect(stale).toContain('The file changed 1 time in 277 days (last on 2 December 2026).')
  })

  it('reports a weekly rhythm seen over three weeks of daily runs', async () => {
    for (let day = 0; day < 22; day++) {
      serve('weekly', `w${Math.floor(day / 7)}`)
      await sweep(new Date(Date.UTC(2026, 11, 1 + day, 3)).toISOString(), ['weekly'])
    }
    const r = await latest('weekly')
    expect(r.findings.map((f) => f.code)).toEqual(['missing-accrual-periodicity', 'observed-update-rhythm'])
    expect(r.findings[1].params).toMatchObject({ changes: 3, days: 21, typicalDays: 7, frequency: 'WEEKLY', lastChange: '2026-12-22' })
    expect(r.facts).toMatchObject({ observedFrequency: 'WEEKLY', observedChanges: 3 })
    expect(describeFinding(r.findings[1], 'sv').hint).toContain('frequency/WEEKLY')
  })
})
