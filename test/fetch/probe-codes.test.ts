import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { gzipSync } from 'node:zlib'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { defaultConfig, type HttpConfig } from '../../src/config/config.js'
import { createFetchEngine, type CreatedFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { PROBE_CODES } from '../../src/domain/probe-codes.js'
import { describeFinding } from '../../src/i18n/catalogue.js'
import { byPath, closedPort, reply, startServer, type LoopbackServer } from './loopback-server.js'
import { makeTestCerts, type TestCerts } from './test-certs.js'

// Short timeouts so stalling servers are judged quickly; no gap so the file runs fast.
const http: HttpConfig = {
  ...defaultConfig.http,
  perHostGapMs: 0,
  connectTimeoutMs: 2_000,
  headersTimeoutMs: 600,
  bodyTimeoutMs: 600,
  urlBudgetMs: 5_000,
  probeBytes: 1024,
}

const csv = 'kommun,antal\nBorås,113000\nGöteborg,600000\n'
const stalled: ServerResponse[] = []
/** When (Date.now()) each /delay request reached the server. */
const delayedArrivals: number[] = []
const DELAY_MS = 300
let resetOnce = false

const CSV_TYPE = { 'content-type': 'text/csv' }
const HTML_TYPE = { 'content-type': 'text/html' }
/** The hop number `n` of a redirect chain's request (0 when it has none). */
const hopOf = (req: IncomingMessage) => Number(new URL(req.url ?? '/', 'http://x').searchParams.get('n') ?? 0)

const routes = byPath({
  '/delay': (_req, res) => {
    // Answers DELAY_MS after the request arrived: the probe's elapsed time must show it.
    delayedArrivals.push(Date.now())
    setTimeout(() => res.writeHead(200, CSV_TYPE).end(csv), DELAY_MS)
  },
  '/ok': reply(200, { ...CSV_TYPE, 'content-length': String(Buffer.byteLength(csv)), etag: '"v1"', 'last-modified': 'Wed, 21 Oct 2026 07:28:00 GMT' }, csv),
  '/range': (req, res) => {
    // Honours Range properly: 206 with Content-Range.
    const body = Buffer.alloc(5000, 'x')
    const m = /bytes=(\d+)-(\d+)/.exec(String(req.headers.range ?? ''))
    if (!m) return void res.end(body)
    const a = Number(m[1])
    const b = Math.min(Number(m[2]), body.length - 1)
    res.writeHead(206, { 'content-range': `bytes ${a}-${b}/${body.length}`, 'content-length': String(b - a + 1) })
    res.end(body.subarray(a, b + 1))
  },
  '/head-405': (req, res) => void (req.method === 'HEAD' ? res.writeHead(405).end() : res.end(csv)),
  '/hop': (req, res) => {
    // Relative Location, 3 hops then the file.
    const n = hopOf(req)
    if (n < 3) return void res.writeHead(302, { location: `hop?n=${n + 1}` }).end()
    res.end(csv)
  },
  '/loop-a': reply(301, { location: '/loop-b' }),
  '/loop-b': reply(307, { location: '/loop-a' }),
  '/chain': (req, res) => void res.writeHead(302, { location: `/chain?n=${hopOf(req) + 1}` }).end(),
  '/no-location': reply(302),
  '/404': reply(404, HTML_TYPE, '<h1>Not found</h1>'),
  '/410': reply(410),
  '/418': reply(418),
  '/500': reply(500, {}, 'boom'),
  '/502': reply(502),
  '/503-plain': reply(503),
  '/401': reply(401, { 'www-authenticate': 'Basic realm="x"' }),
  '/403': reply(403, HTML_TYPE, '<h1>Forbidden</h1>'),
  '/challenge': reply(403, { 'cf-mitigated': 'challenge', ...HTML_TYPE }, '<html></html>'),
  '/just-a-moment': reply(
    503,
    HTML_TYPE,
    '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script></body></html>',
  ),
  '/akamai': reply(
    403,
    HTML_TYPE,
    '<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY><H1>Access Denied</H1>You don\'t have permission to access "http://x/a.csv" on this server.<P>Reference #18.1234</BODY></HTML>',
  ),
  '/429': reply(429, { 'retry-after': '0' }),
  '/503-retry': reply(503, { 'retry-after': '0' }),
  // Accepts, never answers.
  '/stall-headers': (_req, res) => void stalled.push(res),
  '/slow-body': (_req, res) => {
    // Headers at once, then a byte every 100 ms: never idle long enough for bodyTimeout,
    // but longer than the URL budget.
    res.writeHead(200, { ...CSV_TYPE, 'content-length': '100000' })
    const t = setInterval(() => res.write('x'), 100)
    res.on('close', () => clearInterval(t))
  },
  '/reset': (req) => void req.socket.destroy(),
  '/reset-once': (req, res) => {
    if (resetOnce) return void res.end(csv)
    resetOnce = true
    req.socket.destroy()
  },
  '/rst': (req) => {
    // On https the TCP socket is the TLS socket's parent; a RST must go out on that one.
    const tcp = (req.socket as typeof req.socket & { _parent?: typeof req.socket })._parent ?? req.socket
    tcp.resetAndDestroy()
  },
  '/truncated': (req, res) => {
    res.writeHead(200, { ...CSV_TYPE, 'content-length': '900' })
    res.write(Buffer.alloc(300, 'a'))
    setTimeout(() => req.socket.destroy(), 20)
  },
  '/truncated-206': (req, res) => {
    res.writeHead(206, { 'content-range': 'bytes 0-1023/50000', 'content-length': '1024' })
    res.write(Buffer.alloc(100, 'a'))
    setTimeout(() => req.socket.end(), 20)
  },
  '/empty': reply(200, { ...CSV_TYPE, 'content-length': '0' }),
  // A strict server: an empty file cannot satisfy bytes=0-1023.
  '/empty-416': (req, res) => (req.headers.range ? reply(416, { 'content-range': 'bytes */0' }) : reply(200, { 'content-length': '0' }))(req, res),
  '/ogc': reply(
    200,
    { 'content-type': 'application/vnd.ogc.se_xml' },
    '<?xml version="1.0" encoding="UTF-8"?>\n<ServiceExceptionReport version="1.3.0" xmlns="http://www.opengis.net/ogc"><ServiceException code="LayerNotDefined">Unknown layer</ServiceException></ServiceExceptionReport>',
  ),
  '/ows': reply(
    200,
    { 'content-type': 'text/xml' },
    '<?xml version="1.0"?><ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows/1.1" version="2.0.0"><ows:Exception exceptionCode="InvalidParameterValue"/></ows:ExceptionReport>',
  ),
  '/arcgis': reply(200, { 'content-type': 'application/json' }, '{"error":{"code":400,"message":"Invalid or missing input parameters."}}'),
  // An HTML "not found" page with 200 is a content finding, not a probe failure.
  '/soft-404': reply(200, HTML_TYPE, '<html><title>Sidan hittades inte</title></html>'),
  '/conditional': (req, res) =>
    (req.headers['if-none-match'] === '"v1"' || req.headers['if-modified-since'] ? reply(304, { etag: '"v1"' }) : reply(200, { etag: '"v1"' }, csv))(req, res),
  '/gzip-csv': reply(200, { 'content-encoding': 'gzip', ...CSV_TYPE }, gzipSync(csv)),
})

let server: LoopbackServer
let tlsServer: LoopbackServer
let certs: TestCerts
let engine: CreatedFetchEngine
let deadPort: number
const covered = new Set<string>()

beforeAll(async () => {
  server = await startServer(routes)
  certs = makeTestCerts()
  tlsServer = await startServer(routes, { tls: { key: certs.key, cert: certs.valid } })
  deadPort = await closedPort()
  engine = createFetchEngine(http, {
    allowPrivateNetworks: true,
    ca: certs.ca,
    lookup: (hostname, _o, cb) => {
      // Names are resolved here, never by a real resolver: tests talk to loopback only.
      if (hostname === 'files.test') return cb(null, [{ address: '127.0.0.1', family: 4 }])
      const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
      cb(err, [])
    },
  })
})
afterAll(async () => {
  for (const r of stalled) r.socket?.destroy()
  await engine.close()
  await server.close()
  await tlsServer.close()
  certs.cleanup()
  // Every code of the table is exercised by a case below (http here, TLS in tls.test.ts,
  // web pages where a data file was expected in web-pages.test.ts).
  const tlsCodes = ['tls-expired', 'tls-untrusted', 'tls-hostname', 'tls-error', 'forbidden-target', 'login-wall', 'landing-page', 'soft-404']
  const missing = Object.keys(PROBE_CODES).filter((c) => !covered.has(c) && !tlsCodes.includes(c))
  expect(missing).toEqual([])
})

const cases: [path: string, outcome: string, code: string][] = [
  ['/ok', 'ok', 'ok'],
  ['/range', 'ok', 'ok'],
  ['/head-405', 'ok', 'ok'],
  ['/soft-404', 'ok', 'ok'],
  ['/gzip-csv', 'ok', 'ok'],
  ['/hop', 'ok', 'redirected'],
  ['/404', 'failing', 'http-404'],
  ['/410', 'failing', 'http-410'],
  ['/418', 'failing', 'http-4xx'],
  ['/500', 'failing', 'http-5xx'],
  ['/502', 'failing', 'http-5xx'],
  ['/503-plain', 'failing', 'http-5xx'],
  ['/no-location', 'failing', 'http-3xx'],
  ['/401', 'failing', 'login-required'],
  ['/403', 'failing', 'forbidden'],
  ['/challenge', 'unverified', 'blocked'],
  ['/just-a-moment', 'unverified', 'blocked'],
  ['/akamai', 'unverified', 'blocked'],
  ['/429', 'unverified', 'rate-limited'],
  ['/503-retry', 'unverified', 'rate-limited'],
  ['/stall-headers', 'failing', 'timeout'],
  ['/reset', 'failing', 'reset'],
  ['/rst', 'failing', 'reset'],
  ['/truncated', 'failing', 'truncated'],
  ['/truncated-206', 'failing', 'truncated'],
  ['/empty', 'failing', 'empty-body'],
  ['/empty-416', 'failing', 'empty-body'],
  ['/ogc', 'failing', 'api-error'],
  ['/ows', 'failing', 'api-error'],
  ['/arcgis', 'failing', 'api-error'],
  ['/loop-a', 'failing', 'redirect-loop'],
  ['/chain', 'failing', 'too-many-redirects'],
]

describe('one probe is classified by what the server really does', () => {
  it.each(cases)('%s → %s / %s', async (path, outcome, code) => {
    const r = await engine.probe(server.url + path)
    expect({ outcome: r.outcome, code: r.code }).toEqual({ outcome, code })
    covered.add(r.code)
    if (outcome !== 'ok') expect(r.findings[0]).toMatchObject({ code, severity: outcome === 'failing' ? 'error' : 'info' })
    else expect(r.findings).toEqual([])
  })

  it.each(cases)('over https: %s → %s / %s', async (path, outcome, code) => {
    const r = await engine.probe(tlsServer.url + path)
    expect({ outcome: r.outcome, code: r.code }).toEqual({ outcome, code })
    if (r.httpStatus !== null) expect(r.tlsDaysLeft).toBeGreaterThan(200)
  })

  it('records status, final URL, content type, length, ETag and Last-Modified of an ok file', async () => {
    const r = await engine.probe(server.url + '/ok')
    expect(r).toMatchObject({
      httpStatus: 200,
      finalUrl: server.url + '/ok',
      redirects: 0,
      contentType: 'text/csv',
      contentLength: Buffer.byteLength(csv),
      etag: '"v1"',
      lastModified: 'Wed, 21 Oct 2026 07:28:00 GMT',
      bytesRead: Buffer.byteLength(csv),
    })
  })

  it("times the server's own delay, and dates the probe from its start, before the answer came", async () => {
    const before = Date.now()
    const r = await engine.probe(server.url + '/delay')
    expect(r.code).toBe('ok')
    // The server held the answer DELAY_MS; loopback adds little, a busy machine a little more.
    expect(r.elapsedMs).toBeGreaterThanOrEqual(DELAY_MS - 5)
    expect(r.elapsedMs).toBeLessThan(DELAY_MS + 1_500)
    const at = new Date(r.at).getTime()
    expect(at).toBeGreaterThanOrEqual(before)
    // The request reached the server after the probe began, and the answer came DELAY_MS later.
    expect(at).toBeLessThanOrEqual(delayedArrivals.at(-1)!)
    expect(at).toBeLessThanOrEqual(Date.now() - DELAY_MS + 5)
  })

  it('asks for a prefix with Range and an honest User-Agent, and never HEAD', async () => {
    const before = server.requests.length
    const r = await engine.probe(server.url + '/range')
    expect(r).toMatchObject({ httpStatus: 206, bytesRead: 1024, contentLength: 5000 })
    const seen = server.requests.slice(before)
    expect(seen.map((q) => q.method)).toEqual(['GET'])
    expect(seen[0].headers.range).toBe('bytes=0-1023')
    expect(seen[0].headers['user-agent']).toMatch(/datavakt/)
    expect(seen[0].headers['user-agent']).toContain(defaultConfig.http.contactUrl)
  })

  it('records a redirect chain with relative Locations', async () => {
    const r = await engine.probe(server.url + '/hop')
    expect(r.redirects).toBe(3)
    expect(r.finalUrl).toBe(server.url + '/hop?n=3')
    expect(r.redirectChain.map((h) => h.status)).toEqual([302, 302, 302, 200])
    expect(r.redirectChain[1].url).toBe(server.url + '/hop?n=1')
  })

  it('stops a redirect chain after maxRedirects (10) hops', async () => {
    const before = server.requests.length
    const r = await engine.probe(server.url + '/chain')
    expect(r.code).toBe('too-many-redirects')
    expect(server.requests.length - before).toBe(11)
  })

  it('a reset is asked once more before it counts (a stale kept-alive connection looks the same)', async () => {
    const before = server.requests.length
    expect((await engine.probe(server.url + '/reset')).code).toBe('reset')
    expect(server.requests.length - before).toBe(2)
    expect((await engine.probe(server.url + '/reset-once')).code).toBe('ok')
  })

  it('says how many bytes a truncated body delivered', async () => {
    const r = await engine.probe(server.url + '/truncated')
    expect(r.bytesRead).toBe(300)
    expect(r.findings[0]).toEqual({ code: 'truncated', severity: 'error', params: { bytes: 300, expected: 900 } })
    expect(describeFinding(r.findings[0], 'sv').message).toMatch(/\(300 av 900 byte\)$/)
    expect(describeFinding(r.findings[0], 'en').message).toMatch(/\(300 of 900 bytes\)$/)
  })

  it('answers 304 to a conditional probe as ok, sending If-None-Match and If-Modified-Since', async () => {
    const before = server.requests.length
    const r = await engine.probe(server.url + '/conditional', {
      conditional: { etag: '"v1"', lastModified: 'Wed, 21 Oct 2026 07:28:00 GMT' },
    })
    expect({ outcome: r.outcome, code: r.code, httpStatus: r.httpStatus }).toEqual({ outcome: 'ok', code: 'ok', httpStatus: 304 })
    const q = server.requests.slice(before)[0]
    expect(q.headers['if-none-match']).toBe('"v1"')
    expect(q.headers['if-modified-since']).toBe('Wed, 21 Oct 2026 07:28:00 GMT')
    const plain = await engine.probe(server.url + '/conditional')
    expect(plain.httpStatus).toBe(200)
  })

  it('a server that never sends headers is a timeout (failing), our own budget running out is budget-exceeded (unverified)', async () => {
    const stall = await engine.probe(server.url + '/stall-headers')
    expect(stall.code).toBe('timeout')
    const budgeted = createFetchEngine({ ...http, urlBudgetMs: 400, bodyTimeoutMs: 5_000 }, { allowPrivateNetworks: true })
    try {
      const r = await budgeted.probe(server.url + '/slow-body')
      expect({ outcome: r.outcome, code: r.code }).toEqual({ outcome: 'unverified', code: 'budget-exceeded' })
      covered.add(r.code)
      expect(r.elapsedMs).toBeLessThan(2_000)
    } finally {
      await budgeted.close()
    }
  })

  it('nothing listening is refused; a name that does not resolve is dns; junk is invalid-url', async () => {
    const refused = await engine.probe(`http://127.0.0.1:${deadPort}/x.csv`)
    expect(refused.code).toBe('refused')
    const dns = await engine.probe('http://no-such-host.test/x.csv')
    expect({ outcome: dns.outcome, code: dns.code }).toEqual({ outcome: 'failing', code: 'dns' })
    const viaName = await engine.probe(`http://files.test:${server.port}/ok`)
    expect(viaName.code).toBe('ok')
    for (const bad of ['not a url', 'ftp://127.0.0.1/x.csv', 'javascript:alert(1)', 'http://']) {
      const r = await engine.probe(bad)
      expect({ url: bad, code: r.code, outcome: r.outcome }).toEqual({ url: bad, code: 'invalid-url', outcome: 'failing' })
    }
    for (const r of [refused, dns]) covered.add(r.code)
    covered.add('invalid-url')
  })

  it('a rate-limited answer reports the Retry-After it was given', async () => {
    const r = await engine.probe(server.url + '/503-retry')
    expect(r.retryAfterSeconds).toBe(0)
    expect(r.httpStatus).toBe(503)
  })
})
