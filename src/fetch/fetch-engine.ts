import type { ProbeResult } from './probe-types.js'

/** Thrown by fetchBody / fetchDocument when no body can be had; `code` is a probe code. */
export { FetchBodyError } from './fetch-body-error.js'

/**
 * The contract of the HTTP engine every part of datavakt uses to reach the network:
 * harvest (catalogues), availability (probes), content checks (bodies) and the schema
 * registry (remote schemas). One engine per process: it owns the connection pools, the
 * per-host politeness (connections, gap, Retry-After slow-down) and the address guard.
 * Implemented by `createFetchEngine` in `src/fetch/create-fetch-engine.ts`.
 */
export interface FetchEngine {
  /**
   * One availability probe: a GET for a capped prefix (Range), redirects followed and
   * recorded, classified into outcome + code. Never throws for network trouble: that is
   * a result. `conditional` sends If-None-Match / If-Modified-Since (a 304 is ok).
   */
  probe(url: string, opts?: { conditional?: { etag?: string | null; lastModified?: string | null } }): Promise<ProbeResult>

  /**
   * The whole body, for content checks: decompressed, capped at `maxBytes` (the stream
   * ends there and `truncatedAtCap()` says so). Same guard and politeness as probe.
   * Throws FetchBodyError when no body can be had (with the probe-style code).
   * With `conditional` a 304 gives `{ notModified: true }` and no body.
   */
  fetchBody(
    url: string,
    opts: { maxBytes: number; conditional?: { etag?: string | null; lastModified?: string | null }; accept?: string },
  ): Promise<FetchedBody>

  /** A whole small document (catalogue page, schema): buffered, capped, guarded, polite. */
  fetchDocument(
    url: string,
    opts: { maxBytes: number; timeoutMs?: number; accept?: string; signal?: AbortSignal },
  ): Promise<{ url: string; finalUrl: string; status: number; contentType: string | null; body: Buffer }>

  /** Closes every pool. */
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
