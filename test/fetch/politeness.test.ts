import { afterEach, describe, expect, it } from 'vitest'
import { defaultConfig, type HttpConfig } from '../../src/config/config.js'
import { createFetchEngine, type CreatedFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { parseRetryAfter } from '../../src/fetch/parse-retry-after.js'
import { startServer, startSlowServer, type InFlight, type LoopbackServer } from './loopback-server.js'

const base: HttpConfig = { ...defaultConfig.http, headersTimeoutMs: 5_000, probeBytes: 1024 }
const open: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()))
})

/** A server that answers after `delayMs` and counts requests in flight (now and at peak), closed after each test. */
async function slowServer(delayMs: number, address = '127.0.0.1', shared?: InFlight) {
  const inFlight = shared ?? { now: 0, peak: 0 }
  const server = await startSlowServer(delayMs, inFlight, address)
  open.push(server)
  return { server, inFlight }
}

function engine(http: Partial<HttpConfig>): CreatedFetchEngine {
  const e = createFetchEngine({ ...base, ...http }, { allowPrivateNetworks: true })
  open.push(e)
  return e
}

const span = (s: LoopbackServer) => s.requests[s.requests.length - 1].at - s.requests[0].at
const gaps = (s: LoopbackServer) => s.requests.slice(1).map((r, i) => r.at - s.requests[i].at)

describe('politeness, seen from the server', () => {
  it('never more than 2 connections or requests at once to one host, and both are used', async () => {
    const { server, inFlight } = await slowServer(100)
    const e = engine({ perHostConnections: 2, perHostGapMs: 0 })
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => e.probe(`${server.url}/f${i}.csv`)))
    expect(results.every((r) => r.code === 'ok')).toBe(true)
    expect(server.requests).toHaveLength(12)
    expect(server.peakOpen()).toBeLessThanOrEqual(2)
    expect(inFlight.peak).toBe(2)
  })

  it('a minimum gap between request starts at one host', async () => {
    const { server } = await slowServer(10)
    const e = engine({ perHostConnections: 2, perHostGapMs: 150 })
    await Promise.all(Array.from({ length: 10 }, (_, i) => e.probe(`${server.url}/f${i}.csv`)))
    expect(server.peakOpen()).toBeLessThanOrEqual(2)
    // The server runs in this process: on a busy machine one arrival may be seen late, which
    // shortens one measured gap but not the span. Without the gap the span would be ~50 ms.
    expect(span(server)).toBeGreaterThanOrEqual(9 * 150 - 80)
    expect(Math.min(...gaps(server))).toBeGreaterThanOrEqual(40)
  })

  it('hosts are worked on side by side, each at its own polite rate', async () => {
    const a = await slowServer(50, '127.0.0.1')
    const b = await slowServer(50, '127.0.0.3')
    const e = engine({ perHostConnections: 1, perHostGapMs: 100 })
    await Promise.all([
      ...Array.from({ length: 4 }, (_, i) => e.probe(`${a.server.url}/${i}`)),
      ...Array.from({ length: 4 }, (_, i) => e.probe(`${b.server.url}/${i}`)),
    ])
    for (const s of [a.server, b.server]) {
      expect(s.peakOpen()).toBe(1)
      expect(span(s)).toBeGreaterThanOrEqual(3 * 100 - 60)
    }
    // B did not wait for A to finish: its first request came before A's last.
    expect(b.server.requests[0].at).toBeLessThan(a.server.requests[3].at)
  })

  it('the global limit caps requests in flight across all hosts', async () => {
    const shared = { now: 0, peak: 0 }
    const hosts = await Promise.all(['127.0.0.4', '127.0.0.5', '127.0.0.6', '127.0.0.7'].map((ip) => slowServer(80, ip, shared)))
    const e = engine({ perHostConnections: 2, perHostGapMs: 0, globalConcurrency: 3 })
    const results = await Promise.all(hosts.flatMap((h) => Array.from({ length: 4 }, (_, i) => e.probe(`${h.server.url}/${i}`))))
    expect(results.filter((r) => r.code === 'ok')).toHaveLength(16)
    expect(shared.peak).toBe(3)
  })

  it('waiting politely in a host queue (redirect hops included) does not spend a URL budget', async () => {
    const server = await startServer((req, res) => {
      if (req.url?.startsWith('/r')) return void res.writeHead(302, { location: `/file${req.url.slice(2)}` }).end()
      res.end('a,b\n')
    })
    open.push(server)
    // 8 URLs of 2 hops each at a 150 ms gap take ~2.4 s in line; each URL's own work takes ms.
    const e = engine({ perHostConnections: 1, perHostGapMs: 150, urlBudgetMs: 400 })
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => e.probe(`${server.url}/r${i}`)))
    expect(results.map((r) => r.code)).toEqual(Array(8).fill('redirected'))
    expect(Math.max(...results.map((r) => r.elapsedMs))).toBeLessThan(400)
    // A started URL's next hop goes first: every URL finishes its two hops back to back.
    const paths = server.requests.map((q) => q.path)
    for (let i = 0; i < paths.length; i += 2) expect(paths[i + 1]).toBe(`/file${paths[i].slice(2)}`)
  })

  it('closing the engine turns queued probes away as unverified instead of leaving them hanging', async () => {
    const { server } = await slowServer(10)
    const e = createFetchEngine({ ...base, perHostConnections: 1, perHostGapMs: 200 }, { allowPrivateNetworks: true })
    const pending = Array.from({ length: 6 }, (_, i) => e.probe(`${server.url}/${i}`))
    await new Promise((resolve) => setTimeout(resolve, 300))
    await e.close()
    const results = await Promise.all(pending)
    const turnedAway = results.filter((r) => r.code === 'budget-exceeded')
    expect(turnedAway.length).toBeGreaterThanOrEqual(3)
    expect(turnedAway.every((r) => r.outcome === 'unverified')).toBe(true)
    expect(results.filter((r) => r.code === 'ok').length + turnedAway.length).toBe(6)
    expect((await e.probe(`${server.url}/after`)).code).toBe('budget-exceeded')
  })

  it('honours Retry-After on 429 and slows the host down for the rest of the sweep', async () => {
    let limited = true
    const server = await startServer((req, res) => {
      if (req.url === '/limited' && limited) {
        limited = false
        return void res.writeHead(429, { 'retry-after': '1' }).end()
      }
      res.end('a,b\n')
    })
    open.push(server)
    const e = engine({ perHostConnections: 2, perHostGapMs: 50 })
    const r = await e.probe(`${server.url}/limited`)
    expect({ outcome: r.outcome, code: r.code, retryAfterSeconds: r.retryAfterSeconds }).toEqual({ outcome: 'unverified', code: 'rate-limited', retryAfterSeconds: 1 })
    expect(e.hostGapMs(server.host)).toBe(100)
    const later = await Promise.all([e.probe(`${server.url}/a`), e.probe(`${server.url}/b`), e.probe(`${server.url}/c`)])
    expect(later.map((x) => x.code)).toEqual(['ok', 'ok', 'ok'])
    const [first, ...rest] = gaps(server)
    expect(first).toBeGreaterThanOrEqual(900) // waited out Retry-After: 1
    expect(rest[0] + rest[1]).toBeGreaterThanOrEqual(2 * 100 - 40) // the doubled gap holds afterwards
  })

  it('forgets a rate-limit slow-down rateLimitMemoryMs after the last 429, so a long-running engine does not stay slow', async () => {
    const server = await startServer((req, res) => {
      if (req.url === '/limited') return void res.writeHead(429, { 'retry-after': '0' }).end()
      res.end('a,b\n')
    })
    open.push(server)
    const e = engine({ perHostConnections: 2, perHostGapMs: 50, rateLimitMemoryMs: 400 })
    expect((await e.probe(`${server.url}/limited`)).code).toBe('rate-limited')
    expect(e.hostGapMs(server.host)).toBe(100)
    await new Promise((resolve) => setTimeout(resolve, 450))
    expect(e.hostGapMs(server.host)).toBe(50)
    expect((await e.probe(`${server.url}/a`)).code).toBe('ok')
  })

  it('rateLimitGapFactor 1 keeps the gap as configured after a 429; a factor above 1 grows even a gap of 0', async () => {
    const server = await startServer((req, res) => {
      if (req.url === '/limited') return void res.writeHead(429, { 'retry-after': '0' }).end()
      res.end('a,b\n')
    })
    open.push(server)
    const kept = engine({ perHostGapMs: 0, rateLimitGapFactor: 1 })
    for (let i = 0; i < 3; i++) expect((await kept.probe(`${server.url}/limited`)).code).toBe('rate-limited')
    // Each 429 used to add 1 ms even at factor 1: after a few hundred, a gap-0 check crawled.
    expect(kept.hostGapMs(server.host)).toBe(0)
    const grown = engine({ perHostGapMs: 0, rateLimitGapFactor: 2 })
    for (let i = 0; i < 3; i++) await grown.probe(`${server.url}/limited`)
    expect(grown.hostGapMs(server.host)).toBe(4) // 0 → 1 → 2 → 4
  })

  it('honours an HTTP-date Retry-After on 503, capped by maxRetryAfterMs', async () => {
    const server = await startServer((req, res) => {
      if (req.url === '/busy') return void res.writeHead(503, { 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() }).end()
      res.end('a,b\n')
    })
    open.push(server)
    const e = engine({ perHostGapMs: 0, maxRetryAfterMs: 300 })
    const r = await e.probe(`${server.url}/busy`)
    expect(r.code).toBe('rate-limited')
    expect(r.retryAfterSeconds).toBeGreaterThan(3590)
    expect((await e.probe(`${server.url}/next`)).code).toBe('ok')
    expect(gaps(server)[0]).toBeGreaterThanOrEqual(230)
    expect(gaps(server)[0]).toBeLessThan(3_000)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-26T12:00:00Z')
  it.each([
    ['120', 120],
    ['0', 0],
    ['Thu, 26 Nov 2026 12:01:30 GMT', 90],
    ['Thu, 26 Nov 2026 11:00:00 GMT', 0],
    ['soon', null],
    ['-5', null],
    ['', null],
  ])('%s → %s', (v, s) => expect(parseRetryAfter(v, now)).toBe(s))
  it('missing → null', () => expect(parseRetryAfter(undefined, now)).toBeNull())
})
