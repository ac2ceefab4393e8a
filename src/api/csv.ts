import { DIMENSIONS, type Dimension } from '../domain/dimension.js'

/** A value a CSV cell can hold. */
export type CellValue = string | number | boolean | null | undefined

/** One column of a list as CSV: its header and how a row gives its cell. */
export interface CsvColumn<R> {
  name: string
  value: (row: R) => CellValue
}

/** The columns of a score, `total` then the five dimensions in their order (src/domain/dimension.ts); empty where a row has no score. */
export function scoreColumns<R>(scores: (row: R) => Partial<Record<'total' | Dimension, number | null>> | null | undefined): CsvColumn<R>[] {
  return (['total', ...DIMENSIONS] as const).map((name) => ({ name, value: (row: R) => scores(row)?.[name] }))
}

/** A time as a CSV cell: ISO 8601 in UTC, empty for none. */
export const isoCell = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString())

/** The names of R's fields whose values are of type V. */
type FieldsOf<R, V> = { [K in keyof R]-?: R[K] extends V ? K : never }[keyof R] & string

/** Columns that are fields of the row as they are, each headed by its field's name or, given as [heading, field], another. */
export function fieldColumns<R>(...fields: (FieldsOf<R, CellValue> | [name: string, field: FieldsOf<R, CellValue>])[]): CsvColumn<R>[] {
  return fields.map((f) => {
    const [name, field]: [string, keyof R] = typeof f === 'string' ? [f, f] : f
    return { name, value: (row: R) => row[field] as CellValue }
  })
}

/** Columns that are times of the row, as ISO 8601 cells (isoCell), each headed by its field's name. */
export function timeColumns<R>(...fields: FieldsOf<R, Date | string | null>[]): CsvColumn<R>[] {
  return fields.map((name) => ({ name, value: (row: R) => isoCell(row[name] as Date | string | null) }))
}

/** `comma`: `,` and a decimal point; `semicolon`: `;` and a decimal comma, as Swedish Excel reads. */
export type CsvSeparator = 'comma' | 'semicolon'

/**
 * One CSV cell. A text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets
 * a leading `'`, so no spreadsheet runs it as a formula; numbers are numbers (a negative one
 * is no formula), with a decimal comma under `semicolon`. A cell holding the separator, a
 * quote or a line break is quoted.
 */
export function csvCell(v: CellValue, sep: CsvSeparator): string {
  let s: string
  if (v === null || v === undefined) s = ''
  else if (typeof v === 'number') s = sep === 'semicolon' ? String(v).replace('.', ',') : String(v)
  else if (typeof v === 'boolean') s = String(v)
  else s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
  const delimiter = sep === 'semicolon' ? ';' : ','
  return s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** A whole CSV document: UTF-8 byte order mark (so Excel reads UTF-8), a header row, CRLF after every row. */
export function csvDocument<R>(rows: readonly R[], columns: readonly CsvColumn<R>[], sep: CsvSeparator): string {
  const delimiter = sep === 'semicolon' ? ';' : ','
  const lines = [columns.map((col) => csvCell(col.name, sep)).join(delimiter)]
  for (const row of rows) lines.push(columns.map((col) => csvCell(col.value(row), sep)).join(delimiter))
  return '\uFEFF' + lines.join('\r\n') + '\r\n'
}
