import type { Db } from '../db/database.js'
import { latestRollupDay, type RollupRow } from './rollup-row.js'
import { SCORING_VERSION } from './scoring-version.js'

/**
 * The rollups of one organisation's datasets for a day (default: the latest day rolled up),
 * worst total first, under the current scoring version. Empty when none.
 */
export async function getDatasetScores(db: Db, organisationIri: string, day?: string): Promise<RollupRow[]> {
  const d = day ?? (await latestRollupDay(db, 'dataset'))
  if (!d) return []
  return db
    .selectFrom('score_rollups')
    .selectAll()
    .where('level', '=', 'dataset')
    .where('parent', '=', organisationIri)
    .where('day', '=', d)
    .where('scoring_version', '=', SCORING_VERSION)
    .orderBy((eb) => eb.ref('total'), (ob) => ob.asc().nullsLast())
    .orderBy('key')
    .execute()
}
