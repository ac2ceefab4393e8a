/**
 * A file's column profile: its column names, the type each column's values fit, and its
 * row count. Never the file itself. The content run keeps the profile of each CSV or JSON
 * distribution's last good version, so that a later version that drops, renames or retypes
 * a column, or loses most of its rows, is a problem of its own (src/content/column-profile-changes.ts).
 */
import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import iconv from 'iconv-lite'
import type { ContentSource } from '../../checks/types.js'
import { parseJsonDocument } from '../../checks/table-schema/validate-json.js'
import { guessDecodingFromHead } from '../../checks/text-encoding.js'
import { DEFAULT_BUDGETS, type Budgets } from '../domain/budgets.js'
import type { ColumnType } from '../domain/column-type.js'

export interface ColumnProfile {
  columns: { name: string; type: ColumnType }[]
  rows: number
}

/** How a body is read for its profile: as CSV in the dialect its structure check found, or as JSON. */
export type ProfileFormat = { kind: 'csv'; delimiter: string; quote: string; skipInitialSpace?: boolean; headerRow?: number } | { kind: 'json' }

/** The budgets profiling keeps to (src/domain/budgets.ts). */
export type ProfileBudgets = Pick<Budgets, 'fieldBytes' | 'profileColumns' | 'jsonNesting'>

/**
 * The profile of a body in `format`, or null when it has none to keep: not a table of
 * records, a record longer than `fieldBytes`, or more columns than `profileColumns`.
 * Runs in a content-check worker (src/content/isolated-checks.ts), never on the main thread.
 */
export async function profileContent(content: ContentSource, format: ProfileFormat, budgets: ProfileBudgets = DEFAULT_BUDGETS): Promise<ColumnProfile | null> {
  const profile = format.kind === 'csv' ? await profileCsv(content, format, budgets) : await profileJson(content, budgets)
  return profile && profile.columns.length <= budgets.profileColumns ? profile : null
}

/** Narrowest first: a value is given the first of these it fits. */
const TEXT_TYPES: [ColumnType, RegExp][] = [
  ['boolean', /^(true|false|sant|falskt|ja|nej|yes|no)$/i],
  ['integer', /^[-+]?\d+$/],
  // A decimal point or a decimal comma (Swedish files use both).
  ['number', /^[-+]?(\d+([.,]\d+)?|[.,]\d+)([eE][-+]?\d+)?$/],
  ['date', /^\d{4}-\d{2}-\d{2}$/],
  ['datetime', /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[-+]\d{2}:?\d{2})?$/],
]

/** The narrowest type of one text value. */
export function typeOfText(value: string): ColumnType {
  const v = value.trim()
  if (v === '') return 'empty'
  return TEXT_TYPES.find(([, re]) => re.test(v))?.[0] ?? 'string'
}

/** The narrowest type of one JSON value. */
function typeOfJson(value: unknown): ColumnType {
  if (value === null || value === undefined) return 'empty'
  if (typeof value === 'boolean') return 'boolean'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  if (typeof value === 'string') return typeOfText(value)
  return Array.isArray(value) ? 'array' : 'object'
}

/** The type that fits both: equal, integer within number, else string. */
export function widen(a: ColumnType, b: ColumnType): ColumnType {
  if (a === b || b === 'empty') return a
  if (a === 'empty') return b
  const numeric = new Set<ColumnType>(['integer', 'number'])
  if (numeric.has(a) && numeric.has(b)) return 'number'
  return 'string'
}

/** Builds a profile from rows as they come, keeping only names, types and a count. */
class ProfileBuilder {
  private readonly names: string[] = []
  private readonly index = new Map<string, number>()
  private readonly types: ColumnType[] = []
  rows = 0
  add(name: string, type: ColumnType): void {
    let i = this.index.get(name)
    if (i === undefined) {
      i = this.names.push(name) - 1
      this.index.set(name, i)
      this.types.push('empty')
    }
    this.types[i] = widen(this.types[i]!, type)
  }
  profile(): ColumnProfile {
    return { columns: this.names.map((name, i) => ({ name, type: this.types[i]! })), rows: this.rows }
  }
}

/**
 * The profile of a CSV body, read as csv-structure read it (its delimiter, quote, skipped
 * spaces and header row). Null when the header is wider than `profileColumns` (reading
 * stops there); a record longer than `fieldBytes` is an error (csv-parse's
 * CSV_MAX_RECORD_SIZE), as it is to the checks.
 */
export async function profileCsv(
  content: ContentSource,
  dialect: { delimiter: string; quote: string; skipInitialSpace?: boolean; headerRow?: number },
  budgets: ProfileBudgets = DEFAULT_BUDGETS,
): Promise<ColumnProfile | null> {
  const encoding = guessDecodingFromHead(content.head) === 'windows-1252' ? 'win1252' : 'utf8'
  const source = Readable.from(content.stream())
  const parser = source.pipe(iconv.decodeStream(encoding)).pipe(
    parse({
      delimiter: dialect.delimiter,
      quote: dialect.quote || null,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      ltrim: dialect.skipInitialSpace === true,
      from_line: dialect.headerRow ?? 1,
      max_record_size: budgets.fieldBytes,
    }),
  )
  const b = new ProfileBuilder()
  let header: string[] | null = null
  for await (const record of parser as AsyncIterable<string[]>) {
    if (!header) {
      if (record.length > budgets.profileColumns) {
        source.destroy()
        return null
      }
      header = record.map((h, i) => h.trim() || String(i + 1))
      header.forEach((h) => b.add(h, 'empty'))
      continue
    }
    b.rows++
    header.forEach((h, i) => b.add(h, typeOfText(record[i] ?? '')))
  }
  return b.profile()
}

/** The records of a JSON document: a top-level array, a GeoJSON FeatureCollection's properties, or the one array property of an object. */
function recordsOf(data: unknown): unknown[] | null {
  if (Array.isArray(data)) return data
  if (!data || typeof data !== 'object') return null
  const o = data as Record<string, unknown>
  if (o.type === 'FeatureCollection' && Array.isArray(o.features)) {
    return o.features.map((f) => (f && typeof f === 'object' ? (f as Record<string, unknown>).properties ?? {} : {}))
  }
  const arrays = Object.values(o).filter(Array.isArray)
  return arrays.length === 1 ? arrays[0]! : null
}

/** The largest JSON document profiled, as json-structure parses it whole. */
const MAX_JSON_BYTES = 100 * 1024 * 1024

/** The profile of a JSON body whose records are objects; null when it has no such records. */
export async function profileJson(content: ContentSource, budgets: Pick<Budgets, 'jsonNesting'> = DEFAULT_BUDGETS): Promise<ColumnProfile | null> {
  const parsed = await parseJsonDocument(content.stream(), MAX_JSON_BYTES, budgets.jsonNesting)
  if ('error' in parsed) return null
  const records = recordsOf(parsed.data)
  if (!records || records.length === 0 || !records.every((r) => r && typeof r === 'object' && !Array.isArray(r))) return null
  const b = new ProfileBuilder()
  for (const r of records as Record<string, unknown>[]) {
    b.rows++
    for (const [k, v] of Object.entries(r)) b.add(k, typeOfJson(v))
  }
  return b.profile()
}
