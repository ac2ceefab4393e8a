/**
 * Every kind of fetch has an overall deadline, not only idle timeouts: a server that
 * trickles a byte at a time (never idle long enough for an idle timeout) cannot hold a
 * probe, a content body, a document, a schema or a catalogue page beyond its deadline.
 * The idle timeouts here are far longer than the deadlines, so only the deadline can stop
 * each fetch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import type { ServerResponse } from 'node:http'
import { createSchemaRegistry } from '../../checks/schema-registry.js'
import { defaultConfig, type HttpConfig } from '../../src/config/config.js'
import { createFetchEngine, type CreatedFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { FetchBodyError, FetchDeadlineError } from '../../src/fetch/fetch-engine.js'
import { fetchCatalogueDocument } from '../../src/harvest/fetch-catalogue-document.js'
import { HarvestError } from '../../src/harvest/harvest-error.js'
import { startServer, type LoopbackServer } from './loopback-server.js'

const DEADLINE_MS = 600
const TRICKLE_EVERY_MS = 50
const http: HttpConfig = {
  ...defaultConfig.http,
  perHostGapMs: 0,
  perHostConnections: 1,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  urlBudgetMs: DEADLINE_MS,
  bodyBudgetMs: DEADLINE_MS,
  documentDeadlineMs: DEADLINE_MS,
}

/** Headers at once, then one byte every TRICKLE_EVERY_MS, for ever (until the client goes). */
function trickle(res: ServerResponse, contentType: string, first: string): void {
  res.writeHead(200, { 'content-type': contentType })
  res.write(first)
  const timer = setInterval(() => res.write(' '), TRICKLE_EVERY_MS)
  res.on('close', () => clearInterval(timer))
}

let server: LoopbackServer
let engine: CreatedFetchEngine
/** Trickling responses still open: each must be closed by the client when its deadline passes. */
let open = 0

beforeAll(async () => {
  server = await startServer((req, res) => {
    const path = req.url ?? ''
    if (path === '/ok') return void res.writeHead(200, { 'content-type': 'text/csv' }).end('a,b\n1,2\n')
    open++
    res.on('close', () => open--)
    if (path === '/silent') return // accepts, never answers
    if (path.startsWith('/schema')) return trickle(res, 'application/json', '{"fields": [')
    if (path.startsWith('/catalogue')) return trickle(res, 'text/turtle', '@prefix dcat: <http://www.w3.org/ns/dcat#> .\n')
    trickle(res, 'text/csv', 'a,b\n')
  })
  engine = createFetchEngine(http, { allowPrivateNetworks: true })
})
afterAll(async () => {
  await engine.close()
  await server.close()
})

/** Runs `f`, returning what it settled with and how long it took. */
async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const start = performance.now()
  try {
    const value = await f()
    return { ms: performance.now() - start, value }
  } catch (error) {
    return { ms: performance.now() - start, error }
  }
}

/** The deadline held: not before it, not long after it; the server saw the client go; the host's slot came back. */
async function expectDeadlineHeld(ms: number): Promise<void> {
  expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS - 20)
  expect(ms).toBeLessThan(DEADLINE_MS + 1_500)
  await expect.poll(() => open, { timeout: 2_000 }).toBe(0)
  // One connection per host: the next fetch only runs if the trickling one let go of its slot.
  expect((await engine.probe(`${server.url}/ok`)).code).toBe('ok')
}

const isDeadline = (e: unknown) => e instanceof FetchDeadlineError && e.code === 'fetch.deadline' && e.probeCode === 'timeout'

describe('a trickling server is cut off at the deadline', () => {
  it('a probe: budget-exceeded (our own deadline: could not tell)', async () => {
    const r = await timed(() => engine.probe(`${server.url}/file.csv`))
    expect(r.value).toMatchObject({ outcome: 'unverified', code: 'budget-exceeded' })
    await expectDeadlineHeld(r.ms)
  })

  it('a content body: the stream throws FetchDeadlineError (timeout)', async () => {
    const r = await timed(async () => {
      const b = await engine.fetchBody(`${server.url}/file.csv`, { maxBytes: 1_000_000 })
      for await (const chunk of b.body) void chunk
    })
    expect(r.error).toSatisfy(isDeadline)
    expect((r.error as FetchBodyError).status).toBe(200)
    await expectDeadlineHeld(r.ms)
  })

  it('a document: FetchDeadlineError (timeout) at http.documentDeadlineMs, or at the deadline the caller gives', async () => {
    const r = await timed(() => engine.fetchDocument(`${server.url}/doc`, { maxBytes: 1_000_000 }))
    expect(r.error).toSatisfy(isDeadline)
    await expectDeadlineHeld(r.ms)
    const shorter = await timed(() => engine.fetchDocument(`${server.url}/doc`, { maxBytes: 1_000_000, deadlineMs: 200 }))
    expect(shorter.error).toSatisfy(isDeadline)
    expect(shorter.ms).toBeLessThan(DEADLINE_MS)
  })

  it('a server that never answers: the deadline holds before any header, too', async () => {
    const body = await timed(() => engine.fetchBody(`${server.url}/silent`, { maxBytes: 1_000 }))
    expect(body.error).toSatisfy((e: unknown) => isDeadline(e) && (e as FetchBodyError).status === null)
    await expectDeadlineHeld(body.ms)
    const doc = await timed(() => engine.fetchDocument(`${server.url}/silent`, { maxBytes: 1_000 }))
    expect(doc.error).toSatisfy(isDeadline)
    await expectDeadlineHeld(doc.ms)
  })

  it('a remote schema: the registry gives up at the deadline and calls the schema unknown', async () => {
    const registry = createSchemaRegistry({ bundledDir: join(tmpdir(), 'no-such-dir'), fetchDocument: (url, o) => engine.fetchDocument(url, o) })
    const r = await timed(() => registry.resolveSchema(`${server.url}/schema.json`))
    expect(r.error).toBeUndefined()
    expect(r.value).toBeNull()
    await expectDeadlineHeld(r.ms)
  })

  it('a catalogue page: a harvest timeout at harvest.timeoutMs', async () => {
    const deps = { fetchDocument: engine.fetchDocument.bind(engine), harvest: { ...defaultConfig.harvest, timeoutMs: DEADLINE_MS } }
    const r = await timed(() => fetchCatalogueDocument(deps, `${server.url}/catalogue.ttl`, 'text/turtle'))
    expect(r.error).toBeInstanceOf(HarvestError)
    expect(r.error).toMatchObject({ reason: 'timeout' })
    expect((r.error as HarvestError).cause).toSatisfy(isDeadline)
    await expectDeadlineHeld(r.ms)
  })
})
