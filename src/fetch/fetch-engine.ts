import type { ProbeResult } from './probe-types.js'
import type { SlotLoad } from './politeness.js'

/** Thrown by fetchBody / fetchDocument when no (whole) body can be had; see fetch-errors.ts. */
export { FetchBodyError, FetchDeadlineError } from './fetch-errors.js'

/** Validators of a previous answer, for a conditional request (If-None-Match / If-Modified-Since). */
export interface Conditional {
  etag?: string | null
  lastModified?: string | null
}

/** How a probe asks: conditionally, and whether a data file (not a web page) is expected. */
export interface ProbeOptions {
  conditional?: Conditional
  expectData?: boolean
}

/**
 * The contract of the HTTP engine every part of datavakt uses to reach the network:
 * harvest (catalogues), availability (probes), content checks (bodies) and the schema
 * registry (remote schemas). One engine per process: it owns the connection pools, the
 * per-host politeness (connections, gap, Retry-After slow-down) and the address guard.
 * Every operation has an overall deadline as well as idle timeouts. Implemented by
 * `createFetchEngine` in `src/fetch/create-fetch-engine.ts`.
 */
export interface FetchEngine {
  /**
   * One availability probe: a GET for a capped prefix (Range), redirects followed and
   * recorded, classified into outcome + code. Never throws for network trouble: that is
   * a result. `conditional` sends If-None-Match / If-Modified-Since (a 304 is ok).
   * `expectData`: a data file is expected (see `expectsDataFile`), so an HTML page is
   * failing (`login-wall`, `landing-page`, `soft-404`); without it the page is only noted
   * (`webPage`). Deadline: `http.urlBudgetMs` (then `budget-exceeded`).
   */
  probe(url: string, opts?: ProbeOptions): Promise<ProbeResult>

  /**
   * The whole body, for content checks: decompressed, capped at `maxBytes` (the stream
   * ends there and `truncatedAtCap()` says so). Same guard and politeness as probe.
   * Throws FetchBodyError when no body can be had (`probeCode` says why); with
   * `conditional` a 304 gives `{ notModified: true }` and no body. Deadline:
   * `http.bodyBudgetMs` (then FetchDeadlineError, from the call or from the stream).
   */
  fetchBody(url: string, opts: { maxBytes: number; conditional?: Conditional; accept?: string }): Promise<FetchedBody>

  /**
   * A whole small document (catalogue page, schema), whatever its status: buffered,
   * guarded, polite. Throws FetchBodyError when no answer comes or the body is over
   * `maxBytes` (`fetch.too-large`), FetchDeadlineError after `deadlineMs` (default
   * `http.documentDeadlineMs`).
   */
  fetchDocument(url: string, opts: { maxBytes: number; deadlineMs?: number; accept?: string }): Promise<FetchedDocument>

  /**
   * How busy the global request slots (`http.globalConcurrency`) were since the last call:
   * the most requests in flight at once, and whether any request waited for a slot. For
   * one reader, the sweep's worker, which holds no more hosts than it can keep busy.
   */
  sampleLoad(): SlotLoad

  /** Closes every pool; requests still waiting for a slot are turned away. */
  close(): Promise<void>
}

/** A body being downloaded by fetchBody: headers known, bytes streamed on demand. */
export interface FetchedBody {
  url: string
  finalUrl: string
  status: number
  notModified: boolean
  contentType: string | null
  contentLength: number | null
  etag: string | null
  lastModified: string | null
  /** Decompressed body bytes, ending at the cap. Consume once. */
  body: AsyncIterable<Uint8Array>
  /** After the body is consumed: true if it was cut at maxBytes. */
  truncatedAtCap(): boolean
  /** After the body is consumed: bytes delivered. */
  bytesRead(): number
}

/** A document fetched whole by fetchDocument: the final URL after redirects, the status and the decompressed body. */
export interface FetchedDocument {
  url: string
  finalUrl: string
  status: number
  contentType: string | null
  body: Buffer
}
