/**
 * Whole-body reading, shared by `fetchBody` (content checks) and `fetchDocument`
 * (schemas, catalogue pages): one way to open under a deadline, one way to decode, cap
 * and turn a broken stream into a FetchBodyError. The deadline runs while a request slot
 * is held (waiting politely for a host does not count) and aborts the transfer however
 * steadily a server trickles bytes.
 */
import type { Dispatcher } from 'undici'
import { Canceller } from './canceller.js'
import { classifyError } from './classify-error.js'
import { decodedBody } from './decode-body.js'
import type { EngineParts } from './engine-parts.js'
import type { Conditional } from './fetch-engine.js'
import { FetchBodyError, FetchDeadlineError } from './fetch-errors.js'
import { openFollowingRedirects } from './follow-redirects.js'
import { firstHeader } from './response-headers.js'
import { TimeBudget } from './time-budget.js'

/** How to ask for a whole body. */
export interface WholeBodyRequest {
  accept?: string
  conditional?: Conditional
  /** The overall deadline, in ms. */
  deadlineMs: number
}

/** A final answer whose body is still to be read; the slot goes back when the body closes. */
export interface OpenWholeBody {
  url: string
  finalUrl: URL
  res: Dispatcher.ResponseData
  /** True once the deadline has passed (the transfer is then aborted). */
  deadlinePassed(): boolean
  deadlineMs: number
}

/** What a body stream has delivered so far. */
export interface BodyCount {
  bytes: number
  /** The stream stopped at the cap with more to come (or exactly at it: we cannot tell without reading on). */
  truncated: boolean
}

/**
 * GETs `url` for its whole body (gzip, deflate and br accepted), redirects followed.
 * Throws FetchBodyError (`fetch.no-body`, with the probe code) when no answer comes, and
 * FetchDeadlineError when the deadline passes first. Any HTTP status is an answer.
 */
export async function openWholeBody(parts: EngineParts, url: string, o: WholeBodyRequest): Promise<OpenWholeBody> {
  const headers: Record<string, string> = { 'user-agent': parts.userAgent, accept: o.accept ?? '*/*', 'accept-encoding': 'gzip, deflate, br' }
  if (o.conditional?.etag) headers['if-none-match'] = o.conditional.etag
  if (o.conditional?.lastModified) headers['if-modified-since'] = o.conditional.lastModified
  const cancel = new Canceller()
  // unref: a body nobody reads must not keep the process alive until its deadline.
  const budget = new TimeBudget(o.deadlineMs, () => cancel.cancel(new FetchDeadlineError(url, o.deadlineMs)), true)
  const opened = await openFollowingRedirects(parts, url, {
    headers,
    cancel,
    budget,
    headersTimeout: parts.http.headersTimeoutMs,
    bodyTimeout: parts.http.bodyTimeoutMs,
  })
  if (!opened.ok) {
    budget.pause()
    if (cancel.reason instanceof FetchDeadlineError) throw cancel.reason
    throw new FetchBodyError('fetch.no-body', { url, probeCode: opened.code, status: opened.status }, {}, { cause: opened.error })
  }
  opened.res.body.once('close', () => {
    opened.release()
    budget.pause()
  })
  return { url, finalUrl: opened.url, res: opened.res, deadlinePassed: () => cancel.cancelled, deadlineMs: o.deadlineMs }
}

/**
 * The decoded body, `cap` bytes at most. Over the cap, `overCap` decides: 'cut' ends the
 * stream there (`count.truncated`), 'refuse' throws FetchBodyError `fetch.too-large`. A
 * stream broken by the deadline throws FetchDeadlineError, one that went quiet for
 * `http.bodyTimeoutMs` `fetch.stalled` (timeout), one cut off `fetch.cut-off` (truncated).
 * The body is closed whenever the stream ends, however it ends.
 */
export async function* bodyChunks(b: OpenWholeBody, cap: number, overCap: 'cut' | 'refuse', count: BodyCount): AsyncGenerator<Uint8Array> {
  const { res } = b
  const facts = { url: b.url, status: res.statusCode }
  const decoded = decodedBody(res.body, firstHeader(res.headers, 'content-encoding'))
  try {
    for await (const chunk of decoded as AsyncIterable<Buffer>) {
      if (count.bytes + chunk.length > cap || (overCap === 'cut' && count.bytes + chunk.length === cap)) {
        if (overCap === 'refuse') throw new FetchBodyError('fetch.too-large', { ...facts, probeCode: null }, { limit: cap })
        const rest = cap - count.bytes
        count.bytes = cap
        count.truncated = true
        if (rest > 0) yield chunk.subarray(0, rest)
        return
      }
      count.bytes += chunk.length
      yield chunk
    }
  } catch (err) {
    // The deadline first: undici rethrows the abort reason, which does not know the status.
    if (b.deadlinePassed()) throw new FetchDeadlineError(b.url, b.deadlineMs, res.statusCode)
    if (err instanceof FetchBodyError) throw err
    const stalled = classifyError(err) === 'timeout'
    throw new FetchBodyError(
      stalled ? 'fetch.stalled' : 'fetch.cut-off',
      { ...facts, probeCode: stalled ? 'timeout' : 'truncated' },
      { bytes: count.bytes },
      { cause: err },
    )
  } finally {
    decoded.destroy()
    res.body.destroy()
  }
}
