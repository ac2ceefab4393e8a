import type { Db } from '../db/database.js'
import type { LangText } from '../domain/lang-text.js'
import { latestRollupDay, rollupsOfDay, type RollupRow } from './rollup-row.js'

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
  return rollupsOfDay(db, 'organisation', d).leftJoin('organisations as o', 'o.iri', 'r.key').select('o.name').execute()
}
