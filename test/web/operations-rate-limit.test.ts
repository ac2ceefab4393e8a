import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServerType } from '@hono/node-server'
import { Agent, request } from 'undici'
import { createApp } from '../../src/web/create-app.js'
import { TokenBuckets } from '../../src/web/rate-limit.js'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { serveOnLoopback } from './seeded-app.js'
import { expectConforms } from '../api/conformance.js'

let t: TestDb
let server: ServerType
let base: string
/** Requests from a second loopback address: another client. */
const other = new Agent({ localAddress: '127.0.0.2' })

beforeAll(async () => {
  t = await createTestDb()
  const app = createApp({ db: t.db, lang: 'en', logError: () => {}, metricsText: async () => '', rateLimit: { burst: 3, perSecond: 0.05, trustForwardedFor: false } })
  ;({ server, base } = await serveOnLoopback(app))
})

afterAll(async () => {
  server?.close()
  await other.close()
  await t?.drop()
})

const get = async (path: string, headers: Record<string, string> = {}, dispatcher?: Agent) => {
  const res = await request(`${base}${path}`, { headers, ...(dispatcher ? { dispatcher } : {}) })
  const body = await res.body.text()
  return { status: res.statusCode, headers: res.headers, body }
}

describe('rate limits', () => {
  it('gives each client address a bucket: the burst, then 429 with Retry-After in the one error shape, while others still get through', async () => {
    for (let i = 0; i < 3; i++) expect((await get('/api/region')).status).toBe(200)
    const limited = await get('/api/region?lang=sv')
    expect(limited.status).toBe(429)
    expect(limited.headers['retry-after']).toMatch(/^(19|20)$/) // 20 s to the next token, in whole seconds
    expect(limited.headers['cache-control']).toBe('no-store')
    expect(limited.headers['access-control-allow-origin']).toBe('*') // a script elsewhere can read why
    expect(JSON.parse(limited.body)).toEqual({ error: { code: 'rate-limited', message: `För många förfrågningar från din adress. Försök igen om ${limited.headers['retry-after']} s.` } })
    await expectConforms('GET', '/api/region', new Response(limited.body, { status: 429, headers: { 'content-type': 'application/json' } }))
    expect((await get('/api/region', {}, other)).status).toBe(200) // 127.0.0.2 has its own bucket
    // A browser gets a page in its language, with the same status and Retry-After.
    const page = await get('/organisation?iri=x&lang=en', { Accept: 'text/html' })
    expect(page.status).toBe(429)
    // Time has passed since the first 429 (seconds on a loaded machine): the wait only shrinks, never below the next token.
    expect(Number(page.headers['retry-after'])).toBeLessThanOrEqual(Number(limited.headers['retry-after']))
    expect(Number(page.headers['retry-after'])).toBeGreaterThanOrEqual(10)
    expect(page.body).toContain('<html lang="en">')
    expect(page.body).toContain('<title>Too many requests')
    expect(page.body).toContain('Try again in')
  })

  it('never limits /healthz, /readyz or /metrics, and refills the bucket with time', async () => {
    expect((await get('/api/health')).status).toBe(429) // this address is still out of tokens
    for (let i = 0; i < 5; i++) {
      expect((await get('/healthz')).status).toBe(200)
      expect((await get('/readyz')).status).toBe(200)
      expect((await get('/metrics')).status).toBe(200)
    }
    const fast = createApp({ db: t.db, lang: 'en', rateLimit: { burst: 1, perSecond: 10, trustForwardedFor: false } })
    expect((await fast.request('/api/health')).status).toBe(200)
    expect((await fast.request('/api/health')).status).toBe(429)
    await new Promise((r) => setTimeout(r, 150))
    expect((await fast.request('/api/health')).status).toBe(200)
  })

  it('keeps a bucket per client address from X-Forwarded-For only when told to trust it', async () => {
    const trusting = createApp({ db: t.db, lang: 'en', rateLimit: { burst: 1, perSecond: 0.01, trustForwardedFor: true } })
    const from = (address: string) => trusting.request('/api/health', { headers: { 'X-Forwarded-For': `10.9.9.9, ${address}` } })
    expect((await from('192.0.2.1')).status).toBe(200)
    expect((await from('192.0.2.1')).status).toBe(429)
    expect((await from('192.0.2.2')).status).toBe(200)
    const trustingNot = createApp({ db: t.db, lang: 'en', rateLimit: { burst: 1, perSecond: 0.01, trustForwardedFor: false } })
    expect((await trustingNot.request('/api/health', { headers: { 'X-Forwarded-For': '192.0.2.1' } })).status).toBe(200)
    expect((await trustingNot.request('/api/health', { headers: { 'X-Forwarded-For': '192.0.2.2' } })).status).toBe(429)
  })

  it('is a token bucket: burst, refill at the rate, the wait until the next token, and a bounded number of clients', () => {
    const b = new TokenBuckets({ burst: 2, perSecond: 4 }, 3)
    expect([b.take('a', 0), b.take('a', 0), b.take('a', 0)]).toEqual([0, 0, 250])
    expect(b.take('a', 125)).toBe(125) // half a token back, half to go
    expect(b.take('a', 250)).toBe(0)
    expect(b.take('a', 10_000)).toBe(0) // refilled, but never beyond the burst:
    expect(b.take('a', 10_000)).toBe(0)
    expect(b.take('a', 10_000)).toBe(250)
    for (const c of ['b', 'c', 'd', 'e']) b.take(c, 10_000)
    expect(b.size).toBe(3) // 'a' and 'b', seen longest ago, forgotten
  })
})
