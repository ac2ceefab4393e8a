/**
 * The result of one availability probe. `outcome` and `code` are stored: the codes and
 * their outcomes are listed in src/domain/probe-codes.ts (never renamed, only added).
 */
import type { Finding } from '../domain/finding.js'
import type { ProbeCode, ProbeOutcome } from '../domain/probe-codes.js'
import type { fetchFindingMessages } from '../i18n/messages/findings-fetch.js'

/** A warning a probe can give that does not change its outcome; each has words in the catalogue. */
export type ProbeWarningCode = keyof typeof fetchFindingMessages

/**
 * A remark about a probe, as data: the probe's own code with its facts (`ProbeDetail` as
 * params) when the outcome is not ok, or a warning (`ProbeWarningCode`). Words are made
 * from the code when shown (`describeFinding`).
 */
export type ProbeFinding = Finding & { code: ProbeCode | ProbeWarningCode }

/** Everything one probe learned about a URL. */
export interface ProbeResult {
  url: string
  outcome: ProbeOutcome
  code: ProbeCode
  httpStatus: number | null
  finalUrl: string | null
  /** Every hop: the URL asked for and the status it answered. */
  redirectChain: { url: string; status: number }[]
  redirects: number
  /** Time spent on the URL's own requests, not waiting in a host's line. */
  elapsedMs: number
  contentType: string | null
  contentLength: number | null
  etag: string | null
  lastModified: string | null
  /** ISO time the certificate expires (https only). */
  tlsValidTo: string | null
  tlsDaysLeft: number | null
  /** Bytes of body actually received. */
  bytesRead: number
  /** Retry-After in seconds, when the server sent one. */
  retryAfterSeconds: number | null
  /**
   * First, when the outcome is not ok, the probe's own code with its facts; then the
   * warnings that do not change the outcome (https→http downgrade, certificate expiring soon).
   */
  findings: ProbeFinding[]
  /** When the probe started (ISO), before its first request was sent. */
  at: string
}
