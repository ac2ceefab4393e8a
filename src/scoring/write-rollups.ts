import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { json } from '../db/json.js'
import type { ScoreRollupTable } from '../db/tables/content.js'
import { roundScore } from './score-distribution.js'
import type { RegionScoring, ScoredNode } from './score-region.js'
import { SCORING_VERSION } from './scoring-version.js'

/** Rows per insert statement. */
export const CHUNK = 300

/** What a scoring pass did. */
export interface ScoreSummary {
  scoringVersion: string
  /** The UTC day whose rollups were written. */
  day: string
  asOf: string
  distributions: number
  /** Distributions with at least one known dimension. */
  scoredDistributions: number
  datasets: number
  organisations: number
  rollupRows: number
  /** The region's total, rounded; null when nothing could be scored. */
  regionTotal: number | null
}

/** Writes the rollups of `day` for a scoring made as of `asOf`, and says what the pass did. */
export async function writeDay(db: Db, scoring: RegionScoring, day: string, asOf: Date): Promise<ScoreSummary> {
  const rollupRows = await writeRollups(db, scoring, day)
  return {
    scoringVersion: SCORING_VERSION,
    day,
    asOf: asOf.toISOString(),
    distributions: scoring.distributions.length,
    scoredDistributions: scoring.distributions.filter((d) => d.score.total !== null).length,
    datasets: scoring.datasets.length,
    organisations: scoring.organisations.length,
    rollupRows,
    regionTotal: roundScore(scoring.region.score.total),
  }
}

/** What an upsert of a score row sets from the new row: each dimension and the total. */
export function excludedScores() {
  return {
    availability: sql.ref<number | null>('excluded.availability'),
    freshness: sql.ref<number | null>('excluded.freshness'),
    format: sql.ref<number | null>('excluded.format'),
    conformance: sql.ref<number | null>('excluded.conformance'),
    metadata: sql.ref<number | null>('excluded.metadata'),
    total: sql.ref<number | null>('excluded.total'),
  }
}

/**
 * Upserts the rollup rows of one day for every level of a scoring: one row per
 * (level, key, day, scoring version), so writing the same day twice leaves the same rows.
 * Returns how many rows were written.
 */
export async function writeRollups(db: Db, scoring: RegionScoring, day: string): Promise<number> {
  const rows: { level: ScoreRollupTable['level']; node: ScoredNode }[] = [
    ...scoring.distributions.map((node) => ({ level: 'distribution' as const, node })),
    ...scoring.datasets.map((node) => ({ level: 'dataset' as const, node })),
    ...scoring.organisations.map((node) => ({ level: 'organisation' as const, node })),
    { level: 'region' as const, node: scoring.region },
  ]
  const computedAt = new Date()
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('score_rollups')
      .values(
        rows.slice(i, i + CHUNK).map(({ level, node }) => ({
          level,
          key: node.key,
          day,
          scoring_version: SCORING_VERSION,
          parent: node.parent,
          availability: roundScore(node.score.availability),
          freshness: roundScore(node.score.freshness),
          format: roundScore(node.score.format),
          conformance: roundScore(node.score.conformance),
          metadata: roundScore(node.score.metadata),
          total: roundScore(node.score.total),
          counts: json(node.counts),
          computed_at: computedAt,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['level', 'key', 'day', 'scoring_version']).doUpdateSet({
          parent: sql.ref('excluded.parent'),
          ...excludedScores(),
          counts: sql.ref('excluded.counts'),
          computed_at: sql.ref('excluded.computed_at'),
        }),
      )
      .execute()
  }
  return rows.length
}

/** The UTC day (YYYY-MM-DD) of a moment. */
export function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10)
}
