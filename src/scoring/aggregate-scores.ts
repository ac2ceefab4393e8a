import { DIMENSIONS } from '../domain/dimension.js'
import type { DimensionScores } from './score-distribution.js'

/**
 * The score of a whole (dataset, organisation, region) from its parts: each dimension is
 * the plain average of the parts where it is known, and the total is the average of the
 * parts' totals. Every part counts, the worst as much as the best (as MQA does for a
 * dataset's distributions). Unknown parts (null) are left out; no known part gives null.
 */
export function aggregateScores(parts: readonly DimensionScores[]): DimensionScores {
  const out = { total: mean(parts.map((p) => p.total)) } as DimensionScores
  for (const d of DIMENSIONS) out[d] = mean(parts.map((p) => p[d]))
  return out
}

function mean(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null)
  return known.length === 0 ? null : known.reduce((a, v) => a + v, 0) / known.length
}
