import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deliverOutbox } from '../../src/alerts/deliver-outbox.js'
import { queueDigests } from '../../src/alerts/queue-digests.js'
import { checks } from '../../checks/index.js'
import { defaultConfig, type Config } from '../../src/config/config.js'
import { runContentSweep } from '../../src/content/run-content-sweep.js'
import { json } from '../../src/db/json.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import type { FetchEngine } from '../../src/fetch/fetch-engine.js'
import { emptyDatasetColumns, emptyDistributionColumns } from '../helpers/empty-dataset-columns.js'
import { Inbox, withSmtp } from '../helpers/smtp-inbox.js'
import { createTestDb, type TestDb } from '../helpers/test-db.js'

/**
 * A breaking change reaches its publisher and its followers: a conforming CSV on a loopback
 * server is checked by the real content sweep, then served with a column dropped; after the content
 * threshold (two daily checks) the publisher's digest, received by a real SMTP server,
 * says which column and since when; so does the digest of a reuser who follows the dataset.
 */

const ORG = 'urn:test:org:kommun'
const GOOD = 'datum;antal;plats\n2026-12-01;4;Ale\n2026-12-02;7;Borås\n2026-12-03;2;Lerum\n'
const DROPPED = 'datum;plats\n2026-12-01;Ale\n2026-12-02;Borås\n2026-12-03;Lerum\n'
let body = GOOD
let etag = '"v1"'
let server: Server
let t: TestDb
let engine: FetchEngine
let config: Config
const inbox = new Inbox()
const SECRET = 'test-secret-test-secret-test-secret-0123'
// The file's own checks; the dataset's metadata problems are not what this test is about.
const fileChecks = checks.filter((c) => ['csv-structure', 'encoding'].includes(c.id))
// 03:00 Stockholm on consecutive days, as the content job runs.
const day = (n: number, hour = 2) => new Date(Date.UTC(2026, 11, n, hour))

async function sweep(n: number) {
  return runContentSweep({ db: t.db, engine, config, now: day(n), checks: fileChecks })
}

async function digest(n: number) {
  const queued = await queueDigests(t.db, config, day(n, 6), SECRET)
  return { queued, ...(await withSmtp(inbox.port, (tx) => deliverOutbox(t.db, tx, config.alerts.from, day(n, 6)))) }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end()
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', etag }).end(body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  await inbox.start()
  t = await createTestDb()
  config = {
    ...defaultConfig,
    allowPrivateNetworks: true,
    http: { ...defaultConfig.http, perHostGapMs: 1 },
    web: { ...defaultConfig.web, publicUrl: 'http://127.0.0.1:8080' },
    alerts: { ...defaultConfig.alerts, from: 'datavakt <datavakt@127.0.0.1>', quietHours: null, contacts: [{ email: 'data@kommun.test', organisation: ORG }] },
  }
  engine = createFetchEngine(config.http, { allowPrivateNetworks: true })
  await t.db.insertInto('catalogue_sources').values({ id: 's', kind: 'dcat', url: `${base}/catalog` }).execute()
  await t.db
    .insertInto('datasets')
    .values({ iri: 'urn:ds:olyckor', source_id: 's', organisation_iri: ORG, ...emptyDatasetColumns(), title: json({ sv: 'Olyckor' }), record_hash: 'h' })
    .execute()
  await t.db
    .insertInto('distributions')
    .values({ iri: 'urn:dist:olyckor', dataset_iri: 'urn:ds:olyckor', ...emptyDistributionColumns(), download_url: `${base}/olyckor.csv`, media_type: 'text/csv', host: new URL(base).host, record_hash: 'h' })
    .execute()
  // A reuser who follows the dataset (double opt-in done: active), reading in English.
  await t.db.insertInto('alert_subscriptions').values({ email: 'reuser@app.test', lang: 'en', target_kind: 'dataset', target: 'urn:ds:olyckor', status: 'active', confirmed_at: day(1) }).execute()
})
afterAll(async () => {
  await engine?.close()
  await new Promise((r) => server?.close(r))
  await inbox.stop()
  await t?.drop()
})

describe('a column dropped from a conforming CSV', () => {
  it('stores the last good version’s profile, never the file', async () => {
    await sweep(1)
    const p = await t.db.selectFrom('column_profiles').selectAll().executeTakeFirstOrThrow()
    expect(p.columns).toEqual([
      { name: 'datum', type: 'date' },
      { name: 'antal', type: 'integer' },
      { name: 'plats', type: 'string' },
    ])
    expect(Number(p.rows)).toBe(3)
    expect(p.changes).toEqual([])
    expect(JSON.stringify(p)).not.toContain('Borås')
    expect(await digest(1)).toMatchObject({ queued: 0 })
  })

  it('reaches the publisher after two daily checks, saying which column and since when', async () => {
    body = DROPPED
    etag = '"v2"'
    await sweep(3)
    expect(await digest(3)).toMatchObject({ queued: 0 })
    // The next day the file is unchanged (a 304): the break still counts.
    await sweep(4)
    expect(await digest(4)).toMatchObject({ queued: 2, sent: 2 })
    expect(inbox.received).toHaveLength(2)
    const to = (x: (typeof inbox.received)[number]) => (x.to && 'text' in x.to ? x.to.text : '')
    const m = inbox.received.find((x) => to(x) === 'data@kommun.test')!
    expect(m.subject).toContain('1 nytt problem')
    expect(m.text).toContain('Filens kolumner har ändrats')
    expect(m.text).toContain('Kolumnen `antal` försvann den 3 december.')
    expect(m.text).toContain('sedan 3 december 2026')
    expect(m.html).toContain('försvann den 3 december')
    // The follower hears the same, in their language.
    const f = inbox.received.find((x) => to(x) === 'reuser@app.test')!
    expect(f.text).toContain('The column `antal` disappeared on 3 December.')
  })

  it('resolves once the column is back', async () => {
    body = GOOD
    etag = '"v3"'
    await sweep(5)
    await sweep(6)
    expect(await digest(6)).toMatchObject({ queued: 2, sent: 2 })
    expect(inbox.received[2]!.subject).toMatch(/1 åtgärdade|1 fixed/)
  })
})
