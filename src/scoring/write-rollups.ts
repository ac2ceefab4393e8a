import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { json } from '../db/json.js'
import type { ScoreRollupTable } from '../db/tables/content.js'
import { roundScore } from './score-distribution.js'
import type { RegionScoring, ScoredNode } from './score-region.js'
import { SCORING_VERSION } from './scoring-version.js'

const CHUNK = 300

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
          availability: sql.ref('excluded.availability'),
          freshness: sql.ref('excluded.freshness'),
          format: sql.ref('excluded.format'),
          conformance: sql.ref('excluded.conformance'),
          metadata: sql.ref('excluded.metadata'),
          total: sql.ref('excluded.total'),
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
