import { sql } from 'kysely'
import type { Db } from './database.js'

/**
 * The database's read generation (migration 0018-read-generation): a number that moves
 * whenever a statement writes anything a public read shows. Equal numbers mean nothing
 * such was written in between, except by a transaction not yet committed when it was read
 * (the sequence moves at the write, the data shows at the commit).
 */
export async function readGeneration(db: Db): Promise<string> {
  const { rows } = await sql<{ n: string }>`select last_value::text as n from read_generation`.execute(db)
  return rows[0]!.n
}
