import type { CheckStatus, Severity } from '../domain/finding.js'
import { DIMENSIONS, type Dimension } from '../domain/dimension.js'
import type { StoredFinding, StoredScoreReason } from '../db/tables/content.js'

/**
 * The scoring model (version in scoring-version.ts). In plain words:
 *
 * - Each dimension starts at 100. The checks of that dimension that could judge the file
 *   (status pass, warn or fail) share the 100 points equally.
 * - Within a check, each distinct finding code costs a part of that check's share:
 *   an error half of it, a warning a tenth (an availability state more, see
 *   checks/availability-verdict.ts). Info findings cost nothing. A check can never lose more than
 *   its share; when its findings would cost more, the loss is shared among them in
 *   proportion. A `fail` without any error finding costs half the share
 *   (`check-failed`), a `warn` without a warning a tenth (`check-warned`).
 * - The metadata check's MQA findings (warnings) cost what MQA says: the indicator's lost
 *   points out of 405 (see score-region.ts), so the metadata dimension follows the MQA score.
 * - `unverified` and `skipped` results are left out entirely: they are neither good nor
 *   bad, so they leave the denominator. A dimension with no judging check is unknown
 *   (null), not 0 and not 100.
 * - The total is the plain average of the known dimensions.
 * - Every lost point has a reason: the check, the code, how many findings, the params of
 *   the worst one (its words come from the catalogue when shown; a finding stored before
 *   the catalogue brings its stored words instead), the points it costs (`pointsLost`, summing to 100 − the dimension score), and what
 *   fixing that code alone would give back, in the dimension (`pointsToGain`) and in
 *   the total (`totalPointsToGain`).
 */

/** A check result as scoring needs it (latest per check for the distribution). */
export interface ScoringResult {
  checkId: string
  dimension: Dimension
  status: CheckStatus
  findings: ScoringFinding[]
}

/** A finding as scoring needs it; `weight` overrides the severity's default cost. */
export interface ScoringFinding extends Pick<StoredFinding, 'code' | 'severity' | 'params' | 'message' | 'hint'> {
  /** Share of the check's points this code costs (0..1); default error 0.5, warning 0.1, info 0. */
  weight?: number
}

/** One reason for lost points: the stored shape (src/db/tables/content.ts). */
export type ScoreReason = StoredScoreReason

/** Scores per dimension (null = unknown) and the total. */
export type DimensionScores = Record<Dimension, number | null> & { total: number | null }

/** A distribution's score with its reasons, worst first. */
export interface DistributionScore extends DimensionScores {
  reasons: ScoreReason[]
}

/** Default cost of a finding code, as a share of its check's points. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { error: 0.5, warning: 0.1, info: 0 }

const JUDGING: ReadonlySet<CheckStatus> = new Set(['pass', 'warn', 'fail'])

interface CodeCost extends Pick<ScoreReason, 'checkId' | 'code' | 'severity' | 'count' | 'params'> {
  raw: number
  /** The worst finding's stored words, when it has no params (stored before the catalogue). */
  legacy?: Pick<StoredFinding, 'message' | 'hint'>
}

/** A finding stored before the catalogue: its words, to show instead of a bare code. */
function legacyWords(f: ScoringFinding): CodeCost['legacy'] {
  if (f.params !== undefined || f.message === undefined) return undefined
  return f.hint === undefined ? { message: f.message } : { message: f.message, hint: f.hint }
}

/** Groups a result's findings by code into raw costs (share units), adding the synthetic ones. */
function codeCosts(r: ScoringResult): CodeCost[] {
  const byCode = new Map<string, CodeCost>()
  for (const f of r.findings) {
    const w = f.weight ?? SEVERITY_WEIGHT[f.severity]
    if (!(w > 0)) continue
    const c = byCode.get(f.code)
    if (c) {
      c.count++
      // The worst finding of a code sets its cost and the params it is shown with.
      if (w > c.raw) Object.assign(c, { raw: w, severity: f.severity, params: f.params, legacy: legacyWords(f) })
    } else {
      byCode.set(f.code, { checkId: r.checkId, code: f.code, severity: f.severity, count: 1, params: f.params, legacy: legacyWords(f), raw: w })
    }
  }
  const costs = [...byCode.values()]
  const check = { checkId: r.checkId }
  // Only a result without any such finding gets the synthetic cost: one whose findings are
  // charged nothing on purpose (a weight of 0, as metadata's reachability) is not charged after all.
  if (r.status === 'fail' && !r.findings.some((f) => f.severity === 'error')) {
    costs.push({ checkId: r.checkId, code: 'check-failed', severity: 'error', count: 1, params: check, raw: SEVERITY_WEIGHT.error })
  } else if (r.status === 'warn' && !r.findings.some((f) => f.severity !== 'info')) {
    costs.push({ checkId: r.checkId, code: 'check-warned', severity: 'warning', count: 1, params: check, raw: SEVERITY_WEIGHT.warning })
  }
  return costs
}

/**
 * Scores one distribution from the latest result of each of its checks (distribution-level
 * and dataset-level ones alike). Pure: same input, same output. Refuses nothing: results of
 * unknown dimensions are ignored.
 */
export function scoreDistribution(results: readonly ScoringResult[]): DistributionScore {
  const scores = { availability: null, freshness: null, format: null, conformance: null, metadata: null, total: null } as DimensionScores
  const dimReasons = new Map<Dimension, Omit<ScoreReason, 'totalPointsToGain'>[]>()
  for (const dim of DIMENSIONS) {
    const judging = results.filter((r) => r.dimension === dim && JUDGING.has(r.status))
    if (judging.length === 0) continue
    const share = 100 / judging.length
    let lost = 0
    const reasons: Omit<ScoreReason, 'totalPointsToGain'>[] = []
    for (const r of judging) {
      const costs = codeCosts(r)
      const sum = costs.reduce((a, c) => a + c.raw, 0)
      const checkLoss = Math.min(1, sum)
      lost += checkLoss * share
      for (const c of costs) {
        const pointsLost = sum > 0 ? (c.raw / sum) * checkLoss * share : 0
        // What this check would lose without this code: the difference is what fixing gives.
        const pointsToGain = (checkLoss - Math.min(1, sum - c.raw)) * share
        const reason: Omit<ScoreReason, 'totalPointsToGain'> = { dimension: dim, checkId: c.checkId, code: c.code, severity: c.severity, count: c.count, pointsLost, pointsToGain }
        if (c.params !== undefined) reason.params = c.params
        if (c.legacy) Object.assign(reason, c.legacy)
        reasons.push(reason)
      }
    }
    scores[dim] = Math.max(0, 100 - lost)
    dimReasons.set(dim, reasons)
  }
  const known = DIMENSIONS.filter((d) => scores[d] !== null)
  scores.total = known.length === 0 ? null : known.reduce((a, d) => a + (scores[d] as number), 0) / known.length
  const reasons: ScoreReason[] = []
  for (const [, rs] of dimReasons) for (const r of rs) reasons.push({ ...r, totalPointsToGain: r.pointsToGain / known.length })
  reasons.sort((a, b) => b.totalPointsToGain - a.totalPointsToGain || b.pointsLost - a.pointsLost || a.code.localeCompare(b.code))
  return { ...scores, reasons }
}

/** Rounds a score for storage and display (one decimal); null stays null. */
export function roundScore(v: number | null): number | null {
  return v === null ? null : Math.round(v * 10) / 10
}
