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
  return day ? rollupsOfDay(db, level, day).where('r.key', '=', key).executeTakeFirst() : undefined
}

/**
 * The rollups of a level on one day under the current scoring version, worst total first
 * (unknown totals last), then by key: a query to narrow further (a parent) or join names to.
 */
export function rollupsOfDay(db: Db, level: ScoreRollupTable['level'], day: string) {
  return db
    .selectFrom('score_rollups as r')
    .selectAll('r')
    .where('r.level', '=', level)
    .where('r.day', '=', day)
    .where('r.scoring_version', '=', SCORING_VERSION)
    .orderBy((eb) => eb.ref('r.total'), (ob) => ob.asc().nullsLast())
    .orderBy('r.key')
}
