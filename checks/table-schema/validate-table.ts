/**
 * The one tabular validator: streams CSV bytes through csv-parse and checks structure
 * (labels, cell counts, blank rows, quoting) and, given a compiled Table Schema, types,
 * constraints, uniqueness, primary and self-referencing foreign keys, with Frictionless's
 * error names and numbering (header = row 1, fields from 1). csv-structure, conformance
 * and `datavakt validate` all call this; CSVW schemas are mapped onto Table Schema first,
 * so there is no second validator.
 *
 * Memory stays flat: rows are checked as they are parsed and dropped. Only what
 * uniqueness and keys need is kept (one entry per distinct value of a unique field).
 * It stops after `errorLimit` errors and says so (`limitReached`, a warning), never silently.
 */
import { Parser, type CsvError } from 'csv-parse'
import iconv from 'iconv-lite'
import { sniffCsvDialect, type CsvDialect } from '../csv-dialect.js'
import { anyField, type CompiledField, type CompiledTableSchema } from './compile-table-schema.js'
import { TYPE_ERROR, type CellValue } from './field-types.js'
import { SeenValues } from './seen-values.js'
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
  /** True when checking stopped at the error limit. */
  limitReached: boolean
  /** Notes for people, in English, as Frictionless's report warnings. */
  warnings: string[]
}

/** The internal parse entry point of csv-parse's Parser (used without the stream layer for speed). */
interface CsvParseApi {
  parse(buf: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined
}
interface CsvParseInfo {
  lines: number
  records: number
}

const SNIFF_BYTES = 65_536

/**
 * Validates a CSV byte stream (see module comment). Resolves with a report; bad data is
 * never an exception. Throws only when the stream itself fails.
 */
export async function validateTable(source: AsyncIterable<Uint8Array>, opts: ValidateTableOptions): Promise<TableReport> {
  const started = performance.now()
  const schema = opts.schema ?? null
  const errorLimit = Math.max(1, opts.errorLimit)
  const iterator = source[Symbol.asyncIterator]()
  const decoder = opts.encoding === 'windows-1252' ? iconv.getDecoder('win1252') : null

  // Read enough to sniff the dialect before any parsing.
  const pending: Buffer[] = []
  let pendingBytes = 0
  let sourceDone = false
  if (!opts.dialect?.delimiter || !opts.dialect.quote || opts.dialect.header === undefined) {
    while (pendingBytes < SNIFF_BYTES) {
      const r = await iterator.next()
      if (r.done) {
        sourceDone = true
        break
      }
      const b = toBuffer(r.value)
      pending.push(b)
      pendingBytes += b.length
    }
  }
  const headText = decode(Buffer.concat(pending).subarray(0, SNIFF_BYTES), opts.encoding)
  const sniffed = sniffCsvDialect(headText)
  const dialect: CsvDialect = {
    delimiter: opts.dialect?.delimiter ?? sniffed.delimiter,
    quote: opts.dialect?.quote ?? sniffed.quote,
    header: opts.dialect?.header ?? sniffed.header,
  }

  const errors: TableError[] = []
  let rowNumber = 0
  let dataRows = 0
  let stopped = false
  let labels: string[] = []
  let headerDone = !dialect.header
  let expected: CompiledField[] = []
  let nExpected = 0

  // Per-row scratch, reused: typed values for unique and key checks.
  let values: (CellValue | null)[] = []
  let uniqueIdx: number[] = []
  let uniqueSeen: SeenValues[] = []
  let pkIdx: number[] = []
  const pkSeen = new SeenValues()
  let fkPlans: { own: number[]; ref: number[]; refKeys: Set<string>; pending: { row: number; key: string; cells: string }[] }[] = []
  let needValues = false

  const parser = new Parser({
    delimiter: dialect.delimiter,
    quote: dialect.quote,
    escape: dialect.quote,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    skip_records_with_error: true,
    bom: true,
    on_skip: (err: CsvError | undefined) => {
      // The record is lost to the parser, but it still occupies a row.
      rowNumber++
      errors.push({ type: 'format-error', line: (err as { lines?: number } | undefined)?.lines, note: err?.message ?? 'unparsable record' })
    },
  })
  const api = (parser as unknown as { api?: CsvParseApi }).api
  const info = (parser as unknown as { info: CsvParseInfo }).info
  if (!api || typeof api.parse !== 'function') throw new Error('csv-parse no longer exposes Parser.api; pin csv-parse 7.0.x')

  const setupFields = (fields: CompiledField[]) => {
    expected = fields
    nExpected = fields.length
    values = new Array<CellValue | null>(nExpected).fill(null)
    uniqueIdx = []
    uniqueSeen = []
    fields.forEach((f, i) => {
      if (f.unique) {
        uniqueIdx.push(i)
        uniqueSeen.push(new SeenValues())
      }
    })
    const pos = (name: string) => fields.findIndex((f) => f.name === name)
    pkIdx = schema ? schema.primaryKey.map(pos) : []
    // A key field absent from the file cannot be checked; missing-label already says so.
    if (pkIdx.includes(-1)) pkIdx = []
    fkPlans = []
    for (const fk of schema?.foreignKeys ?? []) {
      const own = fk.fields.map(pos)
      const ref = fk.referenceFields.map(pos)
      if (own.includes(-1) || ref.includes(-1)) continue
      fkPlans.push({ own, ref, refKeys: new Set(), pending: [] })
    }
    needValues = uniqueIdx.length > 0 || pkIdx.length > 0 || fkPlans.length > 0
  }

  const onHeader = (cells: string[]) => {
    labels = cells
    const header = checkHeader(cells, schema, rowNumber)
    for (const e of header.errors) errors.push(e)
    setupFields(header.expected)
  }

  const onRecord = (cells: string[]) => {
    rowNumber++
    if (!headerDone) {
      headerDone = true
      onHeader(cells)
      return
    }
    dataRows++
    const start = errors.length
    const n = nExpected
    const len = cells.length
    const lim = len < n ? len : n
    let blank = 0
    for (let i = 0; i < lim; i++) {
      const f = expected[i]!
      const raw = cells[i]!
      if (f.missingIsEmptyOnly ? raw === '' : f.missing.has(raw)) {
        blank++
        if (f.required) errors.push({ type: 'constraint-error', rowNumber, fieldNumber: i + 1, fieldName: f.name, cell: raw, note: 'required' })
        if (needValues) values[i] = null
        continue
      }
      const v = f.read(raw)
      if (v === TYPE_ERROR) {
        errors.push({ type: 'type-error', rowNumber, fieldNumber: i + 1, fieldName: f.name, cell: raw, note: `type is "${f.type}"` })
        if (needValues) values[i] = null
        continue
      }
      if (f.check !== null && f.check(v, raw) !== null) {
        for (const c of f.constraintChecks) {
          const failed = c(v, raw)
          if (failed !== null) errors.push({ type: 'constraint-error', rowNumber, fieldNumber: i + 1, fieldName: f.name, cell: raw, note: failed })
        }
      }
      if (needValues) values[i] = v
    }
    if (lim < n) {
      // Missing cells are missing values: a required field fails its constraint too,
      // before the missing-cell errors, as Frictionless orders them.
      for (let i = lim; i < n; i++) {
        blank++
        const f = expected[i]!
        if (needValues) values[i] = null
        if (f.required) errors.push({ type: 'constraint-error', rowNumber, fieldNumber: i + 1, fieldName: f.name, cell: '', note: 'required' })
      }
    }
    for (let i = n; i < len; i++) errors.push({ type: 'extra-cell', rowNumber, fieldNumber: i + 1, fieldName: '', cell: cells[i] })
    for (let i = lim; i < n; i++) errors.push({ type: 'missing-cell', rowNumber, fieldNumber: i + 1, fieldName: expected[i]!.name, cell: '' })
    if (blank === n && n > 0) {
      errors.length = start
      errors.push({ type: 'blank-row', rowNumber })
      return
    }
    if (needValues) checkKeys(cells)
  }

  const checkKeys = (cells: string[]) => {
    for (let u = 0; u < uniqueIdx.length; u++) {
      const i = uniqueIdx[u]!
      const v = values[i]
      if (v === null || v === undefined) continue
      const first = uniqueSeen[u]!.firstRowOr(v, rowNumber)
      if (first !== undefined)
        errors.push({ type: 'unique-error', rowNumber, fieldNumber: i + 1, fieldName: expected[i]!.name, cell: cells[i], note: `the same as in the row at position ${first}`, duplicateOf: first })
    }
    if (pkIdx.length > 0) {
      let allNull = true
      let key: CellValue | string = ''
      if (pkIdx.length === 1) {
        // A single-field key is kept typed, so integer ids stay compact.
        const v = values[pkIdx[0]!]
        if (v !== null && v !== undefined) {
          allNull = false
          key = v
        }
      } else {
        for (let k = 0; k < pkIdx.length; k++) {
          const v = values[pkIdx[k]!]
          if (v !== null && v !== undefined) allNull = false
          key += (k ? '\u0000' : '') + String(v)
        }
      }
      if (!allNull) {
        const first = pkSeen.firstRowOr(key, rowNumber)
        if (first !== undefined) errors.push({ type: 'primary-key', rowNumber, note: `the same as in the row at position ${first}`, duplicateOf: first })
      }
    }
    for (const plan of fkPlans) {
      plan.refKeys.add(keyOf(plan.ref))
      let allNull = true
      for (const i of plan.own) if (values[i] !== null && values[i] !== undefined) allNull = false
      if (!allNull) plan.pending.push({ row: rowNumber, key: keyOf(plan.own), cells: plan.own.map((i) => cells[i] ?? '').join(', ') })
    }
  }
  const keyOf = (idx: number[]) => {
    let key = ''
    for (let k = 0; k < idx.length; k++) key += (k ? '\u0000' : '') + String(values[idx[k]!])
    return key
  }

  let bytes = 0
  const feed = (buf: Buffer | undefined, end: boolean) => {
    const err = api.parse(buf, end, onRecord, () => {})
    if (err) {
      // Only errors skip_records_with_error does not cover land here.
      rowNumber++
      errors.push({ type: 'format-error', line: (err as { lines?: number }).lines ?? info.lines, note: err.message })
      stopped = true
    }
    if (errors.length >= errorLimit) stopped = true
  }
  const feedRaw = (b: Buffer) => {
    bytes += b.length
    feed(decoder ? Buffer.from(decoder.write(b), 'utf8') : b, false)
  }

  try {
    for (const b of pending) {
      if (stopped) break
      feedRaw(b)
    }
    pending.length = 0
    if (!sourceDone) {
      while (!stopped) {
        const r = await iterator.next()
        if (r.done) {
          sourceDone = true
          break
        }
        feedRaw(toBuffer(r.value))
      }
    }
    if (!stopped) {
      if (decoder) {
        const rest = decoder.end()
        if (rest) feed(Buffer.from(rest, 'utf8'), false)
      }
      feed(undefined, true)
    }
  } finally {
    if (!sourceDone) await iterator.return?.()
  }

  // Foreign keys can only be judged once every row is known.
  if (!stopped) {
    for (const plan of fkPlans) {
      for (const p of plan.pending) {
        if (!plan.refKeys.has(p.key)) errors.push({ type: 'foreign-key', rowNumber: p.row, cell: p.cells, note: `for "${p.cells}": values not found in the lookup table` })
      }
    }
    errors.sort((a, b) => (a.rowNumber ?? 0) - (b.rowNumber ?? 0))
  }

  if (rowNumber === 0) {
    errors.push({ type: 'source-error', note: 'the file is empty' })
  }

  const limitReached = errors.length >= errorLimit && stopped
  if (errors.length > errorLimit) errors.length = errorLimit
  const warnings: string[] = []
  if (limitReached) warnings.push(`reached error limit: ${errorLimit}`)
  if (schema && schema.skippedForeignKeys > 0) warnings.push(`${schema.skippedForeignKeys} foreign key(s) to other resources were not checked`)
  return {
    valid: errors.length === 0,
    errors,
    stats: { rows: dataRows, fields: nExpected || labels.length, errors: errors.length, bytes, seconds: (performance.now() - started) / 1000 },
    dialect,
    labels,
    limitReached,
    warnings,
  }
}

function toBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength)
}

function decode(b: Buffer, encoding: ValidateTableOptions['encoding']): string {
  return encoding === 'windows-1252' ? iconv.decode(b, 'win1252') : b.toString('utf8')
}

/**
 * Compares the header with the schema as Frictionless's Header does, and returns the
 * label errors and the field expected at each column position. Without a schema the
 * fields are inferred from the labels (blank → fieldN, duplicates numbered) and typed any.
 */
export function checkHeader(labels: string[], schema: CompiledTableSchema | null, rowNumber: number): { errors: TableError[]; expected: CompiledField[] } {
  const errors: TableError[] = []
  if (labels.length === 0 || (labels.length === 1 && labels[0] === '')) {
    if (!schema) return { errors: [{ type: 'blank-header', rowNumber }], expected: [] }
  }
  if (!schema) {
    // Names as Frictionless infers them: a blank label becomes fieldN (N = position), a
    // repeated label gets its occurrence count (name, name2, name3).
    const seenCount = new Map<string, number>()
    const expected = labels.map((label, i) => {
      if (label === '') return anyField(`field${i + 1}`, i + 1)
      const count = (seenCount.get(label) ?? 0) + 1
      seenCount.set(label, count)
      return anyField(count === 1 ? label : `${label}${count}`, i + 1)
    })
    labelLoop(labels, expected, errors, rowNumber, false)
    return { errors, expected }
  }
  const fields = schema.fields
  const mode = schema.fieldsMatch
  const matches = (f: CompiledField, label: string) => f.labels.includes(label.replace(/\n/g, ' ').trim())
  if (mode === 'exact') {
    for (let i = fields.length; i < labels.length; i++) errors.push({ type: 'extra-label', rowNumber, fieldNumber: i + 1, fieldName: '', cell: labels[i] })
    for (let i = labels.length; i < fields.length; i++) errors.push({ type: 'missing-label', rowNumber, fieldNumber: i + 1, fieldName: fields[i]!.name, cell: '' })
    labelLoop(labels, fields, errors, rowNumber, true)
    return { errors, expected: fields }
  }
  // Name-matched modes: columns may come in any order.
  const expected: CompiledField[] = []
  const found = new Set<CompiledField>()
  const seen = new Map<string, number>()
  labels.forEach((label, i) => {
    const firstAt = seen.get(label)
    if (firstAt !== undefined && label !== '') {
      errors.push({ type: 'duplicate-label', rowNumber, fieldNumber: i + 1, fieldName: label, cell: label, note: `at position "${firstAt}"` })
    } else seen.set(label, i + 1)
    const f = fields.find((x) => matches(x, label))
    if (f && !found.has(f)) {
      found.add(f)
      expected.push(f)
      return
    }
    if (mode !== 'subset' && mode !== 'partial') {
      errors.push(label === '' ? { type: 'blank-label', rowNumber, fieldNumber: i + 1, fieldName: '', cell: '' } : { type: 'extra-label', rowNumber, fieldNumber: i + 1, fieldName: '', cell: label })
    }
    expected.push(anyField(label || `field${i + 1}`, i + 1))
  })
  if (mode === 'partial' && fields.length > 0 && found.size === 0) {
    errors.push({ type: 'unmatched-header', rowNumber, note: 'no label matches a schema field' })
  }
  const tolerateMissing = mode === 'superset' || mode === 'partial'
  let at = labels.length + 1
  for (const f of fields) {
    if (found.has(f)) continue
    if (tolerateMissing && !f.required) continue
    errors.push({ type: 'missing-label', rowNumber, fieldNumber: at++, fieldName: f.name, cell: '' })
  }
  return { errors, expected }
}

function labelLoop(labels: string[], fields: CompiledField[], errors: TableError[], rowNumber: number, compareNames: boolean): void {
  const n = Math.min(labels.length, fields.length)
  for (let i = 0; i < n; i++) {
    const f = fields[i]!
    let label: string | null = labels[i]!
    if (label === '') {
      errors.push({ type: 'blank-label', rowNumber, fieldNumber: i + 1, fieldName: f.name, cell: '' })
      continue
    }
    const dups: number[] = []
    for (let j = 0; j < i; j++) if (labels[j] === label) dups.push(j + 1)
    if (dups.length > 0) {
      errors.push({ type: 'duplicate-label', rowNumber, fieldNumber: i + 1, fieldName: f.name, cell: label, note: `at position "${dups.join(', ')}"` })
      label = null
    }
    if (label !== null && compareNames && !f.labels.includes(label.replace(/\n/g, ' ').trim())) {
      errors.push({ type: 'incorrect-label', rowNumber, fieldNumber: i + 1, fieldName: f.name, cell: label })
    }
  }
}
