/**
 * The outcome codes of one availability probe: the one place they are listed. `outcome` +
 * `code` are stored with every probe, so a code is never renamed or reused for something
 * else; new codes may only be added. What each means, in words, is in the message
 * catalogue (src/i18n/messages/probe.ts), under the same code.
 *
 * - `ok`: bytes of the body arrived (or a 304 Not Modified answered a conditional probe).
 * - `failing`: the URL does not deliver its file; counts towards "broken". Among them
 *   `login-wall`, `landing-page` and `soft-404`: a data file was expected (the catalogue
 *   declares a data format or gives the URL as a downloadURL) and a web page came.
 * - `unverified`: we could not tell (rate limit, bot wall, our own time budget); it
 *   neither breaks nor heals a URL and is never shown or mailed as broken.
 */

/** What one probe says about a URL. Stored. */
export type ProbeOutcome = 'ok' | 'failing' | 'unverified'

/** Every probe code with its outcome, in display order. Stored codes: never rename, only add. */
export const PROBE_CODES = {
  ok: 'ok',
  redirected: 'ok',
  'http-404': 'failing',
  'http-410': 'failing',
  'http-4xx': 'failing',
  'http-5xx': 'failing',
  'http-3xx': 'failing',
  'login-required': 'failing',
  forbidden: 'failing',
  timeout: 'failing',
  dns: 'failing',
  refused: 'failing',
  reset: 'failing',
  'tls-expired': 'failing',
  'tls-untrusted': 'failing',
  'tls-hostname': 'failing',
  'tls-error': 'failing',
  'redirect-loop': 'failing',
  'too-many-redirects': 'failing',
  truncated: 'failing',
  'empty-body': 'failing',
  'api-error': 'failing',
  'login-wall': 'failing',
  'landing-page': 'failing',
  'soft-404': 'failing',
  'invalid-url': 'failing',
  'forbidden-target': 'failing',
  'rate-limited': 'unverified',
  blocked: 'unverified',
  'budget-exceeded': 'unverified',
} as const satisfies Record<string, ProbeOutcome>

/** A probe code. */
export type ProbeCode = keyof typeof PROBE_CODES

/** True for a string that is a probe code (e.g. one read back from the database). */
export function isProbeCode(code: string): code is ProbeCode {
  return Object.prototype.hasOwnProperty.call(PROBE_CODES, code)
}

/** The outcome a probe code stands for. */
export function outcomeOf(code: ProbeCode): ProbeOutcome {
  return PROBE_CODES[code]
}

/**
 * The facts a probe's finding carries as its params, so its words can say what happened
 * ("HTTP 503, Retry-After 30 s", "300 of 900 bytes") in the reader's language. Every field
 * is optional: a probe records only what it saw.
 */
export type ProbeDetail = {
  /** The HTTP status that decided the code. */
  status?: number
  /** Retry-After of a rate-limited answer, in seconds. */
  retryAfterSeconds?: number
  /** Body bytes that arrived before the server stopped ... */
  bytes?: number
  /** ... of this many promised (Content-Length or Content-Range). */
  expected?: number
  /** What never came before an idle timeout ran out. */
  waitedFor?: 'connect' | 'headers' | 'body'
  /** The system or TLS error code behind a network failure (ECONNREFUSED, CERT_HAS_EXPIRED, ...). */
  errorCode?: string
  /** The refused host and the address it resolved to (`forbidden-target`). */
  host?: string
  address?: string
  /** The words of a "not found" page answering 200 (`soft-404`). */
  evidence?: string
}
