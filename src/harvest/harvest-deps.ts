import type { FetchEngine } from '../fetch/fetch-engine.js'
import type { HarvestConfig } from '../config/config.js'
import { HarvestError } from './harvest-error.js'

/** The one way harvest reaches the network: the engine's fetchDocument (guarded, polite, capped). */
export type FetchDocumentFn = FetchEngine['fetchDocument']

/** What the harvesters need from outside. */
export interface HarvestDeps {
  fetchDocument: FetchDocumentFn
  /** maxCatalogueBytes, timeoutMs, entryscapeRequestsPerSecond. */
  harvest: HarvestConfig
  /** Progress lines (the CLI prints them on stderr). */
  onProgress?: (message: string) => void
}

/** One fetched document with its HTTP outcome. */
export interface FetchedCatalogueDocument {
  url: string
  finalUrl: string
  status: number
  contentType: string | null
  body: Buffer
}

/**
 * Fetches one catalogue document through `deps.fetchDocument` with the harvest caps.
 * Turns every failure into a HarvestError with a stable code: 'timeout' (slow or hanging
 * server; enforced here too, whatever the engine does), 'too-large' (over
 * harvest.maxCatalogueBytes), 'http-error' (not 2xx), 'fetch-failed' (no answer).
 */
export async function fetchCatalogueDocument(deps: HarvestDeps, url: string, accept: string): Promise<FetchedCatalogueDocument> {
  const { maxCatalogueBytes, timeoutMs } = deps.harvest
  // The engine's timeouts are per pause (headers, each gap in the body); this one bounds
  // the whole document, so a server trickling a byte a second cannot hold a harvest.
  const abort = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort()
      reject(new HarvestError(`Timed out after ${timeoutMs} ms reading ${url}`, { url, code: 'timeout' }))
    }, timeoutMs + 1000)
  })
  // `signal` is not in the FetchEngine contract; the engine honours it, others ignore it.
  const opts = { maxBytes: maxCatalogueBytes, timeoutMs, accept, signal: abort.signal }
  let res: FetchedCatalogueDocument
  try {
    res = await Promise.race([deps.fetchDocument(url, opts), deadline])
  } catch (err) {
    if (err instanceof HarvestError) throw err
    throw classifyFetchError(err, url, maxCatalogueBytes, timeoutMs)
  } finally {
    clearTimeout(timer)
  }
  if (res.body.length > maxCatalogueBytes) {
    throw new HarvestError(`Refused: ${url} is larger than the limit of ${maxCatalogueBytes} bytes`, { url, code: 'too-large', httpStatus: res.status })
  }
  if (res.status < 200 || res.status > 299) {
    throw new HarvestError(`${url} answered HTTP ${res.status}`, { url, code: 'http-error', httpStatus: res.status })
  }
  return res
}

function classifyFetchError(err: unknown, url: string, maxBytes: number, timeoutMs: number): HarvestError {
  // The engine's errors carry a probe code (FetchBodyError.code: 'timeout', 'too-large',
  // 'http-404', 'refused', 'forbidden-target', ...); other fetchers only a message.
  const code = String((err as { code?: unknown }).code ?? '')
  const status = (err as { status?: number | null }).status ?? null
  const msg = (err as Error).message ?? String(err)
  const chain: string[] = []
  let e: unknown = err
  for (let i = 0; e && i < 5; i++) {
    const x = e as { message?: string; code?: string; name?: string; cause?: unknown }
    chain.push(`${x.name ?? ''} ${x.code ?? ''} ${x.message ?? ''}`)
    e = x.cause
  }
  const text = chain.join(' | ')
  if (code === 'too-large' || (!code && /larger than the limit/i.test(text))) {
    return new HarvestError(`Refused: ${url} is larger than the limit of ${maxBytes} bytes`, { url, code: 'too-large', httpStatus: status, cause: err })
  }
  if (code === 'timeout' || code === 'budget-exceeded' || (!code && /timeout|timed out/i.test(text))) {
    return new HarvestError(`Timed out after ${timeoutMs} ms reading ${url}`, { url, code: 'timeout', httpStatus: status, cause: err })
  }
  if (code.startsWith('http-') || (status !== null && (status < 200 || status > 299))) {
    return new HarvestError(`${url} answered HTTP ${status ?? code.slice(5)}`, { url, code: 'http-error', httpStatus: status, cause: err })
  }
  if (code === 'truncated') {
    return new HarvestError(`The transfer of ${url} was cut off before the end: ${msg}`, { url, code: 'truncated', httpStatus: status, cause: err })
  }
  return new HarvestError(`Could not fetch ${url}: ${msg}`, { url, code: 'fetch-failed', httpStatus: status, cause: err })
}

/**
 * Spaces requests to at most `perSecond` per second (EntryScape politeness). One pacer per
 * harvest of one source; sources are harvested one after the other.
 */
export class Pacer {
  private last = -Infinity
  constructor(private readonly perSecond: number) {}
  /** Resolves when the next request may start: at least 1/perSecond s after the previous one started. */
  async wait(): Promise<void> {
    const gap = 1000 / this.perSecond
    const due = this.last + gap - Date.now()
    if (due > 0) await new Promise((r) => setTimeout(r, due))
    // Counted from when the request really goes, so a late timer never lets two go together.
    this.last = Date.now()
  }
}
