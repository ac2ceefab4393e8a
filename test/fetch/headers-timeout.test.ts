/**
 * The headers timeout holds to the millisecond, not to undici's half-second ticks: a
 * server that accepts and never answers costs a probe (and a body fetch) the configured
 * `headersTimeoutMs`, then `timeout` (waited for: headers). undici's own timer, used alone
 * before, fired anywhere up to about a second late for limits over a second (its coarse
 * "fast timers"): a 3 s limit held a connection 3.3-3.5 s in the sweep bench.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { defaultConfig, type HttpConfig } from '../../src/config/config.js'
import { createFetchEngine, type CreatedFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { FetchBodyError } from '../../src/fetch/fetch-engine.js'
import { startServer, type LoopbackServer } from './loopback-server.js'

const LIMIT_MS = 1100
/** How late a timer may fire on a busy test machine; undici's alone was up to ~1,000 ms late. */
const LATE_MS = 400

const http: HttpConfig = { ...defaultConfig.http, perHostGapMs: 0, perHostConnections: 2, headersTimeoutMs: LIMIT_MS, bodyTimeoutMs: 10_000, urlBudgetMs: 30_000, bodyBudgetMs: 30_000 }

let server: LoopbackServer
let engine: CreatedFetchEngine

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url === '/ok') return void res.writeHead(200, { 'content-type': 'text/csv' }).end('a,b\n1,2\n')
    // accepts, never answers
  })
  engine = createFetchEngine(http, { allowPrivateNetworks: true })
})
afterAll(async () => {
  await engine.close()
  await server.close()
})

it('a probe of a silent server ends at the headers timeout, each time', async () => {
  // One after another: undici's ticks would put each at a different lateness.
  for (let i = 0; i < 4; i++) {
    const r = await engine.probe(`${server.url}/silent/${i}`)
    expect(r.code).toBe('timeout')
    expect(r.elapsedMs).toBeGreaterThanOrEqual(LIMIT_MS - 20)
    expect(r.elapsedMs).toBeLessThan(LIMIT_MS + LATE_MS)
  }
  // An answer that comes in time is not cut: the timer went with it.
  const ok = await engine.probe(`${server.url}/ok`)
  expect(ok.code).toBe('ok')
  await new Promise((r) => setTimeout(r, LIMIT_MS + 100))
  expect((await engine.probe(`${server.url}/ok`)).code).toBe('ok')
}, 20_000)

it('a body fetch of a silent server fails at the headers timeout', async () => {
  const start = performance.now()
  const err = await engine.fetchBody(`${server.url}/silent/body`, { maxBytes: 1000 }).catch((e: unknown) => e)
  const ms = performance.now() - start
  expect(err).toBeInstanceOf(FetchBodyError)
  expect((err as FetchBodyError).probeCode).toBe('timeout')
  expect(ms).toBeGreaterThanOrEqual(LIMIT_MS - 20)
  expect(ms).toBeLessThan(LIMIT_MS + LATE_MS)
}, 20_000)
