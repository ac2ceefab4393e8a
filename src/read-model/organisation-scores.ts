import type { Db } from '../db/database.js'
import type { LangText } from '../domain/lang-text.js'
import { latestRollupDay, type RollupRow } from './rollup-row.js'
import { SCORING_VERSION } from '../scoring/scoring-version.js'

/** An organisation's rollup with its name (null when the organisation is not harvested). */
export type OrganisationScoreRow = RollupRow & { name: LangText | null }

/**
 * Every organisation's rollup for a day (default: the latest day rolled up), worst total
 * first (unknown totals last), under the current scoring version, with the organisation's
 * name. Empty when none.
 */
export async function getOrganisationScores(db: Db, day?: string): Promise<OrganisationScoreRow[]> {
  const d = day ?? (await latestRollupDay(db, 'organisation'))
  if (!d) return []
  return db
    .selectFrom('score_rollups as r')
    .leftJoin('organisations as o', 'o.iri', 'r.key')
    .selectAll('r')
    .select('o.name')
    .where('r.level', '=', 'organisation')
    .where('r.day', '=', d)
    .where('r.scoring_version', '=', SCORING_VERSION)
    .orderBy((eb) => eb.ref('r.total'), (ob) => ob.asc().nullsLast())
    .orderBy('r.key')
    .execute()
}
