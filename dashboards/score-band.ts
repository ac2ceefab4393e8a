/**
 * The one set of score bands, shared by the page chips (score-chip.tsx) and the badges
 * (badge.ts), so a score has the same band wherever it is shown.
 */
/** The band a 0–100 score falls in; `none` when not scored (not scored is not zero). */
export type ScoreBand = 'top' | 'good' | 'fair' | 'poor' | 'bad' | 'none'

export function scoreBand(score: number | null): ScoreBand {
  if (score === null) return 'none'
  if (score >= 90) return 'top'
  if (score >= 75) return 'good'
  if (score >= 50) return 'fair'
  if (score >= 25) return 'poor'
  return 'bad'
}
