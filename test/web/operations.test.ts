import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { metrics } from '@opentelemetry/api'
import type { Hono } from 'hono'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { createApp } from '../../src/web/create-app.js'
import { startTelemetry, type Telemetry } from '../../src/cli/telemetry-sdk.js'

let t: TestDb
let app: Hono
let telemetry: Telemetry

beforeAll(async () => {
  t = await createTestDb()
  // The SDK as the entry point starts it: /metrics is its Prometheus reader.
  telemetry = startTelemetry({ version: 'test' })
  app = createApp({ db: t.db, lang: 'en', logError: () => {}, metricsText: () => telemetry.metricsText() })
})

afterAll(async () => {
  await telemetry?.shutdown()
  await t?.drop()
})

describe('operational endpoints', () => {
  it('/healthz answers while the process lives, never cached', async () => {
    const res = await app.request('/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('/readyz is 200 on a migrated database and 503 naming the migration when one has not run', async () => {
    const ok = await app.request('/readyz')
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ status: 'ready' })
    const [last] = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(t.db).then((r) => r.rows)
    await sql`delete from kysely_migration where name = ${last.name}`.execute(t.db)
    try {
      const res = await app.request('/readyz')
      expect(res.status).toBe(503)
      expect(await res.json()).toEqual({ status: 'not-ready', reason: 'migrations-pending', pending: [last.name] })
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${last.name}, ${new Date().toISOString()})`.execute(t.db)
    }
    expect((await app.request('/readyz')).status).toBe(200)
  })

  it('/readyz is 503 when the database does not answer', async () => {
    const other = await createTestDb()
    const otherApp = createApp({ db: other.db, lang: 'en', logError: () => {} })
    await other.drop() // closed: every query now fails
    const res = await otherApp.request('/readyz')
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({ status: 'not-ready', reason: 'database-unreachable' })
  })

  it('/metrics shows the request counter by route and status, and counters made anywhere through @opentelemetry/api', async () => {
    await app.request('/api/region')
    await app.request('/no/such/page/1')
    await app.request('/no/such/page/2')
    metrics.getMeter('test').createCounter('datavakt.test.things', { description: 'Things "counted"\nin a test.' }).add(3, { kind: 'a"b' })
    const res = await app.request('/metrics')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const text = await res.text()
    expect(text).toContain('# TYPE datavakt_http_requests_total counter')
    expect(text).toMatch(/^datavakt_http_requests_total\{method="GET",route="\/api\/region",status="200"\} [1-9]\d*$/m)
    expect(text).toMatch(/^datavakt_http_requests_total\{method="GET",route="unmatched",status="404"\} ([2-9]|\d\d+)$/m)
    expect(text).not.toContain('/no/such/page') // raw paths never become labels
    expect(text).toContain('# HELP datavakt_test_things_total Things "counted"\\nin a test.')
    expect(text).toMatch(/^datavakt_test_things_total\{kind="a\\"b"\} 3$/m)
  })

  it('/metrics is 503 in a process without the SDK (an app made without a metrics source)', async () => {
    const bare = createApp({ db: t.db, lang: 'en', logError: () => {} })
    const res = await bare.request('/metrics')
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({ status: 'telemetry-off' })
  })
})
