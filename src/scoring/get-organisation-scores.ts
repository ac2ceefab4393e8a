import type { Db } from '../db/database.js'
import { latestRollupDay, type RollupRow } from './rollup-row.js'
import { SCORING_VERSION } from './scoring-version.js'

/**
 * Every organisation's rollup for a day (default: the latest day rolled up), worst total
 * first (unknown totals last), under the current scoring version. Empty when none.
 */
export async function getOrganisationScores(db: Db, day?: string): Promise<RollupRow[]> {
  const d = day ?? (await latestRollupDay(db, 'organisation'))
  if (!d) return []
  return db
    .selectFrom('score_rollups')
    .selectAll()
    .where('level', '=', 'organisation')
    .where('day', '=', d)
    .where('scoring_version', '=', SCORING_VERSION)
    .orderBy((eb) => eb.ref('total'), (ob) => ob.asc().nullsLast())
    .orderBy('key')
    .execute()
}
