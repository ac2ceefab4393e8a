/**
 * The one tabular validator: streams CSV bytes through csv-parse and checks structure
 * (labels, cell counts, blank rows, quoting) and, given a compiled Table Schema, types,
 * constraints, uniqueness, primary and self-referencing foreign keys, with Frictionless's
 * error names and numbering (header = row 1, fields from 1). csv-structure, conformance
 * and `datavakt validate` all call this; CSVW schemas are mapped onto Table Schema first,
 * so there is no second validator.
 *
 * The file is read as Frictionless reads it: the dialect sniffed as its sniffer does
 * (csv-sniffer.ts), the header row found among the first rows by their width (rows above
 * it are skipped), and without a schema, when asked, the columns' types inferred from
 * those rows (infer-fields.ts). Those first rows (at most 100, at most 1 MiB) are held
 * until then.
 *
 * Memory stays flat: rows are checked as they are parsed and dropped. Only what
 * uniqueness and keys need is kept (one entry per distinct value of a unique field).
 * It stops after `errorLimit` errors and says so (`limitReached`, a warning), never silently.
 */
import { HEADER_SAMPLE_ROWS, headerRowOf, type CsvDialect } from '../csv-dialect.js'
import { DEFAULT_BUDGETS } from '../../src/domain/budgets.js'
import { checkHeader } from './check-header.js'
import { inferFields } from './infer-fields.js'
import type { CompiledTableSchema } from './compile-table-schema.js'
import { createCsvParser, OVER_BUDGET, readDialect, toBuffer, type CsvParser } from './csv-reader.js'
import { RowChecks } from './row-checks.js'
import type { TableError } from './table-error.js'

export interface ValidateTableOptions {
  /** Without a schema only structure is checked; field names come from the header. */
  schema?: CompiledTableSchema | null
  /** Sniffed from the first 64 KiB when absent. */
  dialect?: Partial<CsvDialect>
  /** How to decode the bytes; the encoding check decides. Default utf-8. */
  encoding?: 'utf-8' | 'windows-1252'
  /** Stop after this many errors. */
  errorLimit: number
  /** Longest record (so any one field) read, in bytes; longer → `field-too-long`, checking stops. Budget `fieldBytes`. */
  maxRecordBytes?: number
  /** Widest header checked; wider → `too-many-columns`, checking stops. Budget `columns`. */
  maxColumns?: number
  /** Without a schema, infer the columns' types from the first rows (infer-fields.ts) and report type errors against them. */
  inferTypes?: boolean
}

export interface TableStats {
  /** Data rows read (the header not counted), as Frictionless counts. */
  rows: number
  fields: number
  errors: number
  bytes: number
  seconds: number
}

export interface TableReport {
  valid: boolean
  errors: TableError[]
  stats: TableStats
  dialect: CsvDialect
  labels: string[]
  /** The header's row (from 1); rows above it (a title, a comment line) are not part of the table. 0 without a header. */
  headerRow: number
  /** True when checking stopped at the error limit. */
  limitReached: boolean
  /** Notes for people, in English, as Frictionless's report warnings. */
  warnings: string[]
}

/** What one run of validateTable keeps while rows stream by. */
interface TableRun {
  errors: TableError[]
  /** Row number of the last record read (the header is row 1 when there is one). */
  rowNumber: number
  dataRows: number
  labels: string[]
  /** The checks for the header's fields; null until the header was read. */
  rows: RowChecks | null
  stopped: boolean
  overBudget: boolean
  bytes: number
  /** The first records, held until the header row is found among them (null once it is, or when it is known). */
  sample: SampleEntry[] | null
  headerRow: number
}

/** A record of the sample, or one the parser could not read (it still takes a row). */
type SampleEntry = string[] | { line: number | undefined; note: string }

/**
 * Validates a CSV byte stream (see module comment). Resolves with a report; bad data is
 * never an exception. Throws only when the stream itself fails.
 */
export async function validateTable(source: AsyncIterable<Uint8Array>, opts: ValidateTableOptions): Promise<TableReport> {
  const started = performance.now()
  const schema = opts.schema ?? null
  const errorLimit = Math.max(1, opts.errorLimit)
  const maxRecordBytes = opts.maxRecordBytes ?? DEFAULT_BUDGETS.fieldBytes
  const maxColumns = opts.maxColumns ?? DEFAULT_BUDGETS.columns
  const iterator = source[Symbol.asyncIterator]()
  const head = await readDialect(iterator, opts.dialect, opts.encoding)
  const dialect = head.dialect
  const run: TableRun = { errors: [], rowNumber: 0, dataRows: 0, labels: [], rows: null, stopped: false, overBudget: false, bytes: 0, sample: null, headerRow: 0 }
  // Without a header row, the fields are known (none, so every cell is extra) before any record.
  if (!dialect.header) run.rows = new RowChecks([], schema)
  // The header row and the inferred types are found from the first rows, so those are held until then.
  else if (head.detectHeaderRow || (opts.inferTypes && !schema)) run.sample = []
  const sink = rowSink(run, { ...opts, schema, errorLimit, maxColumns, detectHeaderRow: head.detectHeaderRow })
  const parser = createCsvParser(dialect, opts.encoding, maxRecordBytes, {
    onRecord: sink.onRecord,
    onTooLong: (line) => run.errors.push({ type: 'field-too-long', rowNumber: run.rowNumber + (run.sample?.length ?? 0) + 1, line, note: String(maxRecordBytes) }),
    onUnparsable: sink.onUnparsable,
  })
  try {
    await feedAll(run, parser, iterator, head, errorLimit)
  } finally {
    if (!head.sourceDone) await iterator.return?.()
  }
  // A file shorter than the sample: its rows are all held still.
  try {
    if (run.sample) {
      sink.flushSample()
      if (run.errors.length >= errorLimit) run.stopped = true
    }
  } catch (err) {
    if (err !== OVER_BUDGET) throw err
    run.stopped = run.overBudget = true
  }
  return report(run, schema, dialect, errorLimit, started)
}

/** At most this much text is held in the sample, whatever its rows: a hostile file cannot make it large. */
const SAMPLE_CHARS = 1 << 20

/** A sample entry's width, as Python's csv reader gives it (an empty line has no cells). */
const widthOf = (e: SampleEntry): number => (!Array.isArray(e) ? 0 : e.length === 1 && e[0] === '' ? 0 : e.length)

/**
 * What happens to each record: held in the sample until the header row is known, then
 * (in order) skipped when above the header, read as the header, or checked as a row.
 */
function rowSink(run: TableRun, opts: { schema: CompiledTableSchema | null; errorLimit: number; maxColumns: number; inferTypes?: boolean; detectHeaderRow: boolean }) {
  const { schema, errorLimit, maxColumns } = opts
  const errors = run.errors
  let sampleChars = 0
  const takeHeader = (cells: string[], fragment: readonly string[][]) => {
    if (cells.length > maxColumns) {
      errors.push({ type: 'too-many-columns', rowNumber: run.rowNumber, note: String(maxColumns) })
      throw OVER_BUDGET
    }
    // Frictionless strips the labels' surrounding blanks.
    const labels = cells.map((c) => c.trim())
    run.labels = labels
    run.headerRow = run.rowNumber
    const header = checkHeader(labels, schema, run.rowNumber, errorLimit)
    for (const e of header.errors) errors.push(e)
    const fields = !schema && opts.inferTypes ? inferFields(header.expected.map((f) => f.name), fragment) : header.expected
    run.rows = new RowChecks(fields, schema)
  }
  const hold = (entry: SampleEntry) => {
    run.sample!.push(entry)
    if (Array.isArray(entry)) for (const c of entry) sampleChars += c.length
    if (run.sample!.length >= HEADER_SAMPLE_ROWS || sampleChars > SAMPLE_CHARS) flushSample()
  }
  const onRecord = (cells: string[]) => {
    if (run.sample) return hold(cells)
    run.rowNumber++
    if (run.rows) {
      run.dataRows++
      run.rows.check(cells, run.rowNumber, errors)
    } else takeHeader(cells, [])
  }
  const onUnparsable = (line: number | undefined, note: string) => {
    if (run.sample) return hold({ line, note })
    // The record is lost to the parser, but it still occupies a row.
    run.rowNumber++
    errors.push({ type: 'format-error', line, note })
  }
  const flushSample = () => {
    const sample = run.sample!
    run.sample = null
    const headerAt = opts.detectHeaderRow ? headerRowOf(sample.map(widthOf)) : 1
    // An empty line has no cells at all in Python's reader, so it counts for every type.
    const fragment = sample.slice(headerAt).filter((e): e is string[] => Array.isArray(e)).map((e) => (widthOf(e) === 0 ? [] : e))
    sample.forEach((entry, i) => {
      if (!Array.isArray(entry)) onUnparsable(entry.line, entry.note)
      else if (i + 1 < headerAt) run.rowNumber++
      else if (i + 1 === headerAt && !run.rows) {
        run.rowNumber++
        takeHeader(entry, fragment)
      } else onRecord(entry)
    })
  }
  return { onRecord, onUnparsable, flushSample }
}

/** Feeds the sniffed head and then the rest of the stream to the parser, until the end, the error limit or a budget. */
async function feedAll(run: TableRun, parser: CsvParser, iterator: AsyncIterator<Uint8Array>, head: { pending: Buffer[]; sourceDone: boolean }, errorLimit: number): Promise<void> {
  const feed = (buf: Buffer | undefined, end: boolean) => {
    const outcome = parser.feed(buf, end)
    if (outcome === 'over-budget') {
      run.stopped = true
      run.overBudget = true
    } else if (outcome) {
      // Only errors skip_records_with_error does not cover land here.
      run.rowNumber++
      run.errors.push(outcome)
      run.stopped = true
    }
    if (run.errors.length >= errorLimit) run.stopped = true
  }
  const feedRaw = (b: Buffer) => {
    run.bytes += b.length
    feed(parser.decode(b), false)
  }
  for (const b of head.pending) {
    if (run.stopped) break
    feedRaw(b)
  }
  head.pending.length = 0
  while (!head.sourceDone && !run.stopped) {
    const r = await iterator.next()
    if (r.done) head.sourceDone = true
    else feedRaw(toBuffer(r.value))
  }
  if (run.stopped) return
  const rest = parser.decodeEnd()
  if (rest) feed(rest, false)
  feed(undefined, true)
}

/** The report of a finished run: foreign keys judged, errors in row order and capped at the limit. */
function report(run: TableRun, schema: CompiledTableSchema | null, dialect: CsvDialect, errorLimit: number, started: number): TableReport {
  const errors = run.errors
  // Foreign keys can only be judged once every row is known.
  if (!run.stopped) {
    run.rows?.finish(errors)
    errors.sort((a, b) => (a.rowNumber ?? 0) - (b.rowNumber ?? 0))
  }
  if (run.rowNumber === 0) errors.push({ type: 'source-error', note: 'the file is empty' })
  const limitReached = !run.overBudget && errors.length >= errorLimit && run.stopped
  if (errors.length > errorLimit) errors.length = errorLimit
  const warnings: string[] = []
  if (limitReached) warnings.push(`reached error limit: ${errorLimit}`)
  if (schema && schema.skippedForeignKeys > 0) warnings.push(`${schema.skippedForeignKeys} foreign key(s) to other resources were not checked`)
  const nFields = run.rows?.fields.length ?? 0
  return {
    valid: errors.length === 0,
    errors,
    stats: { rows: run.dataRows, fields: nFields || run.labels.length, errors: errors.length, bytes: run.bytes, seconds: (performance.now() - started) / 1000 },
    dialect,
    labels: run.labels,
    headerRow: run.headerRow,
    limitReached,
    warnings,
  }
}
