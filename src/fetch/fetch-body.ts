import { codeForStatus } from './code-for-status.js'
import type { EngineParts } from './engine-parts.js'
import type { Conditional, FetchedBody } from './fetch-engine.js'
import { FetchBodyError } from './fetch-errors.js'
import { parseRetryAfter } from './parse-retry-after.js'
import { firstHeader, intHeader } from './response-headers.js'
import { bodyChunks, openWholeBody, type BodyCount } from './whole-body.js'

/**
 * The engine's `fetchBody`: a whole body for the content checks, decompressed and capped at
 * `maxBytes` (and `http.maxDecompressedBytes`), under the `http.bodyBudgetMs` deadline.
 * Throws FetchBodyError when the status says there is no file (with its probe code; a
 * rate limit slows the host down), or when no answer comes.
 */
export async function fetchBody(
  parts: EngineParts,
  url: string,
  o: { maxBytes: number; conditional?: Conditional; accept?: string },
): Promise<FetchedBody> {
  const opened = await openWholeBody(parts, url, { accept: o.accept, conditional: o.conditional, deadlineMs: parts.http.bodyBudgetMs })
  const { res, finalUrl } = opened
  const rh = res.headers
  const base = {
    url,
    finalUrl: finalUrl.href,
    status: res.statusCode,
    contentType: firstHeader(rh, 'content-type'),
    contentLength: intHeader(rh, 'content-length'),
    etag: firstHeader(rh, 'etag'),
    lastModified: firstHeader(rh, 'last-modified'),
  }
  if (res.statusCode === 304) {
    res.body.destroy()
    return { ...base, notModified: true, body: (async function* () {})(), truncatedAtCap: () => false, bytesRead: () => 0 }
  }
  const retryAfter = parseRetryAfter(rh['retry-after'])
  const statusCode = codeForStatus(res.statusCode, retryAfter)
  if (statusCode) {
    if (statusCode === 'rate-limited') parts.politeness.slowDown(finalUrl.host, retryAfter === null ? null : retryAfter * 1000)
    res.body.destroy()
    throw new FetchBodyError('fetch.no-body', { url, probeCode: statusCode, status: res.statusCode })
  }
  const count: BodyCount = { bytes: 0, truncated: false }
  const cap = Math.min(o.maxBytes, parts.http.maxDecompressedBytes)
  return {
    ...base,
    notModified: false,
    body: bodyChunks(opened, cap, 'cut', count),
    truncatedAtCap: () => count.truncated,
    bytesRead: () => count.bytes,
  }
}
