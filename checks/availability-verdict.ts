/**
 * The one availability verdict: what the availability state of a distribution and its
 * latest probe (a ProbeSummary) mean, as a check result with the cost of each finding.
 * The registered availability check (checks/availability.ts) stores it; scoring
 * (src/scoring/score-region.ts) scores it; the metadata check reads reachability from the
 * same state (`reachabilityOf`). So a file is never "fungerar" on one page and "svarar
 * inte" on another, and the same probe gives the same words everywhere.
 *
 * The state, not the latest probe alone, decides (src/availability): a file is broken only
 * after repeated failures spread over a day, and an unverified probe (rate limit, bot wall,
 * our own time budget) neither breaks nor heals it.
 *
 * - broken: status `fail`, finding `availability-broken` (error), costing all the
 *   dimension's points (weight 1);
 * - degraded (failing, not yet for long enough): status `warn`, `availability-degraded`
 *   (warning), half (weight 0.5);
 * - ok: status `pass`, or `warn` with each of the probe's warnings (`tls-expiring-soon`,
 *   `https-downgrade`, ...) as a warning costing a tenth;
 * - unknown (never judged): status `unverified`, which scoring leaves out; with an info
 *   finding `availability-unverified` when the probe could not tell.
 * The failing findings' params: `probeCode` (the latest probe's code), `failures` (in a
 * row) and `since` (YYYY-MM-DD, when the failures began). Their words are in
 * src/i18n/messages/findings-availability.ts.
 */
import type { CheckStatus, Finding, ProbeSummary } from './types.js'

/** A finding with its cost, as a share (0..1) of the availability dimension's points. */
export interface WeightedFinding extends Finding {
  weight: number
}

/** The availability verdict of one distribution. */
export interface AvailabilityVerdict {
  status: CheckStatus
  findings: WeightedFinding[]
  metrics: Record<string, number>
  facts: { state: ProbeSummary['state']; outcome: ProbeSummary['outcome']; code: string }
}

/** What each kind of availability finding costs (see the module comment). */
export const AVAILABILITY_WEIGHT = { broken: 1, degraded: 0.5, warning: 0.1, unverified: 0 } as const

/** Whether a URL answers, as the availability verdict sees it. */
export type Reachability = 'reachable' | 'unreachable' | 'unknown'

/**
 * Reachability from the availability state: ok is reachable (a 304 to a conditional
 * request, a 206 to a Range request and a followed redirect are all ok probes), degraded
 * and broken are not, and a URL never probed or only probed unverified is unknown, which
 * callers leave out rather than count as unreachable.
 */
export function reachabilityOf(probe: ProbeSummary | undefined): Reachability {
  switch (probe?.state) {
    case 'ok':
      return 'reachable'
    case 'degraded':
    case 'broken':
      return 'unreachable'
    default:
      return 'unknown'
  }
}

/**
 * The probe's warnings as weighted findings: code and params. A warning stored before the
 * catalogue (words, no params) is shown by its code's catalogue words; the verdict is
 * recomputed, never stored words. A probe that is not ok also stores its own code as a
 * finding (src/fetch/probe-findings.ts): that is what the state's finding already says
 * (`probeCode`), so it is not a warning of its own: counted again, a 404 cost a second
 * time and was listed as a second problem, and an unverified probe (rate-limited) made a
 * working file a warning.
 */
function warningsOf(probe: ProbeSummary): WeightedFinding[] {
  return probe.findings.filter((w) => w.code !== probe.code).map((w) => {
    const f: WeightedFinding = { code: w.code, severity: 'warning', weight: AVAILABILITY_WEIGHT.warning }
    if (w.params) f.params = w.params
    return f
  })
}

/** The availability verdict of a distribution (see the module comment). Pure; refuses nothing. */
export function availabilityVerdict(probe: ProbeSummary): AvailabilityVerdict {
  const metrics: Record<string, number> = { consecutiveFailures: probe.consecutiveFailures }
  if (probe.httpStatus !== null) metrics.httpStatus = probe.httpStatus
  if (probe.tlsDaysLeft !== null) metrics.tlsDaysLeft = probe.tlsDaysLeft
  const facts = { state: probe.state, outcome: probe.outcome, code: probe.code }
  const run = { probeCode: probe.code, failures: probe.consecutiveFailures, since: probe.failingSince ? probe.failingSince.slice(0, 10) : null }
  const warnings = warningsOf(probe)
  switch (probe.state) {
    case 'broken':
      return { status: 'fail', findings: [{ code: 'availability-broken', severity: 'error', params: run, weight: AVAILABILITY_WEIGHT.broken }, ...warnings], metrics, facts }
    case 'degraded':
      return { status: 'warn', findings: [{ code: 'availability-degraded', severity: 'warning', params: run, weight: AVAILABILITY_WEIGHT.degraded }, ...warnings], metrics, facts }
    case 'ok':
      return { status: warnings.length > 0 ? 'warn' : 'pass', findings: warnings, metrics, facts }
    default: {
      const findings: WeightedFinding[] =
        probe.outcome === 'unverified' ? [{ code: 'availability-unverified', severity: 'info', params: { probeCode: probe.code }, weight: AVAILABILITY_WEIGHT.unverified }] : []
      return { status: 'unverified', findings, metrics, facts }
    }
  }
}
