import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serve, type ServerType } from '@hono/node-server'
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { json } from '../../src/db/json.js'
import { createApp } from '../../src/api/create-app.js'
import { insertCheckResults } from '../../src/db/content-store.js'
import { computeScores } from '../../src/scoring/compute-scores.js'
import { emptyDatasetColumns } from '../helpers/empty-dataset-columns.js'

const ORG_A = 'http://dataportal.se/organisation/SE2120001355'
const ORG_B = 'http://dataportal.se/organisation/SE2120001439'
const DS_A = 'https://catalog.example/ds/badplatser'
const DS_B = 'https://catalog.example/ds/budget'

let t: TestDb
let server: ServerType
let base: string
const now = new Date('2026-11-20T12:00:00Z')

async function seed(db: TestDb['db']) {
  await db.insertInto('catalogue_sources').values({ id: 'vg', kind: 'dcat', url: 'http://127.0.0.1:1/datasets/dcat' }).execute()
  await db
    .insertInto('organisations')
    .values([
      { iri: ORG_A, name: json({ sv: 'Göteborgs Stad' }) },
      { iri: ORG_B, name: json({ sv: 'Ale kommun' }) },
    ])
    .execute()
  const ds = (iri: string, org: string, title: string) => ({
    iri,
    source_id: 'vg',
    organisation_iri: org,
    publisher_iri: org,
    ...emptyDatasetColumns(),
    title: json({ sv: title }),
    description: json({ sv: `${title} i kommunen` }),
    record_hash: 'x',
  })
  await db.insertInto('datasets').values([ds(DS_A, ORG_A, 'Badplatser'), ds(DS_B, ORG_B, 'Budget 2026')]).execute()
  const dist = (iri: string, dataset: string, url: string) => ({
    iri,
    dataset_iri: dataset,
    title: json({}),
    description: json({}),
    download_url: url,
    host: new URL(url).host,
    format: 'text/csv',
    conforms_to: json([]),
    record_hash: 'x',
  })
  await db
    .insertInto('distributions')
    .values([dist(`${DS_A}/csv`, DS_A, 'http://127.0.0.2/bad.csv'), dist(`${DS_B}/csv`, DS_B, 'http://127.0.0.3/budget.csv')])
    .execute()
  await insertCheckResults(db, [
    {
      runId: null,
      distributionIri: `${DS_A}/csv`,
      datasetIri: DS_A,
      checkId: 'encoding',
      dimension: 'format',
      status: 'fail',
      findings: [
        {
          code: 'encoding-error',
          severity: 'error',
          message: 'Filen är inte UTF-8 utan Windows-1252: å, ä och ö blir fel.',
          hint: 'Spara filen som UTF-8.',
        },
      ],
      at: now,
    },
    { runId: null, distributionIri: `${DS_B}/csv`, datasetIri: DS_B, checkId: 'encoding', dimension: 'format', status: 'pass', findings: [], at: now },
  ])
  await computeScores({ db, now })
}

beforeAll(async () => {
  t = await createTestDb()
  await seed(t.db)
  const app = createApp({ db: t.db })
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((r) => server.once('listening', () => r()))
  const addr = server.address()
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`
})

afterAll(async () => {
  server?.close()
  await t?.drop()
})

describe('API and dashboards', () => {
  it('lists organisations worst first with their scores, and exports them as CSV', async () => {
    const res = await fetch(`${base}/api/organisations`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { organisations: { iri: string; name: string; scores: { total: number; format: number } }[] }
    expect(body.organisations.map((o) => o.name)).toEqual(['Göteborgs Stad', 'Ale kommun'])
    expect(body.organisations[0].scores.format).toBeLessThan(body.organisations[1].scores.format)
    const csv = await (await fetch(`${base}/api/export/organisations.csv`)).text()
    expect(csv.split('\r\n')[1]).toMatch(/^Göteborgs Stad,http:\/\/dataportal.se\/organisation\/SE2120001355,2026-11-20,/)
  })

  it('answers bad requests with the one JSON error shape', async () => {
    const res = await fetch(`${base}/api/trend?level=galaxy&key=x`)
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ error: { code: 'bad-request', message: expect.stringMatching(/level/) } })
    const nf = await fetch(`${base}/api/dataset?iri=${encodeURIComponent('urn:nope')}`)
    expect(nf.status).toBe(404)
    expect(((await nf.json()) as { error: { code: string } }).error.code).toBe('not-found')
  })

  it('serves an SVG badge for a dataset, grey when unknown', async () => {
    const res = await fetch(`${base}/badge/dataset.svg?iri=${encodeURIComponent(DS_B)}`)
    expect(res.headers.get('content-type')).toMatch(/image\/svg\+xml/)
    const svg = await res.text()
    expect(svg).toMatch(/datakvalitet: \d+\/100/)
    const unknown = await (await fetch(`${base}/badge/dataset.svg?iri=urn:none`)).text()
    expect(unknown).toContain('ej bedömd')
    expect(unknown).toContain('#9f9f9f')
  })

  it('renders the publisher page in Chromium with the problem and its fix in Swedish', async () => {
    const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p))
    expect(executablePath, 'Debian chromium must be installed (apt-get install chromium)').toBeTruthy()
    let browser: Browser | undefined
    try {
      browser = await chromium.launch({
        executablePath,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      })
      const page = await browser.newPage()
      await page.goto(`${base}/`)
      expect(await page.locator('#organisations tbody tr').count()).toBe(2)
      await page.click('text=Göteborgs Stad')
      await page.waitForSelector('#problems')
      const text = await page.locator('#problems').innerText()
      expect(text).toContain('encoding-error')
      expect(text).toContain('Spara filen som UTF-8')
      await page.click('text=Badplatser')
      await page.waitForSelector('[data-distribution]')
      expect(await page.locator('h1').innerText()).toBe('Badplatser')
      if (process.env.DATAVAKT_SCREENSHOTS) await page.screenshot({ path: `${process.env.DATAVAKT_SCREENSHOTS}/dataset.png`, fullPage: true })
    } finally {
      await browser?.close()
    }
  })
})
