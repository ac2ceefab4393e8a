/**
 * The `availability` check: can the file be downloaded, and has it been reliably so?
 *
 * It stores the one availability verdict (checks/availability-verdict.ts) of the
 * distribution's latest probe and availability state (`target.probe`, from the sweep's
 * probes and src/availability): a file is only called broken after repeated failures
 * spread over a day, so one bad evening gives a warning, not a failure. Scoring judges the
 * same verdict, so the dataset page and the publisher page say the same thing.
 *
 * Status: `pass`, `warn` (degraded, or ok with a probe warning), `fail` (broken),
 * `unverified` (never judged: rate-limited, bot wall, our own time budget; never shown or
 * mailed as broken). Not applicable without a distribution and a probe.
 *
 * Finding codes (stable, stored): `availability-broken` (error), `availability-degraded`
 * (warning), `availability-unverified` (info), each with the params `probeCode`,
 * `failures`, `since`; and the probe's warnings (`tls-expiring-soon`, `https-downgrade`,
 * ...) as warnings.
 *
 * Facts: state, outcome, code. Metrics: consecutiveFailures, httpStatus, tlsDaysLeft
 * (when known).
 */
import { availabilityVerdict } from './availability-verdict.js'
import type { Check, CheckResult, CheckTarget } from './types.js'

async function run(target: CheckTarget): Promise<CheckResult> {
  const verdict = availabilityVerdict(target.probe!)
  // The weights are scoring's; the stored finding is the finding alone.
  const findings = verdict.findings.map(({ weight: _weight, ...f }) => f)
  return { status: verdict.status, findings, metrics: verdict.metrics, facts: verdict.facts }
}

/** See the module comment. */
export const availabilityCheck: Check = {
  id: 'availability',
  dimension: 'availability',
  appliesTo: (target) => target.distribution !== undefined && target.probe !== undefined,
  run,
}
