import type { Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import type { ScoreRollupTable } from '../db/tables/content.js'
import { SCORING_VERSION } from '../scoring/scoring-version.js'

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

/**
 * The rollup of one key at a level on the latest day rolled up for that level, under the
 * current scoring version; undefined when it has none that day (not scored, or gone).
 */
export async function getLatestRollup(db: Db, level: ScoreRollupTable['level'], key: string): Promise<RollupRow | undefined> {
  const day = await latestRollupDay(db, level)
  if (!day) return undefined
  return db
    .selectFrom('score_rollups')
    .selectAll()
    .where('level', '=', level)
    .where('key', '=', key)
    .where('day', '=', day)
    .where('scoring_version', '=', SCORING_VERSION)
    .executeTakeFirst()
}
