import { sql } from 'kysely'
import type { Db } from './database.js'
import type { DatabaseKind } from './open-database.js'

/**
 * Upkeep PostgreSQL's autovacuum does on its own, done by hand where there is none.
 * Embedded PGlite runs PostgreSQL in this process, alone (single-user): no autovacuum
 * process ever runs there. Without this, nothing gathers the planner's statistics (every
 * plan is made on guesses) and nothing reclaims the dead rows that each probe's update of
 * a distribution's state and next check leaves behind, so an embedded install that runs
 * for years would read ever more dead rows. `VACUUM (ANALYZE)` of the whole database does
 * both; on a region's database (tens of thousands of rows) it takes a second or two, and
 * it runs after each harvest (scheduled, or `datavakt harvest`) and with the daily
 * retention job. On PostgreSQL it does nothing: autovacuum is there (docs/operations.md
 * says how to tune it).
 */
export async function keepUpEmbedded(db: Db, kind: DatabaseKind): Promise<boolean> {
  if (kind !== 'pglite') return false
  await sql`vacuum (analyze)`.execute(db)
  return true
}
