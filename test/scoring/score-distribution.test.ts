import { describe, expect, it } from 'vitest'
import { aggregateScores } from '../../src/scoring/aggregate-scores.js'
import { availabilityResult } from '../../src/scoring/availability-result.js'
import { scoreDistribution, type ScoringResult } from '../../src/scoring/score-distribution.js'
import { DIMENSIONS } from '../../src/scoring/scoring-version.js'

const f = (code: string, severity: 'error' | 'warning' | 'info' = 'error') => ({ code, severity, message: code })

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
  availabilityResult({ state: 'ok', code: 'ok', findings: [{ code: 'tls-expiring-soon', message: 'Certifikatet går ut om 5 dagar' }] }),
  { checkId: 'format', dimension: 'format', status: 'fail', findings: [f('format-mismatch'), f('size-mismatch', 'warning')] },
  { checkId: 'encoding', dimension: 'format', status: 'pass', findings: [f('bom', 'info')] },
  { checkId: 'csv-structure', dimension: 'conformance', status: 'fail', findings: [f('extra-cell'), f('extra-cell'), f('missing-cell'), f('blank-row'), f('duplicate-label', 'warning')] },
  { checkId: 'conformance', dimension: 'conformance', status: 'fail', findings: [] },
  { checkId: 'freshness', dimension: 'freshness', status: 'unverified', findings: [f('overdue')] },
  { checkId: 'metadata', dimension: 'metadata', status: 'warn', findings: [f('missing-license', 'warning'), f('missing-contact-point', 'warning')] },
]

describe('scoreDistribution', () => {
  it('gives unknown (null), not 0 or 100, when nothing could judge', () => {
    const s = scoreDistribution([{ checkId: 'x', dimension: 'format', status: 'skipped', findings: [] }, availabilityResult({ state: 'unknown', code: null, findings: [] })])
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
    expect(scoreDistribution([availabilityResult({ state: 'broken', code: 'http-404', findings: [] })]).availability).toBe(0)
    const degraded = scoreDistribution([availabilityResult({ state: 'degraded', code: 'timeout', findings: [] })])
    expect(degraded.availability).toBe(50)
    expect(degraded.reasons[0]).toMatchObject({ code: 'timeout', pointsLost: 50, pointsToGain: 50 })
    expect(scoreDistribution([availabilityResult({ state: 'ok', code: 'redirected', findings: [] })]).availability).toBe(100)
  })
})

describe('aggregateScores', () => {
  it('covers every part, the worst as much as the best, and skips unknowns per dimension', () => {
    const good = scoreDistribution([{ checkId: 'a', dimension: 'format', status: 'pass', findings: [] }, availabilityResult({ state: 'ok', code: 'ok', findings: [] })])
    const bad = scoreDistribution([{ checkId: 'a', dimension: 'format', status: 'fail', findings: [f('format-mismatch')] }, availabilityResult({ state: 'broken', code: 'http-404', findings: [] })])
    const unknown = scoreDistribution([])
    const agg = aggregateScores([good, bad, unknown])
    expect(agg.format).toBeCloseTo(75, 9)
    expect(agg.availability).toBeCloseTo(50, 9)
    expect(agg.total).toBeCloseTo((100 + 25) / 2, 9)
    expect(agg.conformance).toBeNull()
  })
})
