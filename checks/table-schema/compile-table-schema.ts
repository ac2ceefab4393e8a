/**
 * Turns a Table Schema (JSON) into compiled per-field validators, once, before any row
 * is read. Refuses (TableSchemaError) a schema it cannot honour: no `fields` array, a
 * field without a name, a pattern that is not a valid regular expression, a date format
 * it cannot parse. Silently ignoring such a schema would report a file as valid that was
 * never checked.
 */
import { compileReader, effectiveType, TableSchemaError, TYPE_ERROR, type CellReader, type CellValue } from './field-types.js'
import { compileWholePattern, UnsafePatternError } from './safe-pattern.js'
import type { FieldsMatch, FieldType, TableSchema, TableSchemaField } from './table-schema-types.js'

/** Returns the name of the first failed constraint, or null. */
export type ConstraintCheck = (value: CellValue, raw: string) => string | null

export interface CompiledField {
  name: string
  /** Position in the schema, from 1. */
  schemaNumber: number
  type: FieldType
  /** Header labels this field accepts: its name, then CSVW titles. */
  labels: string[]
  /** Cells that mean "no value". */
  missing: ReadonlySet<string>
  /** True when the only missing value is "" (the common case: one comparison per cell). */
  missingIsEmptyOnly: boolean
  read: CellReader
  required: boolean
  unique: boolean
  /** Fast path: the first failed constraint, or null. */
  check: ConstraintCheck | null
  /** Every constraint, to list all failures of a cell once `check` has found one. */
  constraintChecks: ConstraintCheck[]
  /** The type was inferred from the data (infer-fields.ts), not declared by a schema. */
  inferred?: boolean
}

export interface CompiledForeignKey {
  fields: string[]
  referenceFields: string[]
}

export interface CompiledTableSchema {
  fields: CompiledField[]
  primaryKey: string[]
  foreignKeys: CompiledForeignKey[]
  fieldsMatch: FieldsMatch
  /** Foreign keys to other resources, which datavakt cannot check from one file. */
  skippedForeignKeys: number
}

/** Every type the Table Schema spec defines; datavakt reads the structured ones as any. */
const SPEC_TYPES: ReadonlySet<string> = new Set([
  'string', 'number', 'integer', 'boolean', 'object', 'array', 'list', 'date', 'time', 'datetime',
  'year', 'yearmonth', 'duration', 'geopoint', 'geojson', 'any',
])

const FIELDS_MATCH: ReadonlySet<string> = new Set(['exact', 'equal', 'subset', 'superset', 'partial'])

function asList(v: string | string[] | undefined): string[] {
  if (v === undefined) return []
  return Array.isArray(v) ? v : [v]
}

/** True when `value` looks like a Table Schema (has a `fields` array of named objects). */
export function isTableSchema(value: unknown): value is TableSchema {
  if (!value || typeof value !== 'object') return false
  const fields = (value as { fields?: unknown }).fields
  return Array.isArray(fields) && fields.every((f) => f && typeof f === 'object' && typeof (f as { name?: unknown }).name === 'string')
}

/** Compiles `schema`; throws TableSchemaError when it is unusable (see module comment). */
export function compileTableSchema(schema: unknown): CompiledTableSchema {
  if (!isTableSchema(schema)) throw new TableSchemaError('checks.table-schema.no-fields')
  const schemaMissing = schema.missingValues ?? ['']
  const primaryKey = asList(schema.primaryKey)
  const names = new Set(schema.fields.map((f) => f.name))
  for (const k of primaryKey) if (!names.has(k)) throw new TableSchemaError('checks.table-schema.primary-key-unknown', { name: k })
  const fieldsMatch = schema.fieldsMatch ?? 'exact'
  if (!FIELDS_MATCH.has(fieldsMatch)) throw new TableSchemaError('checks.table-schema.fields-match-unknown', { value: String(fieldsMatch) })

  const fields = schema.fields.map((f, i) => compileField(f, i + 1, f.missingValues ?? schemaMissing))

  const foreignKeys: CompiledForeignKey[] = []
  let skippedForeignKeys = 0
  for (const fk of schema.foreignKeys ?? []) {
    const resource = fk.reference?.resource ?? ''
    // Only self-references ("" or absent) can be checked from one file.
    if (resource !== '') {
      skippedForeignKeys++
      continue
    }
    const own = asList(fk.fields)
    const ref = asList(fk.reference.fields)
    if (own.length === 0 || own.length !== ref.length) throw new TableSchemaError('checks.table-schema.foreign-key-arity')
    for (const n of [...own, ...ref]) if (!names.has(n)) throw new TableSchemaError('checks.table-schema.foreign-key-unknown', { name: n })
    foreignKeys.push({ fields: own, referenceFields: ref })
  }
  return { fields, primaryKey, foreignKeys, fieldsMatch, skippedForeignKeys }
}

/** A lone field of type any, for labels a name-matched schema does not know. */
export function anyField(name: string, schemaNumber: number): CompiledField {
  return compileField({ name, type: 'any' }, schemaNumber, [''])
}

/**
 * A key field is not made required: as in Frictionless, a row whose key cells are all
 * missing (or unreadable) is a `primary-key` error of the row (row-checks.ts), not a
 * `constraint-error` of each cell.
 */
function compileField(f: TableSchemaField, schemaNumber: number, missingValues: string[]): CompiledField {
  if (typeof f.name !== 'string') throw new TableSchemaError('checks.table-schema.field-no-name', { n: schemaNumber })
  if (f.type !== undefined && !SPEC_TYPES.has(String(f.type))) throw new TableSchemaError('checks.table-schema.unknown-type', { name: f.name, type: JSON.stringify(f.type) })
  const read = compileReader(f)
  const type = effectiveType(f)
  const c = f.constraints ?? {}
  const checks = compileConstraints(f, type, read)
  const titles = f['x-datavakt-titles'] ?? []
  return {
    name: f.name,
    schemaNumber,
    type,
    labels: [f.name, ...titles.filter((t) => t !== f.name)],
    missing: new Set(missingValues),
    missingIsEmptyOnly: missingValues.length === 1 && missingValues[0] === '',
    read,
    required: c.required === true,
    unique: c.unique === true,
    check: allOf(checks),
    constraintChecks: checks,
  }
}

/**
 * One check per constraint of `f`, in the order the schema writes them, as Frictionless
 * runs them, so that several failures in one cell are reported in the same order.
 */
function compileConstraints(f: TableSchemaField, type: FieldType, read: CellReader): ConstraintCheck[] {
  const c = f.constraints ?? {}
  const checks: ConstraintCheck[] = []
  // The bounds are written in the field's own representation ("2020-01-01" for a date),
  // so read them through the same reader and compare typed values.
  const bound = (v: number | string | undefined, what: string): CellValue => {
    const numeric = type === 'integer' || type === 'number' || type === 'year'
    const typed = typeof v === 'number' && numeric ? v : read(String(v))
    if (typed === TYPE_ERROR) throw new TableSchemaError('checks.table-schema.constraint-not-of-type', { name: f.name, constraint: what, value: JSON.stringify(v), type: f.type ?? 'string' })
    return typed
  }
  for (const key of Object.keys(c)) {
    if (c[key as keyof typeof c] === undefined) continue
    switch (key) {
      case 'minimum': {
        const min = bound(c.minimum, 'minimum')
        checks.push((v) => (v < min ? 'minimum' : null))
        break
      }
      case 'maximum': {
        const max = bound(c.maximum, 'maximum')
        checks.push((v) => (v > max ? 'maximum' : null))
        break
      }
      case 'minLength': {
        const n = c.minLength!
        checks.push((_v, raw) => (raw.length < n ? 'minLength' : null))
        break
      }
      case 'maxLength': {
        const n = c.maxLength!
        checks.push((_v, raw) => (raw.length > n ? 'maxLength' : null))
        break
      }
      case 'pattern': {
        const matches = fieldPattern(f.name, String(c.pattern))
        checks.push((_v, raw) => (matches(raw) ? null : 'pattern'))
        break
      }
      case 'enum': {
        const allowed = new Set<CellValue>()
        for (const e of c.enum ?? []) {
          const typed = typeof e === 'string' ? read(e) : e
          allowed.add(typed === TYPE_ERROR ? e : typed)
        }
        checks.push((v) => (allowed.has(v) ? null : 'enum'))
        break
      }
    }
  }
  return checks
}

/** A field's pattern on RE2, linear in the cell: a schema cannot make a cell check backtrack for ever. */
function fieldPattern(name: string, pattern: string): (value: string) => boolean {
  try {
    return compileWholePattern(pattern)
  } catch (err) {
    if (!(err instanceof UnsafePatternError)) throw err
    const code = err.code === 'checks.pattern.too-long' ? 'checks.table-schema.pattern-too-long' : 'checks.table-schema.pattern-unsafe'
    throw new TableSchemaError(code, { name, ...err.params }, { cause: err })
  }
}

/** One check that runs `checks` in order and answers the first failure; null when there are none. */
function allOf(checks: ConstraintCheck[]): ConstraintCheck | null {
  if (checks.length === 0) return null
  if (checks.length === 1) return checks[0]!
  return (v, raw) => {
    for (let i = 0; i < checks.length; i++) {
      const r = checks[i]!(v, raw)
      if (r !== null) return r
    }
    return null
  }
}
