import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig, type Config } from '../../src/config/config.js'
import { runContentSweep } from '../../src/content/run-content-sweep.js'
import { json } from '../../src/db/json.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import type { FetchEngine } from '../../src/fetch/fetch-engine.js'
import { describeFinding } from '../../src/i18n/catalogue.js'
import { runSweep } from '../../src/queue/run-sweep.js'
import { emptyDatasetColumns } from '../helpers/empty-dataset-columns.js'
import { createTestDb, type TestDb } from '../helpers/test-db.js'

/**
 * A file that is not there, through the real availability sweep and content run on four
 * days: a daily file behind a sign-in wall (a SAML sign-in page answering 200), one gone
 * (404), and one that answers but never changes. What came instead of the file is not the
 * file: freshness cannot tell, and must not say "the file has not changed since"; nor is
 * the sign-in page's size the file's.
 */

const DAILY = 'http://publications.europa.eu/resource/authority/frequency/DAILY'
const DAY_MS = 86_400_000
const day = (n: number) => new Date(Date.parse('2026-11-02T12:00:00Z') + n * DAY_MS)
const SIGN_IN = '<!doctype html><html><head><title>Logga in</title></head><body><form method="post"><input name="u"><input type="password" name="p"></form></body></html>'

let server: Server
let base: string
let engine: FetchEngine
let config: Config
let t: TestDb

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (path === '/walled.csv') return void res.writeHead(302, { location: '/sso/saml?SAMLRequest=abc' }).end()
    if (path === '/sso/saml') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(SIGN_IN)
    if (path === '/still.csv') return void res.writeHead(200, { 'content-type': 'text/csv', etag: '"v1"' }).end('id,namn\n1,a\n')
    if (path === '/empty.csv') return void res.writeHead(200, { 'content-type': 'text/csv' }).end()
    res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not found</body></html>')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  config = { ...defaultConfig, allowPrivateNetworks: true, http: { ...defaultConfig.http, perHostGapMs: 1 } }
  engine = createFetchEngine(config.http, { allowPrivateNetworks: true })
  t = await createTestDb()
  await t.db.insertInto('catalogue_sources').values({ id: 's', kind: 'dcat', url: `${base}/catalog` }).execute()
  for (const name of ['walled', 'gone', 'still', 'empty']) {
    const ds = { iri: `urn:ds:${name}`, source_id: 's', organisation_iri: 'urn:org', ...emptyDatasetColumns(), title: json({ sv: name }), accrual_periodicity: DAILY, record_hash: 'h' }
    await t.db.insertInto('datasets').values(ds).execute()
    const url = `${base}/${name}.csv`
    await t.db.insertInto('distributions').values({ iri: `urn:d:${name}`, dataset_iri: ds.iri, title: json({}), description: json({}), conforms_to: json([]), download_url: url, format: 'text/csv', byte_size: 20_000, host: new URL(base).host, record_hash: 'h' }).execute()
  }
  for (let n = 0; n < 4; n++) {
    const now = day(n)
    await runSweep({ db: t.db, engine, config, trigger: 'test', worker: { now: () => now } })
    await runContentSweep({ db: t.db, engine, config, now })
  }
}, 120_000)

afterAll(async () => {
  await engine?.close()
  await new Promise((r) => server?.close(r))
  await t?.drop()
})

const latestFreshness = (name: string) =>
  t.db.selectFrom('check_results').selectAll().where('distribution_iri', '=', `urn:d:${name}`).where('check_id', '=', 'freshness').orderBy('at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow()

describe('freshness of a file that is not there', () => {
  it('the sweep saw the sign-in wall and the 404 (so the content run knows)', async () => {
    const codes = await t.db.selectFrom('availability_state').select(['distribution_iri', 'last_code']).orderBy('distribution_iri').execute()
    expect(codes).toEqual([
      { distribution_iri: 'urn:d:empty', last_code: 'empty-body' },
      { distribution_iri: 'urn:d:gone', last_code: 'http-404' },
      { distribution_iri: 'urn:d:still', last_code: 'ok' },
      { distribution_iri: 'urn:d:walled', last_code: 'login-wall' },
    ])
  })

  it.each([
    ['walled', 'login-wall'],
    ['gone', 'http-404'],
  ])('%s: no grade and no "has not changed since", but why it could not tell', async (name, code) => {
    const r = await latestFreshness(name)
    expect(r.status).toBe('skipped')
    expect(r.findings).toEqual([{ code: 'content-unavailable', severity: 'info', params: { fetchCode: code } }])
    expect(describeFinding(r.findings[0]!, 'en').message).toMatch(/^The content could not be fetched \(.+\); the check could not run\.$/)
  })

  it('still grades the daily file that answers and never changes', async () => {
    const r = await latestFreshness('still')
    expect(r.findings.map((f) => f.code)).toEqual(['freshness-delinquent'])
  })
})

describe('the format of what came instead of the file', () => {
  const latestFormat = (name: string) =>
    t.db.selectFrom('check_results').selectAll().where('distribution_iri', '=', `urn:d:${name}`).where('check_id', '=', 'format').orderBy('at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow()

  it('says the sign-in page is a web page, and does not ask to declare its size as the file\'s', async () => {
    const r = await latestFormat('walled')
    expect(r.findings.map((f) => f.code)).toEqual(['format-mismatch'])
    expect(r.findings[0]!.params).toMatchObject({ servedHtml: true })
  })

  it('says an empty answer is empty, and does not ask to declare 0 bytes', async () => {
    expect((await latestFormat('empty')).findings.map((f) => f.code)).toEqual(['empty-content'])
  })
})
