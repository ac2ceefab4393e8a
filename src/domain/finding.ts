/**
 * What a check (or a probe, or a harvest) found, as data. A finding carries a stable code
 * and the values its text needs (`params`); the words a person reads are made from the
 * code by the message catalogue (src/i18n/), in the reader's language, when it is shown.
 * So a stored finding reads in Swedish on a Swedish page and in English on an English one.
 */

/** Stored: only ever add values. `unverified` = we could not tell; never shown or mailed as broken. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'unverified' | 'skipped'

export type Severity = 'error' | 'warning' | 'info'

/** A value a message may show: a number, a word from the data, a list of them. */
export type ParamValue = string | number | boolean | null | readonly (string | number)[]

/** The values a message is made from, by name. */
export type MessageParams = Readonly<Record<string, ParamValue | undefined>>

/**
 * Words for a reader kept as data: a stable code and the values its text needs. The message
 * catalogue makes the words in the reader's language. Harvest warnings and failures have this shape.
 */
export interface CodedText<C extends string> {
  code: C
  params: MessageParams
}

/** Where in the data a finding points. Row and field numbers count as Frictionless does (header = row 1, fields from 1). */
export interface FindingLocation {
  rowNumber?: number
  /** The header's row numbers, for label errors (Frictionless `rowNumbers`). */
  rowNumbers?: number[]
  fieldNumber?: number
  fieldName?: string
  /** Physical line in the file (1-based), e.g. for quote errors. */
  line?: number
  /** Byte offset in the file. */
  byte?: number
  /** JSON pointer, for JSON documents. */
  pointer?: string
  /** An RDF property or metadata field, for metadata findings. */
  property?: string
}

/** One thing found. `code` is stable and kebab-case, and names its text in the catalogue. */
export interface Finding {
  code: string
  severity: Severity
  /** The values the catalogue's text for `code` needs (row, value, limit, ...). */
  params?: MessageParams
  location?: FindingLocation
}
