import type { Db } from '../db/database.js'
import type { ScoreRollupTable } from '../db/tables/content.js'
import type { RollupRow } from './rollup-row.js'
import { SCORING_VERSION } from '../scoring/scoring-version.js'

/**
 * The daily rollups of one distribution, dataset, organisation or region over the last
 * `days` days up to `until` (default today, UTC), oldest first, under the current scoring
 * version. Days without a rollup are simply absent. Reads one index range: a year is 365
 * rows. Refuses (RangeError) a non-positive or absurd `days`.
 */
export async function getTrend(
  db: Db,
  level: ScoreRollupTable['level'],
  key: string,
  days: number,
  until: Date = new Date(),
): Promise<RollupRow[]> {
  if (!Number.isInteger(days) || days < 1 || days > 3660) throw new RangeError(`days must be 1..3660, got ${days}`)
  const last = until.toISOString().slice(0, 10)
  const first = new Date(Date.parse(`${last}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10)
  return db
    .selectFrom('score_rollups')
    .selectAll()
    .where((eb) => eb.and({ level, key, scoring_version: SCORING_VERSION }))
    .where((eb) => eb.between('day', first, last))
    .orderBy('day')
    .execute()
}
