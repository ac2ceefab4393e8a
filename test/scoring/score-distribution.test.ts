import { describe, expect, it } from 'vitest'
import { aggregateScores } from '../../src/scoring/aggregate-scores.js'
import type { ProbeSummary } from '../../checks/types.js'
import { DIMENSIONS } from '../../src/domain/dimension.js'
import { availabilityResult } from '../../src/scoring/availability-result.js'
import { scoreDistribution, type ScoringResult } from '../../src/scoring/score-distribution.js'

const f = (code: string, severity: 'error' | 'warning' | 'info' = 'error') => ({ code, severity })

/** A probe summary in `state` after a probe with `code`. */
function probe(state: ProbeSummary['state'], code: string, findings: ProbeSummary['findings'] = []): ProbeSummary {
  const outcome = state === 'ok' ? 'ok' : state === 'unknown' ? 'unverified' : 'failing'
  const failing = state === 'degraded' || state === 'broken'
  return {
    outcome, code, httpStatus: null, finalUrl: null, contentType: null, contentLength: null, etag: null, lastModified: null,
    at: '2026-10-02T10:00:00.000Z', state, consecutiveFailures: failing ? 3 : 0, failingSince: failing ? '2026-10-01T10:00:00.000Z' : null, findings, tlsDaysLeft: null,
  }
}

/**
 * Re-scores with every finding of one code of one check removed: what the check would say
 * once the publisher fixed that problem (its status then follows the findings left).
 */
function withoutCode(results: ScoringResult[], checkId: string, code: string): ScoringResult[] {
  return results.map((r) => {
    if (r.checkId !== checkId) return r
    const findings = r.findings.filter((x) => x.code !== code)
    const status = findings.some((x) => x.severity === 'error') ? 'fail' : findings.some((x) => x.severity === 'warning') ? 'warn' : 'pass'
    return { ...r, findings, status }
  })
}

const sample: ScoringResult[] = [
  availabilityResult(probe('ok', 'ok', [{ code: 'tls-expiring-soon', params: { days: 5 } }])),
  { checkId: 'format', dimension: 'format', status: 'fail', findings: [f('format-mismatch'), f('size-mismatch', 'warning')] },
  { checkId: 'encoding', dimension: 'format', status: 'pass', findings: [f('bom', 'info')] },
  { checkId: 'csv-structure', dimension: 'conformance', status: 'fail', findings: [f('extra-cell'), f('extra-cell'), f('missing-cell'), f('blank-row'), f('duplicate-label', 'warning')] },
  { checkId: 'conformance', dimension: 'conformance', status: 'fail', findings: [] },
  { checkId: 'freshness', dimension: 'freshness', status: 'unverified', findings: [f('overdue')] },
  { checkId: 'metadata', dimension: 'metadata', status: 'warn', findings: [f('missing-license', 'warning'), f('missing-contact-point', 'warning')] },
]

describe('scoreDistribution', () => {
  it('gives unknown (null), not 0 or 100, when nothing could judge', () => {
    const s = scoreDistribution([{ checkId: 'x', dimension: 'format', status: 'skipped', findings: [] }, availabilityResult(probe('unknown', 'rate-limited'))])
    for (const d of DIMENSIONS) expect(s[d]).toBeNull()
    expect(s.total).toBeNull()
    expect(s.reasons).toEqual([])
  })

  it('leaves unverified and skipped results out of the denominator', () => {
    const s = scoreDistribution([
      { checkId: 'a', dimension: 'format', status: 'pass', findings: [] },
      { checkId: 'b', dimension: 'format', status: 'unverified', findings: [f('x')] },
      { checkId: 'c', dimension: 'format', status: 'skipped', findings: [f('y')] },
    ])
    expect(s.format).toBe(100)
    expect(s.total).toBe(100)
  })

  it('explains every lost point: pointsLost sums to 100 − score, per dimension and for the total', () => {
    const s = scoreDistribution(sample)
    expect(s.freshness).toBeNull()
    for (const d of DIMENSIONS) {
      if (s[d] === null) continue
      const lost = s.reasons.filter((r) => r.dimension === d).reduce((a, r) => a + r.pointsLost, 0)
      expect(lost).toBeCloseTo(100 - (s[d] as number), 9)
    }
    const known = DIMENSIONS.filter((d) => s[d] !== null).length
    const totalLost = s.reasons.reduce((a, r) => a + r.pointsLost, 0) / known
    expect(totalLost).toBeCloseTo(100 - (s.total as number), 9)
    // Concrete numbers of the model (see score-distribution.ts): format has two checks (50
    // each); format-mismatch costs 0.5 and size-mismatch 0.1 of its 50.
    expect(s.format).toBeCloseTo(100 - 0.6 * 50, 9)
    expect(s.availability).toBeCloseTo(90, 9)
    expect(s.metadata).toBeCloseTo(80, 9)
    // csv-structure: 3 error codes + a warning exceed its share, so it loses all its 50;
    // conformance failed without an error finding: check-failed costs half of its 50.
    expect(s.conformance).toBeCloseTo(25, 9)
    expect(s.reasons.find((r) => r.code === 'extra-cell')?.count).toBe(2)
    expect(s.reasons.some((r) => r.code === 'bom')).toBe(false)
    expect(s.reasons.find((r) => r.code === 'check-failed')?.checkId).toBe('conformance')
  })

  it('says truly what fixing each reason alone would give back (re-scored without it)', () => {
    const s = scoreDistribution(sample)
    expect(s.reasons.length).toBeGreaterThan(5)
    for (const r of s.reasons) {
      const fixed = scoreDistribution(withoutCode(sample, r.checkId, r.code))
      expect((fixed[r.dimension] as number) - (s[r.dimension] as number)).toBeCloseTo(r.pointsToGain, 9)
      expect((fixed.total as number) - (s.total as number)).toBeCloseTo(r.totalPointsToGain, 9)
    }
    // Reasons come worst first, by what fixing them gives the total.
    const gains = s.reasons.map((r) => r.totalPointsToGain)
    expect([...gains].sort((a, b) => b - a)).toEqual(gains)
    // csv-structure's errors exceed its share: fixing just one of them gives nothing back yet.
    expect(s.reasons.find((r) => r.code === 'missing-cell')?.pointsToGain).toBe(0)
    expect(s.reasons.find((r) => r.code === 'missing-cell')?.pointsLost).toBeGreaterThan(0)
  })

  it('scores availability from the state: broken 0, degraded 50, ok 100', () => {
    const broken = scoreDistribution([availabilityResult(probe('broken', 'http-404'))])
    expect(broken.availability).toBe(0)
    expect(broken.reasons[0]).toMatchObject({ code: 'availability-broken', severity: 'error', params: { probeCode: 'http-404', failures: 3, since: '2026-10-01' } })
    const degraded = scoreDistribution([availabilityResult(probe('degraded', 'timeout'))])
    expect(degraded.availability).toBe(50)
    expect(degraded.reasons[0]).toMatchObject({ code: 'availability-degraded', params: { probeCode: 'timeout' }, pointsLost: 50, pointsToGain: 50 })
    expect(scoreDistribution([availabilityResult(probe('ok', 'redirected'))]).availability).toBe(100)
    // A broken file whose latest probe could not tell (rate-limited) stays broken.
    expect(scoreDistribution([availabilityResult(probe('broken', 'rate-limited'))]).availability).toBe(0)
  })

  it('keeps the worst finding\'s params on a reason and the checked check on a check-failed one, never words', () => {
    const s = scoreDistribution([
      { checkId: 'csv-structure', dimension: 'conformance', status: 'fail', findings: [{ code: 'extra-cell', severity: 'warning', params: { row: 2 } }, { code: 'extra-cell', severity: 'error', params: { row: 5 } }] },
      { checkId: 'conformance', dimension: 'conformance', status: 'fail', findings: [] },
    ])
    expect(s.reasons.find((r) => r.code === 'extra-cell')).toMatchObject({ count: 2, severity: 'error', params: { row: 5 } })
    expect(s.reasons.find((r) => r.code === 'check-failed')).toMatchObject({ checkId: 'conformance', params: { checkId: 'conformance' } })
    for (const r of s.reasons) expect(Object.keys(r)).not.toContain('message')
    // A finding stored before the catalogue (words, no params) keeps its words on the reason.
    const old = scoreDistribution([{ checkId: 'encoding', dimension: 'format', status: 'fail', findings: [{ code: 'encoding-error', severity: 'error', message: 'Inte UTF-8.', hint: 'Spara som UTF-8.' }] }])
    expect(old.reasons[0]).toMatchObject({ code: 'encoding-error', message: 'Inte UTF-8.', hint: 'Spara som UTF-8.' })
    expect(old.reasons[0]!.params).toBeUndefined()
  })
})

describe('aggregateScores', () => {
  it('covers every part, the worst as much as the best, and skips unknowns per dimension', () => {
    const good = scoreDistribution([{ checkId: 'a', dimension: 'format', status: 'pass', findings: [] }, availabilityResult(probe('ok', 'ok'))])
    const bad = scoreDistribution([{ checkId: 'a', dimension: 'format', status: 'fail', findings: [f('format-mismatch')] }, availabilityResult(probe('broken', 'http-404'))])
    const unknown = scoreDistribution([])
    const agg = aggregateScores([good, bad, unknown])
    expect(agg.format).toBeCloseTo(75, 9)
    expect(agg.availability).toBeCloseTo(50, 9)
    expect(agg.total).toBeCloseTo((100 + 25) / 2, 9)
    expect(agg.conformance).toBeNull()
  })
})
