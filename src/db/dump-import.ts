import { sql } from 'kysely'
import type { Db } from './database.js'
import { migrateTo, migrateToLatest, migrationLevels } from './migrate.js'
import { controlLine, DUMP_FORMAT, DumpError, dumpTables, tableColumns, type DumpHeader } from './dump-format.js'
import type { DumpProgress, DumpTotals } from './dump-export.js'

/** How an import treats a target that already holds data, and who hears of its progress. */
export interface ImportOptions {
  /** Empty every table of the target first; without it, a target with any row is refused. */
  replace?: boolean
  onProgress?: (p: DumpProgress) => void
}

/** Row lines inserted per statement (or fewer, when they add up to BATCH_CHARS). */
const BATCH_ROWS = 1_000
const BATCH_CHARS = 4 << 20
const PROGRESS_EVERY = 100_000

/** A line of the dump with its number (1-based), for errors that name it. */
interface Line {
  text: string
  no: number
}

/**
 * Loads a dump (src/db/dump-format.ts) into `db`: refuses a target that holds any row
 * unless `replace`; brings the schema to the dump's migration level, loads every table in
 * one transaction (all or nothing), sets the sequences, then runs the newer migrations.
 * A wrong line is a DumpError naming the table and the line.
 */
export async function importDatabase(db: Db, lines: AsyncIterable<string>, opts: ImportOptions = {}): Promise<DumpTotals> {
  const input = numbered(lines)
  const header = readHeader(await input.next())
  await prepareTarget(db, header, opts.replace === true)
  const totals: DumpTotals = { migration: header.migration, tables: 0, rows: 0 }
  await db.transaction().execute(async (trx) => {
    let table: { name: string; rows: number; batch: Line[]; chars: number } | null = null
    const flush = async () => {
      if (table && table.batch.length) await insertRows(trx, table.name, table.batch)
      if (table) table.batch = []
      if (table) table.chars = 0
    }
    for await (const line of input) {
      const control = controlLine(line.text, line.no)
      if (control === null) {
        if (!table) throw new DumpError('dump.bad-line', { line: line.no })
        table.batch.push(line)
        table.chars += line.text.length
        table.rows++
        if (table.batch.length >= BATCH_ROWS || table.chars >= BATCH_CHARS) await flush()
        if (table.rows % PROGRESS_EVERY === 0) opts.onProgress?.({ table: table.name, rows: table.rows, done: false })
        continue
      }
      const [kind, name, info] = control as [string, string, Record<string, unknown> | undefined]
      if (kind === 'table') {
        await checkColumns(trx, header, name, info?.columns, line.no)
        table = { name, rows: 0, batch: [], chars: 0 }
        opts.onProgress?.({ table: name, rows: 0, done: false })
      } else if (kind === 'end' && table && name === table.name) {
        await flush()
        if (Number(info?.rows) !== table.rows) throw new DumpError('dump.row-count', { table: name, line: line.no, expected: Number(info?.rows), found: table.rows })
        opts.onProgress?.({ table: name, rows: table.rows, done: true })
        totals.tables++
        totals.rows += table.rows
        table = null
      } else if (kind === 'sequence' && !table) {
        const s = info as { value: number; called: boolean }
        await sql`select setval(${name}::regclass, ${s.value}::bigint, ${s.called}::boolean)`.execute(trx)
      } else if (kind === 'end-of-dump' && !table) {
        return
      } else {
        throw new DumpError('dump.bad-line', { line: line.no })
      }
    }
    throw new DumpError('dump.truncated', { table: table?.name ?? '-' })
  })
  await migrateToLatest(db)
  return totals
}

/** The lines with their numbers. */
async function* numbered(lines: AsyncIterable<string>): AsyncGenerator<Line> {
  let no = 0
  for await (const text of lines) {
    no++
    if (text.length > 0) yield { text, no }
  }
}

/** The dump's first line as its header; refuses anything else and a format this code does not read. */
function readHeader(first: IteratorResult<Line>): DumpHeader {
  if (first.done) throw new DumpError('dump.not-a-dump', { line: 1 })
  const c = first.value.text.startsWith('[') ? controlLine(first.value.text, first.value.no) : null
  if (!c || c[0] !== 'datavakt-dump') throw new DumpError('dump.not-a-dump', { line: first.value.no })
  const h = c[1] as DumpHeader
  if (h.format !== DUMP_FORMAT) throw new DumpError('dump.format', { format: String(h.format), supported: DUMP_FORMAT })
  return h
}

/**
 * Refuses a target holding rows (naming the first such table) unless `replace`, which
 * empties it; then brings its schema to the dump's migration level, which this datavakt
 * must know (a dump of a newer datavakt is refused).
 */
async function prepareTarget(db: Db, header: DumpHeader, replace: boolean): Promise<void> {
  const levels = await migrationLevels(db)
  if (!levels.some((m) => m.name === header.migration)) throw new DumpError('dump.unknown-migration', { migration: header.migration })
  const tables = await dumpTables(db)
  for (const table of tables) {
    const { rows } = await sql<{ any: boolean }>`select exists (select 1 from ${sql.table(table)}) as any`.execute(db)
    if (!rows[0]?.any) continue
    if (!replace) throw new DumpError('dump.not-empty', { table })
    await sql`truncate table ${sql.join(tables.map((t) => sql.table(t)))} restart identity cascade`.execute(db)
    break
  }
  await migrateTo(db, header.migration)
}

/** A table's section must name a table of the target, with the very same columns. */
async function checkColumns(trx: Db, header: DumpHeader, table: string, columns: unknown, line: number): Promise<void> {
  const target = (await dumpTables(trx)).includes(table) ? await tableColumns(trx, table) : null
  if (!target || !header.tables.includes(table)) throw new DumpError('dump.unknown-table', { table, line })
  const given = Array.isArray(columns) ? columns.map(String) : []
  if (given.length !== target.length || given.some((c) => !target.includes(c))) throw new DumpError('dump.columns-differ', { table, line })
}

/**
 * Inserts row lines; the database parses them (json_populate_recordset), so values keep
 * their exact form. The lines are bound as text (see src/db/json.ts: postgres.js would
 * JSON-encode a json parameter again). When a batch fails, its rows are tried one by one to name the line.
 */
async function insertRows(trx: Db, table: string, batch: Line[]): Promise<void> {
  const insert = (rows: Line[]) =>
    sql`insert into ${sql.table(table)} select * from json_populate_recordset(null::${sql.table(table)}, cast(cast(${`[${rows.map((r) => r.text).join(',')}]`} as text) as json))`.execute(trx)
  const attempt = async (rows: Line[]): Promise<unknown> => {
    await sql`savepoint dump_rows`.execute(trx)
    try {
      await insert(rows)
      await sql`release savepoint dump_rows`.execute(trx)
      return null
    } catch (err) {
      await sql`rollback to savepoint dump_rows`.execute(trx)
      return err
    }
  }
  const failed = await attempt(batch)
  if (!failed) return
  for (const row of batch) {
    const err = await attempt([row])
    // The database's own words about the row: data for the operator, shown as they are.
    if (err) throw new DumpError('dump.bad-row', { table, line: row.no, reason: (err as Error).message }, { cause: err })
  }
  throw new DumpError('dump.bad-row', { table, line: batch[0]!.no, reason: (failed as Error).message }, { cause: failed })
}
