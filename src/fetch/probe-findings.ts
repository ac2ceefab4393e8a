/**
 * The findings a probe records, as data (code, severity, params): the probe's own code
 * when the outcome is not ok, and the warnings that do not change the outcome. Their
 * words are in src/i18n/messages/probe.ts and findings-fetch.ts.
 */
import { outcomeOf, type ProbeCode, type ProbeDetail } from '../domain/probe-codes.js'
import type { ProbeFinding } from './probe-types.js'
import type { TlsFacts } from './tls-connector.js'

/** A certificate that expires within this many days is worth a warning. */
export const TLS_WARNING_DAYS = 14

/** The probe's own code as a finding: an error when failing, info when it could not tell. */
export function outcomeFinding(code: ProbeCode, detail: ProbeDetail): ProbeFinding {
  return { code, severity: outcomeOf(code) === 'failing' ? 'error' : 'info', params: detail }
}

/** `tls-expiring-soon` when the certificate ends within TLS_WARNING_DAYS (and has not already: that is `tls-expired`). */
export function tlsExpiringSoon(tls: TlsFacts, code: ProbeCode): ProbeFinding | null {
  if (tls.tlsDaysLeft === null || tls.tlsDaysLeft >= TLS_WARNING_DAYS || code === 'tls-expired') return null
  return { code: 'tls-expiring-soon', severity: 'warning', params: { days: tls.tlsDaysLeft, validTo: tls.tlsValidTo?.slice(0, 10) ?? null } }
}

/**
 * `web-page-at-data-url`: an address that looks like a data file (`.csv`) gave a web page,
 * while no data file was expected (with `expectData` the page is the probe's own code).
 */
export function webPageAtDataUrl(extension: string, page: string): ProbeFinding {
  return { code: 'web-page-at-data-url', severity: 'warning', params: { extension, page } }
}

/** `https-downgrade`: a redirect led from https to plain http. */
export function httpsDowngrade(): ProbeFinding {
  return { code: 'https-downgrade', severity: 'warning', params: {} }
}
