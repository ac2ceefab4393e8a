import { availabilityVerdict } from '../../checks/availability-verdict.js'
import type { ProbeSummary } from '../../checks/types.js'
import type { ScoringResult } from './score-distribution.js'

/**
 * The availability dimension's one result for a distribution: the availability verdict
 * (checks/availability-verdict.ts, the same the availability check stores) of its probe
 * summary, with each finding's cost. `unknown` gives an `unverified` result, which
 * scoring leaves out: a URL we could not judge is not called broken.
 */
export function availabilityResult(probe: ProbeSummary): ScoringResult {
  const verdict = availabilityVerdict(probe)
  return { checkId: 'availability', dimension: 'availability', status: verdict.status, findings: verdict.findings }
}
