/**
 * Fetches a whole document (a catalogue page, a schema) with a byte cap and a timeout,
 * for code that has no engine of its own. It goes through a shared fetch engine, so the
 * address guard, the per-host politeness and manual, guarded redirects apply exactly as
 * for probes. Prefer `engine.fetchDocument` when you already hold an engine.
 */
import { defaultConfig } from '../config/config.js'
import { createFetchEngine, type CreatedFetchEngine } from './create-fetch-engine.js'
import { FetchBodyError } from './fetch-body-error.js'

/** Options of the standalone fetchDocument. */
export interface FetchDocumentOptions {
  maxBytes: number
  /** Idle timeout for headers and for each pause in the body, in ms. */
  timeoutMs: number
  allowPrivateNetworks: boolean
  userAgent?: string
  accept?: string
  signal?: AbortSignal
}

/** A fetched document: the final URL after redirects, the status and the whole (decompressed) body. */
export interface FetchedDocument {
  url: string
  finalUrl: string
  status: number
  contentType: string | null
  body: Buffer
}

/**
 * Thrown when a document cannot be fetched: network failure, refused target, cap
 * exceeded, timeout. `code` is the probe code (see outcome-codes.ts) or `too-large`.
 */
export class FetchDocumentError extends Error {
  override name = 'FetchDocumentError'
  constructor(
    message: string,
    readonly url: string,
    readonly status: number | null = null,
    options?: ErrorOptions,
    readonly code: string | null = null,
  ) {
    super(message, options)
  }
}

// One engine per (guard, user agent): the pools and per-host gaps are shared by every caller.
const engines = new Map<string, CreatedFetchEngine>()

function engineFor(opts: FetchDocumentOptions): CreatedFetchEngine {
  const userAgent = opts.userAgent ?? defaultConfig.http.userAgent
  const key = `${opts.allowPrivateNetworks}|${userAgent}`
  let engine = engines.get(key)
  if (!engine) {
    engine = createFetchEngine({ ...defaultConfig.http, userAgent }, { allowPrivateNetworks: opts.allowPrivateNetworks })
    engines.set(key, engine)
  }
  return engine
}

/**
 * Fetches `url` whole (redirects followed, every hop guarded), decompressed, refusing
 * bodies over `maxBytes`. Any HTTP status is returned as is; network trouble, a refused
 * target or an oversized body throws FetchDocumentError.
 */
export async function fetchDocument(url: string, opts: FetchDocumentOptions): Promise<FetchedDocument> {
  try {
    return await engineFor(opts).fetchDocument(url, {
      maxBytes: opts.maxBytes,
      timeoutMs: opts.timeoutMs,
      accept: opts.accept,
      signal: opts.signal,
    })
  } catch (err) {
    if (err instanceof FetchBodyError) {
      throw new FetchDocumentError(`Could not fetch ${url}: ${err.message}`, url, err.status, { cause: err }, err.code)
    }
    throw new FetchDocumentError(`Could not fetch ${url}: ${(err as Error).message}`, url, null, { cause: err })
  }
}

/** Closes the shared engines (end of a CLI run or a test file). */
export async function closeSharedFetchEngines(): Promise<void> {
  const all = [...engines.values()]
  engines.clear()
  await Promise.all(all.map((e) => e.close()))
}
