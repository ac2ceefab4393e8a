/**
 * The version of the scoring model. Every stored score and rollup names it, so a change
 * to the model (weights, what counts) never silently mixes with older numbers: bump it
 * whenever `score-distribution.ts` or `aggregate-scores.ts` would give a different number
 * for the same check results. Format: YYYY-MM.N.
 */
export const SCORING_VERSION = '2026-11.1'

/** The five dimensions, in display order. */
export const DIMENSIONS = ['availability', 'freshness', 'format', 'conformance', 'metadata'] as const
