/**
 * One availability probe: a GET for a capped prefix (Range), redirects followed and
 * recorded, the answer classified into outcome + code (see src/domain/probe-codes.ts).
 * The bytes that arrive are the proof; the status decides alone only when it says so
 * (`codeForStatus`), and the first bytes are sniffed for bot walls and API error reports.
 */
import { outcomeOf, type ProbeCode, type ProbeDetail } from '../domain/probe-codes.js'
import { assertAllowedAddress } from './address-guard.js'
import { Canceller } from './canceller.js'
import { classifyError, errorDetail } from './classify-error.js'
import { codeForStatus } from './code-for-status.js'
import { inflatePrefix, isCompressed } from './decode-body.js'
import type { EngineParts } from './engine-parts.js'
import type { Conditional, ProbeOptions } from './fetch-engine.js'
import { BudgetExceededError } from './fetch-errors.js'
import { DRAIN_LIMIT, openFollowingRedirects, REDIRECT_STATUSES, type Opened, type OpenFailed } from './follow-redirects.js'
import { parseRetryAfter } from './parse-retry-after.js'
import type { Slot } from './politeness.js'
import { httpsDowngrade, outcomeFinding, tlsExpiringSoon, webPageAtDataUrl } from './probe-findings.js'
import type { ProbeResult } from './probe-types.js'
import { readPrefix, type Prefix } from './read-prefix.js'
import { firstHeader, intHeader } from './response-headers.js'
import { sniffBody } from './sniff-body.js'
import { TimeBudget } from './time-budget.js'
import { dataExtensionOf, looksLikeHtml, webPageKind } from './web-page.js'

/** How much of a body sniffing looks at. */
const SNIFF_BYTES = 16_384

/** What a probe concluded: its code and the facts behind it. */
interface Verdict {
  code: ProbeCode
  detail?: ProbeDetail
}

/** One probe's state while it runs. */
interface Run {
  parts: EngineParts
  result: ProbeResult
  cancel: Canceller
  budget: TimeBudget
  headers: Record<string, string>
  firstSlot: Slot | undefined
  /** The URL, parsed once, while the first request has not been made. */
  target: URL | undefined
  /** An HTML page is failing (`login-wall`, `landing-page`, `soft-404`), not ok. */
  expectData: boolean
}

/**
 * Probes `url`. Never throws for network trouble or a closed engine: that is a result.
 * The URL's budget (`http.urlBudgetMs`) runs only while a request slot is held.
 */
export async function probeUrl(parts: EngineParts, url: string, o?: ProbeOptions): Promise<ProbeResult> {
  const at = new Date()
  const { slot: firstSlot, target } = await slotBeforeStart(parts, url)
  const cancel = new Canceller()
  const ms = parts.http.urlBudgetMs
  const budget = new TimeBudget(ms, () => cancel.cancel(new BudgetExceededError(ms)))
  const headers = probeHeaders(parts, o?.conditional)
  const run: Run = { parts, result: emptyResult(url, at), cancel, budget, headers, firstSlot, target, expectData: o?.expectData === true }
  try {
    return finish(run, await attempt(run))
  } catch (err) {
    // Not expected: every network path returns a verdict. Keep the promise: no throw.
    return finish(run, { code: cancel.cancelled ? 'budget-exceeded' : classifyError(err), detail: errorDetail(err) })
  } finally {
    budget.pause()
  }
}

/**
 * Waits for the first request's slot before anything else is built. A sweep has many
 * more probes waiting for a slot than running, and whatever they hold while they wait
 * outlives V8's young generation and piles up as old garbage. A URL the first request
 * would refuse anyway (junk, a refused address, a closed engine) skips the wait: the
 * request path meets the same refusal and reports it.
 */
async function slotBeforeStart(parts: EngineParts, url: string): Promise<{ slot: Slot | undefined; target: URL | undefined }> {
  let target: URL
  try {
    target = new URL(url)
    if ((target.protocol !== 'http:' && target.protocol !== 'https:') || !target.hostname) return { slot: undefined, target: undefined }
    assertAllowedAddress(target.hostname, parts.policy)
  } catch {
    return { slot: undefined, target: undefined }
  }
  try {
    return { slot: await parts.politeness.acquire(target.host), target }
  } catch {
    return { slot: undefined, target: undefined }
  }
}

function emptyResult(url: string, at: Date): ProbeResult {
  return {
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
    webPage: null,
    retryAfterSeconds: null,
    findings: [],
    at: at.toISOString(),
  }
}

function probeHeaders(parts: EngineParts, conditional: Conditional | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': parts.userAgent,
    accept: '*/*',
    // A probe reads a prefix; asking for identity keeps Range meaningful and sniffing simple.
    'accept-encoding': 'identity',
  }
  if (conditional?.etag) headers['if-none-match'] = conditional.etag
  if (conditional?.lastModified) headers['if-modified-since'] = conditional.lastModified
  return headers
}

/** Asks with Range first; a server that refuses the range (416, often an empty file) is asked again without. */
async function attempt(run: Run): Promise<Verdict> {
  const { parts, result } = run
  const cap = parts.http.probeBytes
  for (const useRange of [true, false]) {
    const start = result.finalUrl ?? (run.firstSlot && run.target) ?? result.url
    const opened = await openFollowingRedirects(parts, start, {
      headers: useRange ? { ...run.headers, range: `bytes=0-${cap - 1}` } : run.headers,
      cancel: run.cancel,
      budget: run.budget,
      headersTimeout: parts.http.headersTimeoutMs,
      bodyTimeout: parts.http.bodyTimeoutMs,
      ...(run.firstSlot ? { firstSlot: run.firstSlot } : {}),
    })
    run.firstSlot = undefined
    run.target = undefined
    recordHops(result, opened)
    if (!opened.ok) return failedOpen(result, opened)
    recordHeaders(result, opened)
    if (opened.res.statusCode === 416 && useRange) {
      await opened.res.body.dump({ limit: DRAIN_LIMIT }).catch(() => undefined)
      opened.release()
      continue
    }
    return await judgeAnswer(run, opened)
  }
  return { code: 'http-4xx', detail: { status: 416 } }
}

function recordHops(result: ProbeResult, opened: Opened | OpenFailed): void {
  result.redirectChain.push(...opened.chain)
  result.redirects = result.redirectChain.filter((h) => REDIRECT_STATUSES.has(h.status)).length
  if (opened.downgraded && !result.findings.some((f) => f.code === 'https-downgrade')) result.findings.push(httpsDowngrade())
}

function failedOpen(result: ProbeResult, opened: OpenFailed): Verdict {
  result.httpStatus = opened.status
  result.finalUrl = opened.url?.href ?? null
  // An HTTP-level failure (a loop, a bad Location) says all in its code.
  return { code: opened.code, detail: opened.code.startsWith('http') || !opened.error ? {} : errorDetail(opened.error) }
}

function recordHeaders(result: ProbeResult, opened: Opened): void {
  const rh = opened.res.headers
  result.finalUrl = opened.url.href
  result.httpStatus = opened.res.statusCode
  result.contentType = firstHeader(rh, 'content-type')
  result.etag = firstHeader(rh, 'etag')
  result.lastModified = firstHeader(rh, 'last-modified')
  result.retryAfterSeconds = parseRetryAfter(rh['retry-after'])
}

/**
 * Judges a final answer: reads its prefix (a status that decides alone only needs what
 * sniffing looks at), then status, sniffing and byte counts decide.
 */
async function judgeAnswer(run: Run, opened: Opened): Promise<Verdict> {
  const { parts, result } = run
  const { res, release } = opened
  const status = res.statusCode
  const statusCode = codeForStatus(status, result.retryAfterSeconds)
  if (statusCode === 'rate-limited' || status === 429) {
    parts.politeness.slowDown(opened.url.host, result.retryAfterSeconds === null ? null : result.retryAfterSeconds * 1000)
  }
  if (status === 304) {
    await res.body.dump({ limit: DRAIN_LIMIT }).catch(() => undefined)
    release()
    return { code: result.redirects > 0 ? 'redirected' : 'ok' }
  }
  // Only what sniffing looks at is kept (all of it when compressed: inflating needs it whole).
  const readCap = statusCode ? SNIFF_BYTES : parts.http.probeBytes
  const encoding = firstHeader(res.headers, 'content-encoding')
  const compressed = isCompressed(encoding)
  const read = await readPrefix(res.body, readCap, compressed ? readCap : SNIFF_BYTES, intHeader(res.headers, 'content-length'))
  release()
  result.bytesRead = read.bytes
  const expected = recordLength(result, opened, readCap)
  const broken = judgeRead(run, read, expected, statusCode !== null)
  if (broken) return broken
  const prefix = compressed ? await inflatePrefix(read.prefix, encoding, SNIFF_BYTES) : read.prefix
  const sniffed = sniffBody(status, res.headers, prefix)
  if (sniffed === 'blocked') return { code: 'blocked', detail: { status } }
  if (statusCode === 'rate-limited' && result.retryAfterSeconds !== null) {
    return { code: statusCode, detail: { status, retryAfterSeconds: result.retryAfterSeconds } }
  }
  if (statusCode) return { code: statusCode, detail: { status } }
  if (status === 204 || read.bytes === 0) return { code: 'empty-body', detail: { status } }
  if (sniffed === 'api-error') return { code: 'api-error' }
  if (looksLikeHtml(prefix, result.contentType)) {
    const html = Buffer.from(prefix.buffer, prefix.byteOffset, Math.min(prefix.byteLength, SNIFF_BYTES)).toString('utf8')
    const page = webPageKind(html, result.redirectChain.map((h) => h.url))
    result.webPage = page.kind
    if (run.expectData) return { code: page.kind, detail: page.evidence ? { status, evidence: page.evidence } : { status } }
    const extension = dataExtensionOf(result.url)
    if (extension) result.findings.push(webPageAtDataUrl(extension, page.kind))
  }
  return { code: result.redirects > 0 ? 'redirected' : 'ok' }
}

/** Records the file's length (a 206 tells it in Content-Range); returns the bytes this answer promised. */
function recordLength(result: ProbeResult, opened: Opened, readCap: number): number | null {
  const status = opened.res.statusCode
  const cl = intHeader(opened.res.headers, 'content-length')
  const range = firstHeader(opened.res.headers, 'content-range')
  const m = range ? /bytes\s+(\d+)-(\d+)\/(\d+|\*)/i.exec(range) : null
  if (status === 206 && m) {
    result.contentLength = m[3] === '*' ? null : Number(m[3])
    return Number(m[2]) - Number(m[1]) + 1
  }
  result.contentLength = status === 206 ? null : cl
  return cl === null ? null : Math.min(cl, readCap)
}

/** A verdict when the prefix did not arrive whole (headers came, then the body stalled or was cut), else null. */
function judgeRead(run: Run, read: Prefix, expected: number | null, statusDecides: boolean): Verdict | null {
  const cut: ProbeDetail = expected !== null ? { bytes: read.bytes, expected } : { bytes: read.bytes }
  if (read.error) {
    if (run.cancel.cancelled) return { code: 'budget-exceeded' }
    if (classifyError(read.error) === 'timeout') return { code: 'timeout', detail: { waitedFor: 'body' } }
    // The server promised more than it sent. A status that decides alone still decides.
    return statusDecides ? null : { code: 'truncated', detail: cut }
  }
  if (!statusDecides && expected !== null && read.bytes < expected && !read.capped) return { code: 'truncated', detail: cut }
  return null
}

/** Completes the result with the verdict: outcome, time spent, findings, certificate facts. */
function finish(run: Run, verdict: Verdict): ProbeResult {
  const { result, budget, parts } = run
  budget.pause()
  result.code = verdict.code
  result.outcome = outcomeOf(verdict.code)
  result.elapsedMs = Math.round(budget.elapsed())
  result.redirects = result.redirectChain.filter((h) => REDIRECT_STATUSES.has(h.status)).length
  if (result.outcome !== 'ok') result.findings.unshift(outcomeFinding(verdict.code, verdict.detail ?? {}))
  // Only an https URL has certificate facts: an http one is not parsed again for nothing.
  const tls = parts.tlsFacts(result.finalUrl?.startsWith('https:') ? new URL(result.finalUrl) : null)
  result.tlsValidTo = tls.tlsValidTo
  result.tlsDaysLeft = tls.tlsDaysLeft
  const soon = tlsExpiringSoon(tls, verdict.code)
  if (soon) result.findings.push(soon)
  return result
}
