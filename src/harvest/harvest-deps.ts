import { FetchBodyError, type FetchEngine } from '../fetch/fetch-engine.js'
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
 * Turns every failure into a HarvestError with a stable code: 'timeout' (slow, hanging or
 * trickling server: harvest.timeoutMs is the engine's overall deadline for the document),
 * 'too-large' (over harvest.maxCatalogueBytes), 'http-error' (not 2xx), 'truncated' (cut
 * off), 'fetch-failed' (no answer).
 */
export async function fetchCatalogueDocument(deps: HarvestDeps, url: string, accept: string): Promise<FetchedCatalogueDocument> {
  const { maxCatalogueBytes, timeoutMs } = deps.harvest
  let res: FetchedCatalogueDocument
  try {
    res = await deps.fetchDocument(url, { maxBytes: maxCatalogueBytes, deadlineMs: timeoutMs, accept })
  } catch (err) {
    throw classifyFetchError(err, url, maxCatalogueBytes, timeoutMs)
  }
  if (res.body.length > maxCatalogueBytes) {
    throw new HarvestError(`Refused: ${url} is larger than the limit of ${maxCatalogueBytes} bytes`, { url, code: 'too-large', httpStatus: res.status })
  }
  if (res.status < 200 || res.status > 299) {
    throw new HarvestError(`${url} answered HTTP ${res.status}`, { url, code: 'http-error', httpStatus: res.status })
  }
  return res
}

/** The HarvestError for an error of the fetch engine, judged by its class and typed fields. */
function classifyFetchError(err: unknown, url: string, maxBytes: number, timeoutMs: number): HarvestError {
  if (!(err instanceof FetchBodyError)) {
    return new HarvestError(`Could not fetch ${url}: ${(err as Error)?.message ?? String(err)}`, { url, code: 'fetch-failed', cause: err })
  }
  const status = err.status
  if (err.code === 'fetch.too-large') {
    return new HarvestError(`Refused: ${url} is larger than the limit of ${maxBytes} bytes`, { url, code: 'too-large', httpStatus: status, cause: err })
  }
  if (err.probeCode === 'timeout' || err.probeCode === 'budget-exceeded') {
    return new HarvestError(`Timed out after ${timeoutMs} ms reading ${url}`, { url, code: 'timeout', httpStatus: status, cause: err })
  }
  if (err.probeCode?.startsWith('http-') || (status !== null && (status < 200 || status > 299))) {
    return new HarvestError(`${url} answered HTTP ${status ?? err.probeCode}`, { url, code: 'http-error', httpStatus: status, cause: err })
  }
  if (err.probeCode === 'truncated') {
    return new HarvestError(`The transfer of ${url} was cut off before the end: ${err.message}`, { url, code: 'truncated', httpStatus: status, cause: err })
  }
  return new HarvestError(`Could not fetch ${url}: ${err.message}`, { url, code: 'fetch-failed', httpStatus: status, cause: err })
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
