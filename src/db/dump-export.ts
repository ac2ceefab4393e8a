import { sql } from 'kysely'
import type { Db } from './database.js'
import { migrationLevels } from './migrate.js'
import { DUMP_FORMAT, DumpError, dumpSequences, dumpTables, tableColumns, type DumpHeader } from './dump-format.js'

/** Progress of an export or an import: a table begun, rows so far, a table done. */
export interface DumpProgress {
  table: string
  rows: number
  done: boolean
}

/** What a whole export or import moved. */
export interface DumpTotals {
  migration: string
  tables: number
  rows: number
}

/** Rows fetched from the cursor at a time, and how often (in rows) progress is told within a table. */
const FETCH_ROWS = 2_000
const PROGRESS_EVERY = 100_000

/**
 * Writes the whole database as a dump (src/db/dump-format.ts) through `write`, in chunks of
 * whole lines (each ending in a newline). One read-only transaction at REPEATABLE READ: the
 * dump is one consistent moment even while workers write. Times are written in UTC.
 */
export async function exportDatabase(db: Db, write: (line: string) => Promise<void>, onProgress: (p: DumpProgress) => void = () => {}): Promise<DumpTotals> {
  const executed = (await migrationLevels(db)).filter((m) => m.executed)
  const migration = executed.at(-1)?.name
  if (!migration) throw new DumpError('dump.no-schema', {})
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`set transaction read only`.execute(trx)
      await sql`set local timezone = 'UTC'`.execute(trx)
      const tables = await dumpTables(trx)
      const header: DumpHeader = { format: DUMP_FORMAT, migration, tables, created: new Date().toISOString() }
      await write(`${JSON.stringify(['datavakt-dump', header])}\n`)
      let total = 0
      for (const table of tables) total += await exportTable(trx, table, write, onProgress)
      for (const name of await dumpSequences(trx)) {
        const { rows } = await sql<{ value: number; called: boolean }>`select last_value as value, is_called as called from ${sql.table(name)}`.execute(trx)
        await write(`${JSON.stringify(['sequence', name, { value: Number(rows[0]!.value), called: rows[0]!.called }])}\n`)
      }
      await write(`${JSON.stringify(['end-of-dump', { tables: tables.length, rows: total }])}\n`)
      return { migration, tables: tables.length, rows: total }
    })
}

/** One table's section: its columns, every row through a cursor, its row count. */
async function exportTable(trx: Db, table: string, write: (line: string) => Promise<void>, onProgress: (p: DumpProgress) => void): Promise<number> {
  await write(`${JSON.stringify(['table', table, { columns: await tableColumns(trx, table) }])}\n`)
  onProgress({ table, rows: 0, done: false })
  await sql`declare dump_rows no scroll cursor for select row_to_json(t)::text as j from ${sql.table(table)} t`.execute(trx)
  let n = 0
  for (;;) {
    const { rows } = await sql<{ j: string }>`fetch ${sql.raw(String(FETCH_ROWS))} from dump_rows`.execute(trx)
    if (rows.length === 0) break
    await write(rows.map((r) => `${r.j}\n`).join(''))
    const before = n
    n += rows.length
    if (Math.floor(n / PROGRESS_EVERY) > Math.floor(before / PROGRESS_EVERY)) onProgress({ table, rows: n, done: false })
  }
  await sql`close dump_rows`.execute(trx)
  await write(`${JSON.stringify(['end', table, { rows: n }])}\n`)
  onProgress({ table, rows: n, done: true })
  return n
}
