/**
 * The fetch engine: the one way datavakt reaches the network. Built on undici `request`
 * over one `Agent` whose connector runs the address guard on every new connection (IP
 * literals directly, host names after DNS resolution), so redirects and reused pools are
 * guarded too. Politeness (per-host connections and gap, global limit, Retry-After
 * slow-down) is taken per request in `politeness.ts`. Redirects are followed by hand so
 * each hop is guarded, polite and recorded.
 */
import { Agent, buildConnector, request, type Dispatcher } from 'undici'
import { checkServerIdentity, rootCertificates, type TLSSocket } from 'node:tls'
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { pipeline, type Readable } from 'node:stream'
import { createBrotliDecompress, createGunzip, createInflate, constants as zlibConstants } from 'node:zlib'
import type { HttpConfig } from '../config/config.js'
import type { FetchEngine, FetchedBody } from './fetch-engine.js'
import type { ProbeFinding, ProbeResult } from './probe-types.js'
import { assertAllowedAddress, guardedLookup, type LookupAllFunction } from './address-guard.js'
import { BudgetExceededError, classifyError } from './classify-error.js'
import { describeOutcomeCode, outcomeOf, type ProbeCode } from './outcome-codes.js'
import { Politeness, type Slot } from './politeness.js'
import { TimeBudget } from './time-budget.js'
import { parseRetryAfter } from './parse-retry-after.js'
import { sniffBody } from './sniff-body.js'
import { FetchBodyError } from './fetch-body-error.js'

/** Re-exported so engine users need one import. */
export { FetchBodyError } from './fetch-body-error.js'

/** Options of `createFetchEngine` beyond the `http` configuration section. */
export interface FetchEngineOptions {
  /** Lifts the address guard (loopback, private, link-local, ... may be fetched). Tests and the demo only. */
  allowPrivateNetworks: boolean
  /** Single IP addresses exempt from the guard (e.g. an internal catalogue server). */
  allowAddresses?: readonly string[]
  /** Extra trusted CA certificate(s) (PEM), added to Node's roots. Tests use it to trust their own CA. */
  ca?: string | Buffer | (string | Buffer)[]
  /** DNS lookup returning all addresses; defaults to `dns.lookup`. Tests use it to map names to loopback. */
  lookup?: LookupAllFunction
  /** Language of finding messages. Default 'sv'. */
  lang?: 'sv' | 'en'
}

/** The engine, plus read-only views used by reports and tests. */
export interface CreatedFetchEngine extends FetchEngine {
  /** The current minimum gap between requests to `host` (hostname:port), grown by rate limits. */
  hostGapMs(host: string): number
}

type Conditional = { etag?: string | null; lastModified?: string | null }

interface Opened {
  ok: true
  res: Dispatcher.ResponseData
  release: () => void
  url: URL
  chain: { url: string; status: number }[]
  downgraded: boolean
}
interface OpenFailed {
  ok: false
  code: ProbeCode
  status: number | null
  url: URL | null
  chain: { url: string; status: number }[]
  downgraded: boolean
  error: unknown
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])
const DAY_MS = 86_400_000
const SNIFF_BYTES = 16_384

const first = (v: string | string[] | undefined): string | null => (Array.isArray(v) ? (v[0] ?? null) : (v ?? null))
const toInt = (v: string | null): number | null => (v !== null && /^\d+$/.test(v.trim()) ? Number(v.trim()) : null)

/**
 * Creates the engine. One per process: it owns the connection pool and the per-host
 * politeness state. Refuses (as `forbidden-target`) every private, loopback, link-local,
 * CGNAT, multicast or reserved target unless `allowPrivateNetworks`.
 */
export function createFetchEngine(http: HttpConfig, opts: FetchEngineOptions): CreatedFetchEngine {
  const lang = opts.lang ?? 'sv'
  const allow = { allowPrivateNetworks: opts.allowPrivateNetworks, allowAddresses: opts.allowAddresses }
  const politeness = new Politeness({
    perHostConnections: http.perHostConnections,
    perHostGapMs: http.perHostGapMs,
    globalConcurrency: http.globalConcurrency,
    maxRetryAfterMs: http.maxRetryAfterMs ?? 60_000,
    rateLimitGapFactor: http.rateLimitGapFactor ?? 2,
    maxHostGapMs: http.maxHostGapMs ?? 4 * http.perHostGapMs,
    rateLimitMemoryMs: http.rateLimitMemoryMs ?? 6 * 3_600_000,
  })
  const userAgent = http.userAgent.includes(http.contactUrl) ? http.userAgent : `${http.userAgent} (+${http.contactUrl})`

  // Certificate expiry per host:port, recorded by the connector on each TLS connection.
  const certs = new Map<string, { validTo: Date }>()
  const baseConnect = buildConnector({
    timeout: http.connectTimeoutMs,
    lookup: guardedLookup(allow, cachedLookup(opts.lookup)),
    // Verified below, by hand, exactly as Node would (chain, then host name), so the
    // certificate of a rejected server can still be read for its expiry date. Nothing is
    // sent on a socket that fails either check.
    rejectUnauthorized: false,
    ...(opts.ca ? { ca: [...rootCertificates, ...(Array.isArray(opts.ca) ? opts.ca : [opts.ca])] } : {}),
  } as buildConnector.BuildOptions)
  const connect: buildConnector.connector = (o, callback) => {
    try {
      // IP literals never reach the lookup, so they are judged here, before any packet.
      assertAllowedAddress(o.hostname, allow)
    } catch (err) {
      callback(err as Error, null)
      return
    }
    baseConnect(o, (...args) => {
      const [err, socket] = args
      if (err || !socket || typeof (socket as TLSSocket).getPeerCertificate !== 'function') return callback(...args)
      const tlsSocket = socket as TLSSocket
      const cert = tlsSocket.getPeerCertificate()
      const validTo = cert?.valid_to ? new Date(cert.valid_to) : null
      if (validTo && !Number.isNaN(validTo.getTime())) certs.set(`${o.hostname}:${o.port || 443}`, { validTo })
      const reject = (error: Error) => {
        tlsSocket.destroy()
        callback(error, null)
      }
      if (!tlsSocket.authorized) {
        const reason = tlsSocket.authorizationError as unknown
        const code = typeof reason === 'string' ? reason : ((reason as { code?: string } | null)?.code ?? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE')
        return reject(Object.assign(new Error(`TLS certificate rejected: ${code}`), { code }))
      }
      // As Node does: a resumed session was checked when it was made (sessions are cached
      // per host name), and its peer certificate may come back without its names.
      if (!tlsSocket.isSessionReused()) {
        const name = o.servername || o.hostname.replace(/^\[|\]$/g, '')
        const mismatch = checkServerIdentity(name, cert)
        if (mismatch) return reject(mismatch)
      }
      callback(null, tlsSocket)
    })
  }
  const agent = new Agent({
    connections: http.perHostConnections,
    pipelining: 1,
    connect,
    keepAliveTimeout: 4_000,
    headersTimeout: http.headersTimeoutMs,
    bodyTimeout: http.bodyTimeoutMs,
  })

  /** Follows redirects by hand: every hop guarded, polite, recorded. The caller releases `release`. */
  async function open(
    start: string,
    p: {
      headers: Record<string, string>
      signal: AbortSignal
      budget?: TimeBudget
      headersTimeout: number
      bodyTimeout: number
      /** A slot the caller already holds for the first request (to `start`'s host). */
      firstSlot?: Slot
    },
  ): Promise<Opened | OpenFailed> {
    let firstSlot = p.firstSlot
    const chain: { url: string; status: number }[] = []
    let downgraded = false
    let current: URL
    try {
      current = new URL(start)
    } catch (error) {
      firstSlot?.release()
      return { ok: false, code: 'invalid-url', status: null, url: null, chain, downgraded, error }
    }
    const visited = new Set<string>([current.href])
    let redirects = 0
    let retriedReset = false
    const fail = (code: ProbeCode, error: unknown, status: number | null = null): OpenFailed => {
      // A slot handed in but never used goes back (the caller's checks and ours agree, so
      // this is only a safety net).
      firstSlot?.release()
      firstSlot = undefined
      return { ok: false, code, status, url: current, chain, downgraded, error }
    }
    for (;;) {
      if ((current.protocol !== 'http:' && current.protocol !== 'https:') || !current.hostname) {
        return fail('invalid-url', new Error(`Not an http(s) URL: ${current.href}`))
      }
      try {
        assertAllowedAddress(current.hostname, allow)
      } catch (err) {
        return fail('forbidden-target', err)
      }
      let slot: Slot
      if (firstSlot) {
        slot = firstSlot
        firstSlot = undefined
      } else try {
        // A URL already under way (a redirect hop) goes before URLs not yet started. With a
        // budget, the budget is the only thing that aborts, and it does not run while the
        // request waits: no abort listener is needed in the line.
        slot = await politeness.acquire(current.host, p.budget ? undefined : p.signal, chain.length > 0)
      } catch (err) {
        return fail(classifyError(p.signal.reason ?? err), err)
      }
      p.budget?.resume()
      const release = () => {
        slot.release()
        p.budget?.pause()
      }
      let res: Dispatcher.ResponseData
      try {
        res = await request(current, {
          dispatcher: sendingVia(agent, slot.sent),
          method: 'GET',
          headers: p.headers,
          signal: p.signal,
          headersTimeout: p.headersTimeout,
          bodyTimeout: p.bodyTimeout,
        })
      } catch (err) {
        release()
        const code = classifyError(p.signal.aborted ? p.signal.reason : err)
        if (code === 'reset' && !retriedReset) {
          // A kept-alive connection the server closed just as we reused it looks exactly
          // like a reset. Ask once more (on a fresh connection) before calling it broken.
          retriedReset = true
          continue
        }
        return fail(code, err)
      }
      retriedReset = false
      // We close bodies early on purpose (prefix read, cap reached, error status); undici then
      // emits an abort error that nobody needs: readers still see errors through their iterators.
      res.body.on('error', () => undefined)
      const status = res.statusCode
      const location = first(res.headers.location)
      if (REDIRECTS.has(status) && location) {
        chain.push({ url: current.href, status })
        await res.body.dump({ limit: 65_536 }).catch(() => undefined)
        release()
        let next: URL
        try {
          next = new URL(location, current)
        } catch (error) {
          return fail('http-3xx', error, status)
        }
        if (current.protocol === 'https:' && next.protocol === 'http:') downgraded = true
        redirects++
        if (visited.has(next.href)) return fail('redirect-loop', null, status)
        if (redirects > http.maxRedirects) return fail('too-many-redirects', null, status)
        visited.add(next.href)
        current = next
        continue
      }
      chain.push({ url: current.href, status })
      return { ok: true, res, release, url: current, chain, downgraded }
    }
  }

  function tlsInfo(url: URL | null): { tlsValidTo: string | null; tlsDaysLeft: number | null } {
    if (!url || url.protocol !== 'https:') return { tlsValidTo: null, tlsDaysLeft: null }
    const c = certs.get(`${url.hostname}:${url.port || 443}`)
    if (!c) return { tlsValidTo: null, tlsDaysLeft: null }
    return { tlsValidTo: c.validTo.toISOString(), tlsDaysLeft: Math.floor((c.validTo.getTime() - Date.now()) / DAY_MS) }
  }

  /** The code a status means by itself (null: a 2xx or 304, judged by its body). */
  function codeForStatus(status: number, retryAfter: number | null): ProbeCode | null {
    if (status === 401) return 'login-required'
    if (status === 403) return 'forbidden'
    if (status === 404) return 'http-404'
    if (status === 410) return 'http-410'
    if (status === 429) return 'rate-limited'
    if (status === 503 && retryAfter !== null) return 'rate-limited'
    if (status >= 500) return 'http-5xx'
    if (status >= 400) return 'http-4xx'
    if (status >= 300 && status !== 304) return 'http-3xx'
    if (status < 200) return 'http-4xx'
    return null
  }

  function message(code: string, detail?: string): ProbeFinding {
    return { code, message: detail ? `${describeOutcomeCode(code, lang)} (${detail})` : describeOutcomeCode(code, lang) }
  }

  const sv = lang === 'sv'

  async function probe(url: string, o?: { conditional?: Conditional }): Promise<ProbeResult> {
    const at = new Date()
    // Wait for the first request's slot before building anything else. A sweep has many
    // more probes waiting for a slot than running, and whatever they hold while they wait
    // outlives V8's young generation and piles up as old garbage. A URL the first request
    // would refuse anyway (junk, a refused address) skips the wait: open() reports it.
    let firstSlot: Slot | undefined
    try {
      const target = new URL(url)
      if ((target.protocol === 'http:' || target.protocol === 'https:') && target.hostname) {
        assertAllowedAddress(target.hostname, allow)
        firstSlot = await politeness.acquire(target.host)
      }
    } catch {
      // open() meets the same refusal (or the closed engine) and reports it.
    }
    const result: ProbeResult = {
      url,
      outcome: 'failing',
      code: 'invalid-url',
      httpStatus: null,
      finalUrl: null,
      redirectChain: [],
      redirects: 0,
      elapsedMs: 0,
      contentType: null,
      contentLength: null,
      etag: null,
      lastModified: null,
      tlsValidTo: null,
      tlsDaysLeft: null,
      bytesRead: 0,
      retryAfterSeconds: null,
      findings: [],
      at: at.toISOString(),
    }
    const controller = new AbortController()
    const budget = new TimeBudget(http.urlBudgetMs, () =>
      controller.abort(new BudgetExceededError(`URL budget of ${http.urlBudgetMs} ms exceeded`)),
    )
    const finish = (code: ProbeCode, detail?: string): ProbeResult => {
      budget.pause()
      result.code = code
      result.outcome = outcomeOf(code).outcome
      // Time spent on the URL's own requests, not waiting in a host's queue.
      result.elapsedMs = Math.round(budget.elapsed())
      result.redirects = result.redirectChain.filter((h) => REDIRECTS.has(h.status)).length
      if (result.outcome !== 'ok') result.findings.unshift(message(code, detail))
      const tls = tlsInfo(result.finalUrl ? new URL(result.finalUrl) : null)
      result.tlsValidTo = tls.tlsValidTo
      result.tlsDaysLeft = tls.tlsDaysLeft
      if (tls.tlsDaysLeft !== null && tls.tlsDaysLeft < 14 && code !== 'tls-expired') {
        result.findings.push({
          code: 'tls-expiring-soon',
          message: sv
            ? `TLS-certifikatet går ut om ${tls.tlsDaysLeft} dagar (${tls.tlsValidTo?.slice(0, 10)}). Förnya det i tid.`
            : `The TLS certificate expires in ${tls.tlsDaysLeft} days (${tls.tlsValidTo?.slice(0, 10)}). Renew it in time.`,
        })
      }
      return result
    }

    const headers: Record<string, string> = {
      'user-agent': userAgent,
      accept: '*/*',
      // A probe reads a prefix; asking for identity keeps Range meaningful and sniffing simple.
      'accept-encoding': 'identity',
    }
    if (o?.conditional?.etag) headers['if-none-match'] = o.conditional.etag
    if (o?.conditional?.lastModified) headers['if-modified-since'] = o.conditional.lastModified
    const cap = http.probeBytes
    let useRange = true

    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const h = useRange ? { ...headers, range: `bytes=0-${cap - 1}` } : headers
        const opened = await open(result.finalUrl ?? url, {
          headers: h,
          signal: controller.signal,
          budget,
          headersTimeout: http.headersTimeoutMs,
          bodyTimeout: http.bodyTimeoutMs,
          ...(firstSlot ? { firstSlot } : {}),
        })
        firstSlot = undefined
        result.redirectChain.push(...opened.chain)
        result.redirects = result.redirectChain.filter((h) => REDIRECTS.has(h.status)).length
        if (opened.downgraded && !result.findings.some((f) => f.code === 'https-downgrade')) {
          result.findings.push({
            code: 'https-downgrade',
            message: sv
              ? 'En omdirigering leder från https till okrypterad http.'
              : 'A redirect leads from https to unencrypted http.',
          })
        }
        if (!opened.ok) {
          result.httpStatus = opened.status
          result.finalUrl = opened.url?.href ?? null
          const err = opened.error as { message?: string } | null
          return finish(opened.code, opened.code.startsWith('http') || !err?.message ? undefined : err.message)
        }
        const { res, release, url: finalUrl } = opened
        result.finalUrl = finalUrl.href
        result.httpStatus = res.statusCode
        const rh = res.headers
        result.contentType = first(rh['content-type'])
        result.etag = first(rh.etag)
        result.lastModified = first(rh['last-modified'])
        result.retryAfterSeconds = parseRetryAfter(rh['retry-after'])
        const contentRange = first(rh['content-range'])
        const cl = toInt(first(rh['content-length']))
        const status = res.statusCode

        if (status === 416 && useRange) {
          // The server refuses our range (often: an empty file). Ask again without Range.
          await res.body.dump({ limit: 65_536 }).catch(() => undefined)
          release()
          useRange = false
          continue
        }
        const statusCode = codeForStatus(status, result.retryAfterSeconds)
        if (statusCode === 'rate-limited' || status === 429) {
          politeness.slowDown(finalUrl.host, result.retryAfterSeconds === null ? null : result.retryAfterSeconds * 1000)
        }
        if (status === 304) {
          await res.body.dump({ limit: 65_536 }).catch(() => undefined)
          release()
          return finish(result.redirects > 0 ? 'redirected' : 'ok')
        }

        // Read the prefix: the bytes that arrive are the proof. Only what sniffing looks at
        // is kept (all of it when compressed: inflating needs the compressed bytes).
        const readCap = statusCode ? SNIFF_BYTES : cap
        const encoding = first(rh['content-encoding'])?.toLowerCase().trim() ?? ''
        const compressed = encoding !== '' && encoding !== 'identity'
        const read = await readPrefix(res.body, readCap, compressed ? readCap : SNIFF_BYTES, cl)
        release()
        result.bytesRead = read.bytes
        let expected: number | null = null
        const m = contentRange ? /bytes\s+(\d+)-(\d+)\/(\d+|\*)/i.exec(contentRange) : null
        if (status === 206 && m) {
          expected = Number(m[2]) - Number(m[1]) + 1
          result.contentLength = m[3] === '*' ? null : Number(m[3])
        } else {
          expected = cl === null ? null : Math.min(cl, readCap)
          result.contentLength = status === 206 ? null : cl
        }
        if (read.error) {
          if (controller.signal.aborted) return finish('budget-exceeded')
          const c = classifyError(read.error)
          if (c === 'timeout') return finish('timeout', sv ? 'ingen data kom under läsningen' : 'no data arrived while reading')
          if (!statusCode) {
            // Headers came, then the body was cut: the server promised more than it sent.
            return finish(
              'truncated',
              expected !== null
                ? sv ? `${read.bytes} av ${expected} byte` : `${read.bytes} of ${expected} bytes`
                : sv ? `${read.bytes} byte, sedan bröts anslutningen` : `${read.bytes} bytes, then the connection broke`,
            )
          }
        } else if (!statusCode && expected !== null && read.bytes < expected && !read.capped) {
          return finish('truncated', sv ? `${read.bytes} av ${expected} byte` : `${read.bytes} of ${expected} bytes`)
        }

        let prefix = read.prefix
        if (compressed) prefix = await inflatePrefix(prefix, encoding, SNIFF_BYTES)
        const sniffed = sniffBody(status, rh, prefix)
        if (sniffed === 'blocked') return finish('blocked', `HTTP ${status}`)
        if (statusCode) {
          const detail =
            statusCode === 'rate-limited' && result.retryAfterSeconds !== null
              ? `HTTP ${status}, Retry-After ${result.retryAfterSeconds} s`
              : `HTTP ${status}`
          return finish(statusCode, detail)
        }
        if (status === 204 || read.bytes === 0) return finish('empty-body', `HTTP ${status}`)
        if (sniffed === 'api-error') return finish('api-error')
        return finish(result.redirects > 0 ? 'redirected' : 'ok')
      }
      return finish('http-4xx', 'HTTP 416')
    } catch (err) {
      // Not expected: every network path above returns a result. Keep the promise: no throw.
      return finish(controller.signal.aborted ? 'budget-exceeded' : classifyError(err), (err as Error).message)
    } finally {
      budget.pause()
    }
  }

  async function fetchBody(
    url: string,
    o: { maxBytes: number; conditional?: Conditional; accept?: string },
  ): Promise<FetchedBody> {
    const headers: Record<string, string> = {
      'user-agent': userAgent,
      accept: o.accept ?? '*/*',
      'accept-encoding': 'gzip, deflate, br',
    }
    if (o.conditional?.etag) headers['if-none-match'] = o.conditional.etag
    if (o.conditional?.lastModified) headers['if-modified-since'] = o.conditional.lastModified
    const controller = new AbortController()
    const bodyBudgetMs = http.bodyBudgetMs ?? 600_000
    const budget = new TimeBudget(
      bodyBudgetMs,
      () => controller.abort(new BudgetExceededError(`body budget of ${bodyBudgetMs} ms exceeded`)),
      true,
    )
    const opened = await open(url, {
      headers,
      signal: controller.signal,
      budget,
      headersTimeout: http.headersTimeoutMs,
      bodyTimeout: http.bodyTimeoutMs,
    })
    const clear = () => budget.pause()
    if (!opened.ok) {
      clear()
      throw new FetchBodyError(`${describeOutcomeCode(opened.code, 'en')}: ${url}`, url, opened.code, opened.status, { cause: opened.error })
    }
    const { res, release, url: finalUrl } = opened
    res.body.once('close', () => {
      release()
      clear()
    })
    const rh = res.headers
    const base = {
      url,
      finalUrl: finalUrl.href,
      status: res.statusCode,
      contentType: first(rh['content-type']),
      contentLength: toInt(first(rh['content-length'])),
      etag: first(rh.etag),
      lastModified: first(rh['last-modified']),
    }
    if (res.statusCode === 304) {
      res.body.destroy()
      return { ...base, notModified: true, body: (async function* () {})(), truncatedAtCap: () => false, bytesRead: () => 0 }
    }
    const statusCode = codeForStatus(res.statusCode, parseRetryAfter(rh['retry-after']))
    if (statusCode) {
      const retryAfter = parseRetryAfter(rh['retry-after'])
      if (statusCode === 'rate-limited') politeness.slowDown(finalUrl.host, retryAfter === null ? null : retryAfter * 1000)
      res.body.destroy()
      throw new FetchBodyError(`HTTP ${res.statusCode}: ${url}`, url, statusCode, res.statusCode)
    }
    const cap = Math.min(o.maxBytes, http.maxDecompressedBytes)
    const decoded = decode(res.body, first(rh['content-encoding']))
    let bytes = 0
    let truncated = false
    async function* body(): AsyncGenerator<Uint8Array> {
      try {
        for await (const chunk of decoded as AsyncIterable<Buffer>) {
          if (bytes + chunk.length >= cap) {
            const rest = cap - bytes
            bytes = cap
            // Exactly at the cap with nothing more to come is not a cut; we cannot know without reading on.
            truncated = true
            if (rest > 0) yield chunk.subarray(0, rest)
            return
          }
          bytes += chunk.length
          yield chunk
        }
      } catch (err) {
        if (controller.signal.aborted) throw new FetchBodyError(`Body budget exceeded: ${url}`, url, 'budget-exceeded', res.statusCode, { cause: err })
        const code = classifyError(err)
        throw new FetchBodyError(`Body cut off after ${bytes} bytes: ${url}`, url, code === 'timeout' ? 'timeout' : 'truncated', res.statusCode, { cause: err })
      } finally {
        decoded.destroy()
        res.body.destroy()
      }
    }
    return { ...base, notModified: false, body: body(), truncatedAtCap: () => truncated, bytesRead: () => bytes }
  }

  async function fetchDocument(
    url: string,
    o: { maxBytes: number; timeoutMs?: number; accept?: string; signal?: AbortSignal },
  ): Promise<{ url: string; finalUrl: string; status: number; contentType: string | null; body: Buffer }> {
    const controller = new AbortController()
    const onAbort = () => controller.abort(o.signal?.reason)
    o.signal?.addEventListener('abort', onAbort, { once: true })
    try {
      const opened = await open(url, {
        headers: { 'user-agent': userAgent, accept: o.accept ?? '*/*', 'accept-encoding': 'gzip, deflate, br' },
        signal: controller.signal,
        headersTimeout: o.timeoutMs ?? http.headersTimeoutMs,
        bodyTimeout: o.timeoutMs ?? http.bodyTimeoutMs,
      })
      if (!opened.ok) {
        throw new FetchBodyError(`Could not fetch ${url}: ${describeOutcomeCode(opened.code, 'en')}`, url, opened.code, opened.status, { cause: opened.error })
      }
      const { res, release, url: finalUrl } = opened
      try {
        const decoded = decode(res.body, first(res.headers['content-encoding']))
        const chunks: Buffer[] = []
        let size = 0
        try {
          for await (const chunk of decoded as AsyncIterable<Buffer>) {
            size += chunk.length
            if (size > o.maxBytes) {
              throw new FetchBodyError(`${url} is larger than the limit of ${o.maxBytes} bytes`, url, 'too-large', res.statusCode)
            }
            chunks.push(chunk)
          }
        } catch (err) {
          if (err instanceof FetchBodyError) throw err
          const code = controller.signal.aborted ? 'budget-exceeded' : classifyError(err)
          throw new FetchBodyError(`Could not read ${url}: ${(err as Error).message}`, url, code === 'timeout' ? code : 'truncated', res.statusCode, { cause: err })
        } finally {
          decoded.destroy()
          res.body.destroy()
        }
        return { url, finalUrl: finalUrl.href, status: res.statusCode, contentType: first(res.headers['content-type']), body: Buffer.concat(chunks) }
      } finally {
        release()
      }
    } finally {
      o.signal?.removeEventListener('abort', onAbort)
    }
  }

  return {
    probe,
    fetchBody,
    fetchDocument,
    hostGapMs: (host) => politeness.gapOf(host),
    async close() {
      politeness.close()
      await agent.destroy()
    },
  }
}

/**
 * Remembers each host name's addresses for 60 s: undici resolves on every new connection,
 * and dns.lookup runs on libuv's small thread pool, so a sweep over many named hosts
 * would queue on it. The guard judges the cached addresses on every use, so caching
 * never lets a refused address through. Failures are not cached.
 */
function cachedLookup(base?: LookupAllFunction): LookupAllFunction {
  const resolveAll: LookupAllFunction = base ?? ((hostname, options, callback) => dnsLookup(hostname, options, callback))
  const cache = new Map<string, { addresses: LookupAddress[]; until: number }>()
  return (hostname, options, callback) => {
    const key = `${options.family ?? 0}|${hostname}`
    const hit = cache.get(key)
    if (hit && hit.until > Date.now()) return callback(null, hit.addresses)
    resolveAll(hostname, options, (err, addresses) => {
      if (!err) {
        if (cache.size > 10_000) cache.clear()
        cache.set(key, { addresses, until: Date.now() + 60_000 })
      }
      callback(err, addresses)
    })
  }
}

/**
 * The agent, seen through a dispatcher that calls `onSent` when undici writes the request
 * to the socket (its `onConnect`/`onRequestStart` hook), so the per-host gap is measured
 * from the moment the server can see the request. The hook is put on the handler itself
 * (undici makes one per request): a Proxy in front of it made a new bound function on
 * every property read, dozens per request.
 */
function sendingVia(agent: Agent, onSent: () => void): Dispatcher {
  const dispatch = (opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean => {
    const h = handler as unknown as Record<string, unknown>
    for (const hook of ['onConnect', 'onRequestStart']) {
      const original = h[hook]
      if (typeof original !== 'function') continue
      h[hook] = function (this: unknown, ...args: unknown[]) {
        onSent()
        return (original as (...a: unknown[]) => unknown).apply(this, args)
      }
    }
    return agent.dispatch(opts, handler)
  }
  return { dispatch } as unknown as Dispatcher
}

/**
 * Reads at most `cap` bytes, then closes the body (so a huge or endless body costs nothing
 * more). Only the first `keep` bytes are kept (what the caller looks at); the rest is
 * counted and let go at once, so a probe holds a few KiB instead of 64. A body whose
 * declared length (`declared`, Content-Length) is exactly the cap is read to its end, not
 * cut at its last byte: a complete response leaves the connection open for the host's
 * next probe. Listens to the stream's events instead of iterating it: the async iterator
 * costs several objects per chunk, and a sweep reads hundreds of thousands of chunks.
 */
function readPrefix(
  body: Readable,
  cap: number,
  keep: number,
  declared: number | null,
): Promise<{ prefix: Uint8Array; bytes: number; capped: boolean; error: unknown }> {
  return new Promise((resolve) => {
    const kept: Buffer[] = []
    let keptBytes = 0
    let bytes = 0
    let capped = false
    let done = false
    const finish = (error: unknown) => {
      if (done) return
      done = true
      body.off('data', onData)
      body.off('end', onEnd)
      body.off('error', onError)
      body.off('close', onClose)
      body.destroy()
      // A copy: the kept pieces may be views of larger buffers, which can now go.
      resolve({ prefix: Buffer.concat(kept, keptBytes), bytes, capped, error })
    }
    const onData = (chunk: Buffer) => {
      let c = chunk
      const total = bytes + c.length
      if (total > cap || (total === cap && declared !== cap)) {
        c = c.subarray(0, cap - bytes)
        capped = true
      }
      bytes += c.length
      if (keptBytes < keep && c.length > 0) {
        const part = c.length <= keep - keptBytes ? c : c.subarray(0, keep - keptBytes)
        kept.push(part)
        keptBytes += part.length
      }
      if (capped) finish(null)
    }
    const onEnd = () => finish(null)
    const onError = (error: unknown) => finish(error)
    // Closed without an end or an error: the body was cut off.
    const onClose = () => finish(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }))
    body.on('data', onData)
    body.on('end', onEnd)
    body.on('error', onError)
    body.on('close', onClose)
    // Already over before we listened: its events are gone, so judge it by its state.
    if (body.errored) finish(body.errored)
    else if (body.destroyed) onClose()
  })
}

/** A decompressing view of a body for gzip/deflate/br (anything else passes through). */
function decode(body: Readable, encoding: string | null): Readable {
  const e = (encoding ?? '').toLowerCase().trim()
  const z =
    e === 'gzip' || e === 'x-gzip'
      ? createGunzip()
      : e === 'deflate'
        ? createInflate()
        : e === 'br'
          ? createBrotliDecompress()
          : null
  if (!z) return body
  pipeline(body, z, () => undefined)
  return z
}

/** Inflates a (possibly cut) compressed prefix, stopping after `maxOut` bytes: a bomb stays small. */
function inflatePrefix(buf: Uint8Array, encoding: string, maxOut: number): Promise<Uint8Array> {
  const z =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip({ finishFlush: zlibConstants.Z_SYNC_FLUSH })
      : encoding === 'deflate'
        ? createInflate({ finishFlush: zlibConstants.Z_SYNC_FLUSH })
        : encoding === 'br'
          ? createBrotliDecompress({ finishFlush: zlibConstants.BROTLI_OPERATION_FLUSH })
          : null
  if (!z) return Promise.resolve(buf)
  return new Promise((resolve) => {
    const out: Buffer[] = []
    let n = 0
    let done = false
    const end = () => {
      if (done) return
      done = true
      z.destroy()
      resolve(Buffer.concat(out).subarray(0, maxOut))
    }
    z.on('data', (c: Buffer) => {
      out.push(c)
      n += c.length
      if (n >= maxOut) end()
    })
    z.on('error', end)
    z.on('end', end)
    z.on('close', end)
    z.end(buf)
  })
}

