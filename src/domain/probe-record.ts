/**
 * What one availability probe learned about a URL, as the fetch engine returns it and the
 * store keeps it. `outcome` and `code` are stored: the codes and their outcomes are listed
 * in probe-codes.ts (never renamed, only added). Findings are codes with params, never words.
 */
import type { Finding } from './finding.js'
import type { ProbeCode, ProbeOutcome } from './probe-codes.js'

export interface ProbeRecord {
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
  findings: Finding[]
  /** When the probe started (ISO), before its first request was sent. */
  at: string
}
