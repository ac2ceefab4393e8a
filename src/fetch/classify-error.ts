/**
 * Turns a network error from undici/node into a probe code. Errors during the body
 * (after headers) are judged by the caller, which knows how many bytes were promised.
 */
import { ForbiddenTargetError } from './address-guard.js'
import type { ProbeCode } from './outcome-codes.js'

/** Thrown into the request's signal when the engine's own per-URL budget runs out. */
export class BudgetExceededError extends Error {
  override name = 'BudgetExceededError'
  readonly code = 'EDATAVAKT_BUDGET'
}

/** A request turned away because the engine was closed: like a spent budget, "could not tell". */
export class EngineClosedError extends BudgetExceededError {
  override name = 'EngineClosedError'
}

const tlsUntrusted = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'CERT_REVOKED',
])

/** The error code, looking through `cause` chains (undici wraps some errors). */
function codesOf(err: unknown): string[] {
  const codes: string[] = []
  let e: unknown = err
  for (let depth = 0; e && depth < 5; depth++) {
    const c = (e as { code?: unknown }).code
    if (typeof c === 'string') codes.push(c)
    e = (e as { cause?: unknown }).cause
  }
  return codes
}

/** The probe code for an error thrown before response headers arrived. */
export function classifyError(err: unknown): ProbeCode {
  let e: unknown = err
  for (let depth = 0; e && depth < 5; depth++) {
    if (e instanceof ForbiddenTargetError) return 'forbidden-target'
    if (e instanceof BudgetExceededError) return 'budget-exceeded'
    e = (e as { cause?: unknown }).cause
  }
  for (const code of codesOf(err)) {
    if (code === 'EDATAVAKT_FORBIDDEN_TARGET') return 'forbidden-target'
    if (code === 'EDATAVAKT_BUDGET') return 'budget-exceeded'
    if (code === 'CERT_HAS_EXPIRED') return 'tls-expired'
    if (tlsUntrusted.has(code)) return 'tls-untrusted'
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') return 'tls-hostname'
    if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code === 'EPROTO' || code.startsWith('CERT_') || code === 'ERR_OSSL_EVP_UNSUPPORTED') return 'tls-error'
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'ENODATA' || code === 'EAI_FAIL') return 'dns'
    if (code === 'ECONNREFUSED') return 'refused'
    if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'ETIMEDOUT') return 'timeout'
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'ECONNABORTED' || code === 'UND_ERR_CLOSED') return 'reset'
    if (code === 'ERR_INVALID_URL' || code === 'UND_ERR_INVALID_ARG') return 'invalid-url'
    if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'refused'
  }
  // Anything else is a broken conversation with the server.
  return 'reset'
}
