/**
 * The errors of the HTTP engine. Each is a DatavaktError: a catalogue code (`fetch.*`, words
 * in src/i18n/messages/fetch.ts) with its params, and, where one applies, the probe code
 * that says the same thing as data (`probeCode`). Callers match on the class or on these
 * typed fields, never on the message.
 */
import type { MessageParams } from '../domain/finding.js'
import type { ProbeCode } from '../domain/probe-codes.js'
import { DatavaktError } from '../i18n/datavakt-error.js'

/** Why `fetchBody` / `fetchDocument` gave no (whole) body. */
export type FetchBodyErrorCode = 'fetch.no-body' | 'fetch.cut-off' | 'fetch.stalled' | 'fetch.deadline' | 'fetch.too-large'

/** What every FetchBodyError knows: the URL asked for, the probe code, the HTTP status if one came. */
export interface FetchBodyFacts {
  url: string
  /** The probe code that says why (`http-404`, `timeout`, `forbidden-target`, ...); null for `fetch.too-large`. */
  probeCode: ProbeCode | null
  /** The HTTP status of the final answer, when one arrived. */
  status: number | null
}

/**
 * Thrown by `FetchEngine.fetchBody` / `fetchDocument`, and by their body streams, when no
 * whole body can be had. `code` names the case, `probeCode` the probe code, `status` the
 * HTTP status. Refuses nothing itself: it only reports.
 */
export class FetchBodyError extends DatavaktError {
  override name = 'FetchBodyError'
  declare readonly code: FetchBodyErrorCode
  readonly url: string
  readonly probeCode: ProbeCode | null
  readonly status: number | null

  constructor(code: FetchBodyErrorCode, facts: FetchBodyFacts, params: MessageParams = {}, options?: { cause?: unknown }) {
    super(code, { ...params, url: facts.url, probeCode: facts.probeCode, status: facts.status }, options)
    this.url = facts.url
    this.probeCode = facts.probeCode
    this.status = facts.status
  }
}

/**
 * A fetch that did not finish within its overall deadline (`http.bodyBudgetMs` for bodies,
 * `http.documentDeadlineMs` or the caller's `deadlineMs` for documents), however steadily
 * the server kept trickling bytes. Its probe code is `timeout`.
 */
export class FetchDeadlineError extends FetchBodyError {
  override name = 'FetchDeadlineError'
  declare readonly code: 'fetch.deadline'
  readonly ms: number

  constructor(url: string, ms: number, status: number | null = null) {
    super('fetch.deadline', { url, probeCode: 'timeout', status }, { ms })
    this.ms = ms
  }
}

/**
 * The reason a probe is cancelled with when its own time budget (`http.urlBudgetMs`) runs out: the
 * probe could not tell, so its code is `budget-exceeded` (unverified).
 */
export class BudgetExceededError extends DatavaktError {
  override name = 'BudgetExceededError'
  declare readonly code: 'fetch.budget-exceeded'

  constructor(ms: number) {
    super('fetch.budget-exceeded', { ms })
  }
}

/**
 * A request turned away because the engine was closed while it waited for a slot: like a
 * spent budget, "could not tell" (`budget-exceeded`).
 */
export class EngineClosedError extends DatavaktError {
  override name = 'EngineClosedError'
  declare readonly code: 'fetch.engine-closed'

  constructor() {
    super('fetch.engine-closed')
  }
}

/**
 * A TLS connection refused by our own verification (chain or host name). `reason` is
 * OpenSSL's or Node's code (`CERT_HAS_EXPIRED`, `DEPTH_ZERO_SELF_SIGNED_CERT`,
 * `ERR_TLS_CERT_ALTNAME_INVALID`, ...), which decides the probe code.
 */
export class TlsRejectedError extends DatavaktError {
  override name = 'TlsRejectedError'
  declare readonly code: 'fetch.tls-rejected'
  readonly reason: string

  constructor(reason: string, options?: { cause?: unknown }) {
    super('fetch.tls-rejected', { reason }, options)
    this.reason = reason
  }
}
