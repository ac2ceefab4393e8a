/**
 * Turns a network error from undici/node (or one of the engine's own) into a probe code,
 * and into the facts a probe finding shows. Errors during the body (after headers) are
 * judged by the caller, which knows how many bytes were promised.
 */
import type { ProbeCode, ProbeDetail } from '../domain/probe-codes.js'
import { ForbiddenTargetError } from './address-guard.js'
import { BudgetExceededError, EngineClosedError, FetchBodyError, TlsRejectedError } from './fetch-errors.js'

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

const timeouts: Record<string, ProbeDetail['waitedFor']> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect',
  ETIMEDOUT: 'connect',
  UND_ERR_HEADERS_TIMEOUT: 'headers',
  UND_ERR_BODY_TIMEOUT: 'body',
}

/** The errors along a `cause` chain (undici wraps some errors), at most five deep. */
function chainOf(err: unknown): unknown[] {
  const chain: unknown[] = []
  let e: unknown = err
  for (let depth = 0; e && depth < 5; depth++) {
    chain.push(e)
    e = (e as { cause?: unknown }).cause
  }
  return chain
}

/** The system, undici or TLS error codes along the chain (not the engine's own catalogue codes). */
function systemCodesOf(err: unknown): string[] {
  const codes: string[] = []
  for (const e of chainOf(err)) {
    if (e instanceof TlsRejectedError) codes.push(e.reason)
    else {
      const c = (e as { code?: unknown }).code
      if (typeof c === 'string' && !c.startsWith('fetch.')) codes.push(c)
    }
  }
  return codes
}

/** The probe code of one system error code, or null when it says nothing we know. */
function codeOfSystemCode(code: string): ProbeCode | null {
  if (code === 'CERT_HAS_EXPIRED') return 'tls-expired'
  if (tlsUntrusted.has(code)) return 'tls-untrusted'
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') return 'tls-hostname'
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code === 'EPROTO' || code.startsWith('CERT_') || code === 'ERR_OSSL_EVP_UNSUPPORTED') return 'tls-error'
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'ENODATA' || code === 'EAI_FAIL') return 'dns'
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'refused'
  if (code in timeouts) return 'timeout'
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'ECONNABORTED' || code === 'UND_ERR_CLOSED') return 'reset'
  if (code === 'ERR_INVALID_URL' || code === 'UND_ERR_INVALID_ARG') return 'invalid-url'
  return null
}

/** The probe code for an error thrown before response headers arrived (or by the engine itself). */
export function classifyError(err: unknown): ProbeCode {
  for (const e of chainOf(err)) {
    if (e instanceof ForbiddenTargetError) return 'forbidden-target'
    if (e instanceof BudgetExceededError || e instanceof EngineClosedError) return 'budget-exceeded'
    if (e instanceof FetchBodyError && e.probeCode) return e.probeCode
  }
  for (const code of systemCodesOf(err)) {
    const probeCode = codeOfSystemCode(code)
    if (probeCode) return probeCode
  }
  // Anything else is a broken conversation with the server.
  return 'reset'
}

/**
 * The facts of a failed request a probe finding shows: the refused host and address, what
 * an idle timeout waited for, or the system error code (ECONNREFUSED, CERT_HAS_EXPIRED,
 * ...). Data, not words: the catalogue makes the words.
 */
export function errorDetail(err: unknown): ProbeDetail {
  for (const e of chainOf(err)) {
    if (e instanceof ForbiddenTargetError) return { host: e.host, address: e.address }
  }
  const codes = systemCodesOf(err)
  const waitedFor = codes.map((c) => timeouts[c]).find((w) => w !== undefined)
  if (waitedFor) return { waitedFor }
  const known = codes.find((c) => codeOfSystemCode(c) !== null)
  return known ? { errorCode: known } : {}
}
