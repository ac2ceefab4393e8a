/**
 * Reading CSV bytes for validateTable: the dialect sniffed from the head of the stream,
 * decoding (UTF-8 or Windows-1252) and csv-parse's Parser driven directly (without its
 * stream layer, for speed), with the per-record budget that stops a run.
 */
import { Parser, type CsvError } from 'csv-parse'
import iconv from 'iconv-lite'
import { sniffCsvDialect, type CsvDialect } from '../csv-dialect.js'
import type { TableError } from './table-error.js'

/** How to decode the bytes; the encoding check decides. */
export type TableEncoding = 'utf-8' | 'windows-1252'

const SNIFF_BYTES = 65_536

/** Thrown through csv-parse to stop at a budget; the error itself is already recorded. */
export const OVER_BUDGET = new Error('over budget')

/** The internal parse entry point of csv-parse's Parser (used without the stream layer for speed). */
interface CsvParseApi {
  parse(buf: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined
}
interface CsvParseInfo {
  lines: number
  records: number
}

export function toBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength)
}

function decode(b: Buffer, encoding: TableEncoding | undefined): string {
  return encoding === 'windows-1252' ? iconv.decode(b, 'win1252') : b.toString('utf8')
}

/**
 * Reads enough of the stream to sniff the dialect (unless `given` names all of it) and
 * returns the bytes read so far, which must be fed to the parser first.
 */
export async function readDialect(
  iterator: AsyncIterator<Uint8Array>,
  given: Partial<CsvDialect> | undefined,
  encoding: TableEncoding | undefined,
): Promise<{ dialect: CsvDialect; pending: Buffer[]; sourceDone: boolean; detectHeaderRow: boolean }> {
  const pending: Buffer[] = []
  let pendingBytes = 0
  let sourceDone = false
  if (!given?.delimiter || !given.quote || given.header === undefined || given.skipInitialSpace === undefined) {
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
  const sniffed = sniffCsvDialect(decode(Buffer.concat(pending).subarray(0, SNIFF_BYTES), encoding))
  const dialect: CsvDialect = {
    delimiter: given?.delimiter ?? sniffed.delimiter,
    quote: given?.quote ?? sniffed.quote,
    header: given?.header ?? sniffed.header,
    skipInitialSpace: given?.skipInitialSpace ?? sniffed.skipInitialSpace,
  }
  // As Frictionless, the header row is looked for only when the caller did not say whether there is one.
  return { dialect, pending, sourceDone, detectHeaderRow: given?.header === undefined }
}

/** What the parser tells its caller, record by record. */
export interface CsvParserHooks {
  onRecord(cells: string[]): void
  /** A record longer than the budget: reading stops after this. */
  onTooLong(line: number | undefined): void
  /** A record the parser could not read and skipped. */
  onUnparsable(line: number | undefined, note: string): void
}

export interface CsvParser {
  /** Parses a chunk (undefined with `end` at the end): undefined, 'over-budget' when a hook stopped it, or the error that ended parsing. */
  feed(buf: Buffer | undefined, end: boolean): undefined | 'over-budget' | TableError
  /** The chunk in UTF-8 for the parser. */
  decode(b: Buffer): Buffer
  /** What the decoder still holds at the end of the stream, if anything. */
  decodeEnd(): Buffer | undefined
}

/** A csv-parse Parser for `dialect`, calling `hooks` (see CsvParserHooks). */
export function createCsvParser(dialect: CsvDialect, encoding: TableEncoding | undefined, maxRecordBytes: number, hooks: CsvParserHooks): CsvParser {
  const decoder = encoding === 'windows-1252' ? iconv.getDecoder('win1252') : null
  const parser = new Parser({
    delimiter: dialect.delimiter,
    quote: dialect.quote,
    escape: dialect.quote,
    // Python's skipinitialspace: blanks right after a delimiter are not part of the value.
    ltrim: dialect.skipInitialSpace,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    skip_records_with_error: true,
    bom: true,
    max_record_size: maxRecordBytes,
    on_skip: (err: CsvError | undefined) => {
      const line = (err as { lines?: number } | undefined)?.lines
      if (err?.code === 'CSV_MAX_RECORD_SIZE') {
        // Stop here: the parser would otherwise keep growing the field (and call this per byte).
        hooks.onTooLong(line)
        throw OVER_BUDGET
      }
      hooks.onUnparsable(line, err?.message ?? 'unparsable record')
    },
  })
  const api = (parser as unknown as { api?: CsvParseApi }).api
  const info = (parser as unknown as { info: CsvParseInfo }).info
  if (!api || typeof api.parse !== 'function') throw new Error('csv-parse no longer exposes Parser.api; pin csv-parse 7.0.x')
  return {
    feed(buf, end) {
      let err: Error | undefined
      try {
        err = api.parse(buf, end, hooks.onRecord, () => {})
      } catch (thrown) {
        if (thrown !== OVER_BUDGET) throw thrown
        return 'over-budget'
      }
      if (err === OVER_BUDGET) return 'over-budget'
      if (err) return { type: 'format-error', line: (err as { lines?: number }).lines ?? info.lines, note: err.message }
      return undefined
    },
    decode: (b) => (decoder ? Buffer.from(decoder.write(b), 'utf8') : b),
    decodeEnd() {
      const rest = decoder?.end()
      return rest ? Buffer.from(rest, 'utf8') : undefined
    },
  }
}
