/**
 * The types of a table without a schema, inferred from a sample of its rows as
 * Frictionless's detector infers them (frictionless-py `Detector.detect_schema`, field
 * confidence 0.9): each column tries the candidate types in Frictionless's order, a cell
 * that reads as a type scores +1 for it and one that does not scores -1, an empty cell
 * counts for nothing, and the first type whose score reaches 90% of the column's non-empty
 * cells wins. So a column of integers with one stray `x` is an integer column, and the `x`
 * is then a `type-error` (row-checks.ts), at its row and field, as Frictionless reports it.
 * A column no type wins is `any` (never an error).
 *
 * Frictionless's candidates are yearmonth, geopoint, duration, geojson, object, array,
 * datetime, time, date, integer, number, boolean, year, string. datavakt reads yearmonth,
 * duration, geojson, object and array as `any`, so those candidates are left out: such a
 * column is inferred as the next type that fits (usually string, which every cell is).
 */
import { compileTableSchema, type CompiledField } from './compile-table-schema.js'
import { compileReader, TYPE_ERROR } from './field-types.js'
import type { FieldType } from './table-schema-types.js'

/** Frictionless's `DEFAULT_FIELD_CONFIDENCE`. */
export const FIELD_CONFIDENCE = 0.9

/** Frictionless's candidates that datavakt can read, in Frictionless's order (see module comment). */
const CANDIDATES: readonly FieldType[] = ['geopoint', 'datetime', 'time', 'date', 'integer', 'number', 'boolean', 'year', 'string']

const READERS = CANDIDATES.map((type) => compileReader({ name: 'shared', type }))

/** The inferred type of column `index` over the sample rows (`fragment`: the data rows, header excluded). */
function inferColumn(fragment: readonly (readonly string[])[], index: number): FieldType {
  let maxScore = fragment.length
  const threshold = fragment.length * (FIELD_CONFIDENCE - 1)
  const scores = CANDIDATES.map(() => 0)
  for (const cells of fragment) {
    const cell = cells[index]
    // Frictionless's missing values are [""]; a cell the row does not have at all reads as no value, which fits every type.
    const missing = cell === ''
    if (missing) maxScore--
    for (let c = 0; c < CANDIDATES.length; c++) {
      if (scores[c]! < threshold) continue
      if (!missing) scores[c]! += cell === undefined || READERS[c]!(cell) !== TYPE_ERROR ? 1 : -1
      if (maxScore > 0 && scores[c]! >= maxScore * FIELD_CONFIDENCE) return CANDIDATES[c]!
    }
  }
  return 'any'
}

/**
 * The fields of a table without a schema: `names` (as the header gives them, blank and
 * repeated labels already named as Frictionless names them) typed from `fragment`. Each
 * field says it was inferred, so its type errors can say so.
 */
export function inferFields(names: readonly string[], fragment: readonly (readonly string[])[]): CompiledField[] {
  const types = names.map((_, i) => (fragment.length === 0 ? 'any' : inferColumn(fragment, i)))
  const schema = compileTableSchema({ fields: names.map((name, i) => ({ name, type: types[i] })) })
  return schema.fields.map((f) => ({ ...f, inferred: true }))
}
