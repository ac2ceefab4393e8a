/**
 * One tabular error, shaped like a Frictionless report error: `type` is Frictionless's
 * error name, row numbers count the header as row 1 and field numbers start at 1. The
 * `note` carries the detail (which constraint failed, which row it duplicates) in
 * plain English words, as Frictionless's note does; people read the catalogue's words
 * (table-error-to-finding.ts gives the finding its params).
 */
export interface TableError {
  type: TableErrorType
  /** The data row, for row and cell errors. */
  rowNumber?: number
  /** The header's row numbers, for label and header errors (which have no rowNumber), as Frictionless gives them. */
  rowNumbers?: number[]
  fieldNumber?: number
  fieldName?: string
  /** The cell or label as read. */
  cell?: string
  /** Detail: the constraint name, the duplicated row, the parser's message. */
  note?: string
  /** For type-error: the field's type in the schema ("integer", "date", ...). */
  fieldType?: string
  /** For unique-error and primary-key: the row the value first appeared in. */
  duplicateOf?: number
  /** Physical line in the file, for parse errors. */
  line?: number
  /** For type-error: the field's type was inferred from the data (no schema), not declared. */
  inferred?: boolean
}

/** Every error type the tabular validator reports (Frictionless names, plus our own two). */
export type TableErrorType =
  | 'blank-label'
  | 'duplicate-label'
  | 'extra-label'
  | 'missing-label'
  | 'incorrect-label'
  | 'blank-header'
  | 'unmatched-header'
  | 'extra-cell'
  | 'missing-cell'
  | 'blank-row'
  | 'type-error'
  | 'constraint-error'
  | 'unique-error'
  | 'primary-key'
  | 'foreign-key'
  | 'encoding-error'
  | 'format-error'
  | 'source-error'
  | 'error-limit-reached'
  | 'field-too-long'
  | 'too-many-columns'

/** Errors that concern the header row (labels) rather than a data row. */
export const LABEL_ERROR_TYPES: ReadonlySet<string> = new Set([
  'blank-label',
  'duplicate-label',
  'extra-label',
  'missing-label',
  'incorrect-label',
  'blank-header',
  'unmatched-header',
])

/** Errors that only a schema can cause: reported by conformance; the rest by csv-structure. */
export const SCHEMA_ERROR_TYPES: ReadonlySet<string> = new Set([
  'extra-label',
  'missing-label',
  'incorrect-label',
  'unmatched-header',
  'type-error',
  'constraint-error',
  'unique-error',
  'primary-key',
  'foreign-key',
])
