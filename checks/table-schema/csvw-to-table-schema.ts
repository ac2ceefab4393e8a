/**
 * Maps W3C CSV on the Web (CSVW) metadata — the `schema.json` the Swedish national
 * specifications publish, with `tableSchema.columns` — onto a Frictionless Table Schema,
 * so that one validator checks both. Read per column: `name`, `titles` (accepted as
 * header labels too), `datatype` (a base name, or an object with `base`, `format`,
 * bounds and lengths), `required`, `null`; per table: `primaryKey`, `null`.
 *
 * Mapping choices (documented because a spec author may expect otherwise):
 * - `datatype.format` on a string is a regular expression → `constraints.pattern`;
 *   on a boolean it is "true|false" style → trueValues/falseValues; on a number an
 *   object `{decimalChar, groupChar}` is honoured; on dates a UAX #35 pattern
 *   (yyyy-MM-dd, dd.MM.yyyy ...) is translated to strptime.
 * - the result uses `fieldsMatch: "equal"`: every column of the spec must be there, in
 *   any order, and a column the spec does not have is an `extra-label` (the national
 *   guidance: a conforming file may not add columns).
 * - virtual columns are skipped; foreign keys are not mapped (they name other tables).
 *
 * Refuses (TableSchemaError) metadata with no columns it can read, or a tableSchema given
 * only as a link.
 */
import { TableSchemaError } from './field-types.js'
import type { FieldConstraints, TableSchema, TableSchemaField } from './table-schema-types.js'

interface CsvwDatatype {
  base?: string
  format?: string | { decimalChar?: string; groupChar?: string; pattern?: string }
  minimum?: number | string
  maximum?: number | string
  minInclusive?: number | string
  maxInclusive?: number | string
  minLength?: number
  maxLength?: number
  length?: number
}

interface CsvwColumn {
  name?: string
  titles?: string | string[] | Record<string, string | string[]>
  datatype?: string | CsvwDatatype
  required?: boolean
  null?: string | string[]
  virtual?: boolean
  'dc:description'?: unknown
}

interface CsvwTableSchema {
  columns?: CsvwColumn[]
  primaryKey?: string | string[]
  null?: string | string[]
}

/** True when `value` looks like CSVW metadata: a tableSchema with columns, or tables of them. */
export function isCsvwMetadata(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false
  const v = value as { tableSchema?: unknown; tables?: unknown }
  if (v.tableSchema && typeof v.tableSchema === 'object') return true
  return Array.isArray(v.tables) && v.tables.some((t) => t && typeof t === 'object' && 'tableSchema' in t)
}

const INTEGER_BASES: Record<string, number | undefined> = {
  integer: undefined, int: undefined, long: undefined, short: undefined, byte: undefined,
  nonNegativeInteger: 0, positiveInteger: 1, unsignedInt: 0, unsignedLong: 0, unsignedShort: 0, unsignedByte: 0,
  negativeInteger: undefined, nonPositiveInteger: undefined,
}
const NUMBER_BASES = new Set(['decimal', 'double', 'float', 'number'])
const STRING_BASES = new Set(['string', 'normalizedString', 'token', 'language', 'Name', 'NMTOKEN', 'xml', 'html', 'json'])

/** Maps CSVW metadata to a Table Schema (see module comment). */
export function csvwToTableSchema(metadata: unknown): TableSchema {
  if (!isCsvwMetadata(metadata)) throw new TableSchemaError('checks.table-schema.csvw-no-table-schema')
  const m = metadata as { tableSchema?: unknown; tables?: { tableSchema?: unknown }[] }
  const ts = (m.tableSchema ?? m.tables?.find((t) => t.tableSchema)?.tableSchema) as CsvwTableSchema | string
  if (typeof ts === 'string') throw new TableSchemaError('checks.table-schema.csvw-linked-table-schema')
  const columns = (ts.columns ?? []).filter((c) => c && !c.virtual)
  if (columns.length === 0) throw new TableSchemaError('checks.table-schema.csvw-no-columns')
  const tableNull = ts.null === undefined ? undefined : asList(ts.null)
  const fields = columns.map((c, i) => mapColumn(c, i + 1, tableNull))
  const schema: TableSchema = { fields, fieldsMatch: 'equal' }
  if (tableNull) schema.missingValues = tableNull
  if (ts.primaryKey !== undefined) schema.primaryKey = ts.primaryKey
  return schema
}

function asList(v: string | string[]): string[] {
  return Array.isArray(v) ? v : [v]
}

function titlesOf(t: CsvwColumn['titles']): string[] {
  if (t === undefined) return []
  if (typeof t === 'string') return [t]
  if (Array.isArray(t)) return t
  return Object.values(t).flatMap((x) => (Array.isArray(x) ? x : [x]))
}

function mapColumn(c: CsvwColumn, n: number, tableNull: string[] | undefined): TableSchemaField {
  const titles = titlesOf(c.titles)
  // CSVW derives a missing name from the first title (URI-encoded); we keep the title.
  const name = c.name ?? titles[0] ?? `_col.${n}`
  const dt: CsvwDatatype = typeof c.datatype === 'string' ? { base: c.datatype } : (c.datatype ?? {})
  const base = dt.base ?? 'string'
  const field: TableSchemaField = { name }
  if (titles[0] !== undefined) field.title = titles[0]
  if (titles.length > 0) field['x-datavakt-titles'] = titles
  const constraints: FieldConstraints = {}
  if (c.required === true) constraints.required = true
  const format = typeof dt.format === 'string' ? dt.format : undefined

  if (base in INTEGER_BASES) {
    field.type = 'integer'
    const floor = INTEGER_BASES[base]
    if (floor !== undefined) constraints.minimum = floor
  } else if (NUMBER_BASES.has(base)) {
    field.type = 'number'
    if (dt.format && typeof dt.format === 'object') {
      if (dt.format.decimalChar) field.decimalChar = dt.format.decimalChar
      if (dt.format.groupChar) field.groupChar = dt.format.groupChar
    }
  } else if (base === 'boolean') {
    field.type = 'boolean'
    if (format && format.includes('|')) {
      const [t, f] = format.split('|')
      field.trueValues = [t!]
      field.falseValues = [f!]
    }
  } else if (base === 'date' || base === 'dateTime' || base === 'datetime' || base === 'dateTimeStamp' || base === 'time') {
    field.type = base === 'date' ? 'date' : base === 'time' ? 'time' : 'datetime'
    if (format) field.format = uax35ToStrptime(format)
  } else if (base === 'gYear') {
    field.type = 'year'
  } else if (base === 'anyURI') {
    field.type = 'string'
    field.format = 'uri'
    if (format) constraints.pattern = format
  } else if (STRING_BASES.has(base)) {
    field.type = 'string'
    if (format) constraints.pattern = format
  } else {
    field.type = 'any'
  }
  const min = dt.minimum ?? dt.minInclusive
  const max = dt.maximum ?? dt.maxInclusive
  if (min !== undefined) constraints.minimum = min
  if (max !== undefined) constraints.maximum = max
  if (dt.length !== undefined) {
    constraints.minLength = dt.length
    constraints.maxLength = dt.length
  }
  if (dt.minLength !== undefined) constraints.minLength = dt.minLength
  if (dt.maxLength !== undefined) constraints.maxLength = dt.maxLength
  if (Object.keys(constraints).length > 0) field.constraints = constraints
  const nulls = c.null === undefined ? tableNull : asList(c.null)
  if (nulls && c.null !== undefined) field.missingValues = nulls
  if (typeof c['dc:description'] === 'string') field.description = c['dc:description']
  return field
}

/** Translates a UAX #35 date pattern (yyyy-MM-dd, HH:mm:ss) into strptime; unknown → ISO default. */
function uax35ToStrptime(p: string): string {
  const tokens: [RegExp, string][] = [
    [/yyyy/g, '%Y'], [/MM/g, '%m'], [/dd/g, '%d'], [/HH/g, '%H'], [/mm/g, '%M'], [/ss/g, '%S'], [/\.S+/g, '.%f'], [/XXX|X|xxx/g, '%z'],
  ]
  let out = p.replace(/'T'/g, 'T')
  for (const [rx, rep] of tokens) out = out.replace(rx, rep)
  // A pattern we could not fully translate would reject valid cells; fall back to ISO.
  return /[A-Za-z]/.test(out.replace(/%[YmdHMSfz]/g, '').replace(/T/g, '')) ? 'default' : out
}
