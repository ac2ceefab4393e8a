/**
 * The result of one availability probe. `outcome` and `code` are stored: never rename a
 * code; only add. The full list, with meanings, is in `src/fetch/outcome-codes.ts`.
 */
export type ProbeOutcome = 'ok' | 'failing' | 'unverified'

/** A remark about a probe: a stable kebab-case code and a message in the engine's language. */
export interface ProbeFinding {
  code: string
  message: string
}

/** Everything one probe learned about a URL (see outcome-codes.ts for `code`). */
export interface ProbeResult {
  url: string
  outcome: ProbeOutcome
  code: string
  httpStatus: number | null
  finalUrl: string | null
  /** Every hop: the URL asked for and the status it answered. */
  redirectChain: { url: string; status: number }[]
  redirects: number
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
  /** Warnings that do not change the outcome: https→http downgrade, certificate expiring soon, ... */
  findings: ProbeFinding[]
  /** When the probe started (ISO). */
  at: string
}
