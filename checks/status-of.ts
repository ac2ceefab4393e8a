import type { CheckResult, Finding } from './types.js'

/** A check's status from its findings: fail on an error, warn on a warning, else pass. */
export function statusOf(findings: readonly Finding[]): CheckResult['status'] {
  if (findings.some((f) => f.severity === 'error')) return 'fail'
  if (findings.some((f) => f.severity === 'warning')) return 'warn'
  return 'pass'
}
