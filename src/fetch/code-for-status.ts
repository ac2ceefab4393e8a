import type { ProbeCode } from '../domain/probe-codes.js'

/**
 * The probe code an HTTP status means by itself, or null for a 2xx or a 304 (those are
 * judged by their body). A 503 is a rate limit only when it says when to come back
 * (`retryAfterSeconds` not null); without Retry-After it is a server error. A status
 * below 200 as a final answer is a client-side protocol failure (`http-4xx`).
 */
export function codeForStatus(status: number, retryAfterSeconds: number | null): ProbeCode | null {
  if (status === 401) return 'login-required'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'http-404'
  if (status === 410) return 'http-410'
  if (status === 429) return 'rate-limited'
  if (status === 503 && retryAfterSeconds !== null) return 'rate-limited'
  if (status >= 500) return 'http-5xx'
  if (status >= 400) return 'http-4xx'
  if (status >= 300 && status !== 304) return 'http-3xx'
  if (status < 200) return 'http-4xx'
  return null
}
