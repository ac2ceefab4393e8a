import { describeOutcomeCode } from '../fetch/outcome-codes.js'
import type { ScoringResult } from './score-distribution.js'

/** What the availability part knows about a distribution at a moment (from its probes). */
export interface AvailabilitySnapshot {
  /** State after the latest probe that could judge the URL ('unknown' when none could). */
  state: 'unknown' | 'ok' | 'degraded' | 'broken'
  /** Code of that probe (e.g. 'ok', 'http-404'). */
  code: string | null
  /** Warnings of that probe (https→http downgrade, certificate expiring soon, ...). */
  findings: { code: string; message: string }[]
}

/**
 * Turns the availability state into the one scored result of the availability dimension:
 * broken costs all 100 points, degraded (failing, but not yet for long enough to be called
 * broken) half, and each probe warning a tenth. `unknown` gives an `unverified` result,
 * which scoring leaves out: a URL we could not judge is not called broken.
 */
export function availabilityResult(s: AvailabilitySnapshot, lang: 'sv' | 'en' = 'sv'): ScoringResult {
  const code = s.code ?? s.state
  const warnings = s.findings.map((f) => ({ code: f.code, severity: 'warning' as const, message: f.message, weight: 0.1 }))
  switch (s.state) {
    case 'broken':
      return {
        checkId: 'availability',
        dimension: 'availability',
        status: 'fail',
        findings: [{ code, severity: 'error', message: describeOutcomeCode(code, lang), weight: 1, hint: lang === 'sv' ? 'Rätta länken eller servern så att filen går att hämta.' : 'Fix the link or the server so the file can be downloaded.' }, ...warnings],
      }
    case 'degraded':
      return {
        checkId: 'availability',
        dimension: 'availability',
        status: 'warn',
        findings: [{ code, severity: 'warning', message: describeOutcomeCode(code, lang), weight: 0.5, hint: lang === 'sv' ? 'Filen har fallerat vid de senaste kontrollerna; åtgärda innan den räknas som trasig.' : 'The file failed its latest probes; fix it before it counts as broken.' }, ...warnings],
      }
    case 'ok':
      return { checkId: 'availability', dimension: 'availability', status: warnings.length ? 'warn' : 'pass', findings: warnings }
    default:
      return { checkId: 'availability', dimension: 'availability', status: 'unverified', findings: [] }
  }
}
