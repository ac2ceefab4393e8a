/**
 * The subset of Frictionless Table Schema (v1, with the v2 `fieldsMatch`) that datavakt
 * validates. Plain JSON shapes: a schema read from disk or the network is checked by
 * `compileTableSchema`, which refuses what it cannot honour instead of ignoring it.
 */

/** Field types datavakt checks. Others (object, array, duration, yearmonth, geojson) are read as `any`. */
export type FieldType =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'time'
  | 'year'
  | 'geopoint'
  | 'any'

export interface FieldConstraints {
  required?: boolean
  unique?: boolean
  minimum?: number | string
  maximum?: number | string
  minLength?: number
  maxLength?: number
  pattern?: string
  enum?: (string | number | boolean)[]
}

export interface TableSchemaField {
  name: string
  type?: string
  format?: string
  title?: string
  description?: string
  constraints?: FieldConstraints
  /** number: the decimal separator (Swedish files use ','). */
  decimalChar?: string
  /** number/integer: the thousands separator (Swedish files often use a space). */
  groupChar?: string
  /** number/integer: false allows text around the number ("12 kr", "5%"). */
  bareNumber?: boolean
  trueValues?: string[]
  falseValues?: string[]
  /** Per-field missing values (Table Schema v2); overrides the schema's. */
  missingValues?: string[]
  /**
   * datavakt extension carried over from CSVW `titles`: other header labels accepted
   * for this field (CSVW matches header cells against titles).
   */
  'x-datavakt-titles'?: string[]
}

export interface ForeignKey {
  fields: string | string[]
  reference: { resource?: string; fields: string | string[] }
}

export type FieldsMatch = 'exact' | 'equal' | 'subset' | 'superset' | 'partial'

export interface TableSchema {
  fields: TableSchemaField[]
  missingValues?: string[]
  primaryKey?: string | string[]
  foreignKeys?: ForeignKey[]
  fieldsMatch?: FieldsMatch
}
