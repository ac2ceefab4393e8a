import { sql } from 'kysely'
import type { Db } from './database.js'
import { DatavaktError } from '../i18n/datavakt-error.js'

/**
 * The portable dump of a datavakt database (`datavakt export` / `datavakt import`): JSON
 * lines, the same on PGlite and PostgreSQL, so a data folder moves to PostgreSQL and back,
 * or over a PGlite version change, with nothing lost. The one home of the format:
 *
 *     ["datavakt-dump", {"format": 1, "migration": "<last migration run>", "tables": [...], "created": "<ISO>"}]
 *     ["table", "<name>", {"columns": ["<column>", ...]}]
 *     {"<column>": <value>, ...}                      one line per row, as PostgreSQL's row_to_json writes it
 *     ["end", "<name>", {"rows": <count>}]
 *     ["sequence", "<name>", {"value": <last value>, "called": <bool>}]
 *     ["end-of-dump", {"tables": <count>, "rows": <count>}]
 *
 * Rows are written and read by the database itself (row_to_json, json_populate_recordset):
 * times keep their microseconds, numbers their digits, JSON its exact form. A row line is a
 * JSON object and every other line a JSON array, so a row is never parsed in JavaScript.
 * The migration level says which schema the rows fit: an import brings the target to that
 * level first, loads, then runs the newer migrations.
 */

/** The dump format this code writes and reads. */
export const DUMP_FORMAT = 1

/** The header of a dump. */
export interface DumpHeader {
  format: number
  migration: string
  tables: string[]
  created: string
}

/** What is wrong with a dump or its target: the code names the words, the params the table and line. */
export class DumpError extends DatavaktError {
  override name = 'DumpError'
}

/** Kysely's own bookkeeping: recreated by the migrations, never dumped. */
const NOT_DUMPED = new Set(['kysely_migration', 'kysely_migration_lock'])

/**
 * The tables of the datavakt schema, parents before the tables that refer to them (so an
 * import never breaks a foreign key), a partitioned table once (its partitions are not
 * tables of their own here).
 */
export async function dumpTables(db: Db): Promise<string[]> {
  const { rows: tables } = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname`.execute(db)
  const { rows: refs } = await sql<{ child: string; parent: string }>`
    select c.relname as child, p.relname as parent
    from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = current_schema() and c.oid <> p.oid and not c.relispartition`.execute(db)
  const names = tables.map((t) => t.name).filter((n) => !NOT_DUMPED.has(n))
  const parents = new Map<string, Set<string>>(names.map((n) => [n, new Set()]))
  for (const r of refs) parents.get(r.child)?.add(r.parent)
  const ordered: string[] = []
  const placed = new Set<string>()
  const visit = (name: string, path: Set<string>) => {
    if (placed.has(name) || path.has(name)) return
    path.add(name)
    for (const p of [...(parents.get(name) ?? [])].sort()) if (parents.has(p)) visit(p, path)
    placed.add(name)
    ordered.push(name)
  }
  for (const n of names) visit(n, new Set())
  return ordered
}

/** A table's columns, in their order. */
export async function tableColumns(db: Db, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select a.attname as name from pg_attribute a
    where a.attrelid = (quote_ident(current_schema()) || '.' || quote_ident(${table}))::regclass
      and a.attnum > 0 and not a.attisdropped
    order by a.attnum`.execute(db)
  return rows.map((r) => r.name)
}

/** The sequences of the schema (the ids' counters), by name. */
export async function dumpSequences(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'S' order by c.relname`.execute(db)
  return rows.map((r) => r.name)
}

/** One line of a dump as a control line (a JSON array); null for a row line. */
export function controlLine(line: string, lineNo: number): [string, ...unknown[]] | null {
  if (line.startsWith('{')) return null
  try {
    const v: unknown = JSON.parse(line)
    if (Array.isArray(v) && typeof v[0] === 'string') return v as [string, ...unknown[]]
  } catch {
    // named below
  }
  throw new DumpError('dump.bad-line', { line: lineNo })
}
