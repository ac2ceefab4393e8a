import type { Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import type { ScoreRollupTable } from '../db/tables/content.js'
import { SCORING_VERSION } from './scoring-version.js'

/** A rollup row as dashboards read it. */
export type RollupRow = Selectable<ScoreRollupTable>

/** The latest day with rollups of a level under the current scoring version, or null. */
export async function latestRollupDay(db: Db, level: ScoreRollupTable['level']): Promise<string | null> {
  const row = await db
    .selectFrom('score_rollups')
    .select((eb) => eb.fn.max('day').as('day'))
    .where('level', '=', level)
    .where('scoring_version', '=', SCORING_VERSION)
    .executeTakeFirst()
  return (row?.day as string | null | undefined) ?? null
}
