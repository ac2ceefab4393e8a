import { FetchBodyError } from '../fetch/fetch-engine.js'
import type { HarvestDeps } from './harvest-deps.js'
import { HarvestError } from './harvest-error.js'

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
 * Turns every failure into a HarvestError with a stable reason: 'timeout' (slow, hanging or
 * trickling server: harvest.timeoutMs is the engine's overall deadline for the document),
 * 'deadline' (the whole harvest's time, `deps.deadline`, ran out), 'too-large' (over
 * harvest.maxCatalogueBytes), 'http-error' (not 2xx), 'truncated' (cut off), 'fetch-failed'
 * (no answer).
 */
export async function fetchCatalogueDocument(deps: HarvestDeps, url: string, accept: string): Promise<FetchedCatalogueDocument> {
  const { maxCatalogueBytes, timeoutMs } = deps.harvest
  const left = deps.deadline ? deps.deadline.left(url) : Infinity
  const budget = Math.max(1, Math.ceil(Math.min(timeoutMs, left)))
  let res: FetchedCatalogueDocument
  try {
    res = await deps.fetchDocument(url, { maxBytes: maxCatalogueBytes, deadlineMs: budget, accept })
  } catch (err) {
    const e = classifyFetchError(err, url, maxCatalogueBytes, timeoutMs)
    // Cut short by the whole harvest's deadline, not by this document's own.
    if (e.reason === 'timeout' && deps.deadline && budget < timeoutMs) throw deps.deadline.error(url, err)
    throw e
  }
  if (deps.deadline) deps.deadline.documents++
  if (res.body.length > maxCatalogueBytes) throw new HarvestError('too-large', { url, limit: maxCatalogueBytes, status: res.status })
  if (res.status < 200 || res.status > 299) throw new HarvestError('http-error', { url, status: res.status })
  return res
}

/** The HarvestError for an error of the fetch engine, judged by its class and typed fields. */
function classifyFetchError(err: unknown, url: string, maxBytes: number, timeoutMs: number): HarvestError {
  if (!(err instanceof FetchBodyError)) return new HarvestError('fetch-failed', { url, detail: (err as Error)?.message ?? String(err) }, { cause: err })
  const status = err.status
  if (err.code === 'fetch.too-large') return new HarvestError('too-large', { url, limit: maxBytes, status }, { cause: err })
  if (err.probeCode === 'timeout' || err.probeCode === 'budget-exceeded') return new HarvestError('timeout', { url, ms: timeoutMs, status }, { cause: err })
  if (err.probeCode?.startsWith('http-') || (status !== null && (status < 200 || status > 299))) {
    return new HarvestError('http-error', { url, status: status ?? err.probeCode }, { cause: err })
  }
  if (err.probeCode === 'truncated') return new HarvestError('truncated', { url, status, detail: err.message }, { cause: err })
  return new HarvestError('fetch-failed', { url, status, detail: err.message }, { cause: err })
}
