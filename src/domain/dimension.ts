/** The five dimensions of a score, in display order. Stored: only ever add values. */
export const DIMENSIONS = ['availability', 'freshness', 'format', 'conformance', 'metadata'] as const

/** One dimension of a score. */
export type Dimension = (typeof DIMENSIONS)[number]
