import type { Db } from '../db/database.js'
import { latestRollupDay, type RollupRow } from './rollup-row.js'
import { DEFAULT_REGION } from '../scoring/score-region.js'
import { SCORING_VERSION } from '../scoring/scoring-version.js'

/** The region's rollup for a day (default: the latest day rolled up), or undefined. */
export async function getRegionScore(db: Db, day?: string, regionId: string = DEFAULT_REGION): Promise<RollupRow | undefined> {
  const d = day ?? (await latestRollupDay(db, 'region'))
  if (!d) return undefined
  return db
    .selectFrom('score_rollups')
    .selectAll()
    .where('level', '=', 'region')
    .where('key', '=', regionId)
    .where('day', '=', d)
    .where('scoring_version', '=', SCORING_VERSION)
    .executeTakeFirst()
}
