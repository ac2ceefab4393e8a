/**
 * The CSV dialect of a file, found as Frictionless finds it: the delimiter (`,` `;` tab
 * `|`), the quote character and whether spaces after a delimiter are skipped come from
 * the first lines (csv-sniffer.ts); the header row is then picked from the first rows as
 * parsed (`headerRowOf`). Swedish files are often written by Excel with `;` because `,` is
 * the decimal mark, so the delimiter cannot be assumed; Excel exports often carry a title
 * row above the header, which the header rule steps over.
 */
import { sniffCsv } from './csv-sniffer.js'

export interface CsvDialect {
  delimiter: string
  quote: string
  /** False only when the caller says the file has no header; a sniffed dialect always has one (as in Frictionless). */
  header: boolean
  /** Spaces right after a delimiter are not part of the value (`1, "a", 2`). */
  skipInitialSpace: boolean
}

/** How many rows Frictionless looks at to find the header (its `sample_size`). */
export const HEADER_SAMPLE_ROWS = 100

/** Sniffs the dialect from the decoded head of a file (see module comment). */
export function sniffCsvDialect(head: string): CsvDialect {
  return { ...sniffCsv(head), header: true }
}

/** Python's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x)
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r
}

/**
 * The header row (from 1) among the first rows of a file, given each row's number of
 * cells, as Frictionless's detector picks it: the first row whose width is within 10%
 * (at least one cell) of the rows' average width. Rows above it, such as a title or a
 * comment line (`# clean this data!`) above the header, are not part of the table. With
 * no rows it is row 1.
 */
export function headerRowOf(widths: readonly number[]): number {
  if (widths.length === 0) return 1
  const width = roundHalfEven(widths.reduce((a, b) => a + b, 0) / widths.length)
  const drift = Math.max(roundHalfEven(width * 0.1), 1)
  const at = widths.findIndex((w) => w >= width - drift && w <= width + drift)
  return at < 0 ? 1 : at + 1
}
