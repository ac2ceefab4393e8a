import { Hono, type Context } from 'hono'
import type { Lang } from '../i18n/lang.js'
import { apiError } from './api-error.js'
import { csvDocument, type CsvColumn } from './csv.js'
import type { ParamSchema, Query, QueryParams } from './query-schema.js'
import { requestLang } from './request-lang.js'

/** The query parameters every list takes: paging, and the CSV form. */
export const LIST_PARAMS: Record<string, ParamSchema> = {
  limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100, description: 'Rows per page.' },
  cursor: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,40}$', description: 'Where the page starts: the `cursor` of the previous page\'s `next` link.' },
  format: { type: 'string', enum: ['json', 'csv'], description: 'csv: the whole list as CSV (also given by Accept: text/csv).' },
  sep: { type: 'string', enum: ['comma', 'semicolon'], description: 'CSV separator; semicolon also writes decimal commas.' },
}

/** A cursor is the position of the page's first row, opaque to clients. */
export const encodeCursor = (offset: number): string => Buffer.from(`o:${offset}`).toString('base64url')

/** The position a cursor names, or undefined for one this server did not make. */
export function decodeCursor(cursor: string): number | undefined {
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  return m ? Number(m[1]) : undefined
}

/** Whether the request asks for CSV: `?format=csv`, or `Accept: text/csv` without `?format=json`. */
export function wantsCsv(c: Context, query: Query): boolean {
  if (query.format) return query.format === 'csv'
  return /\btext\/csv\b/i.test(c.req.header('accept') ?? '')
}

/**
 * A CSV answer, sent as a file named `filename`: the whole document (see csvDocument),
 * with semicolons and decimal commas when `sep` is 'semicolon', else commas.
 */
export function csvAnswer<R>(c: Context, filename: string, rows: readonly R[], columns: readonly CsvColumn<R>[], sep: unknown): Response {
  c.header('Content-Type', 'text/csv; charset=utf-8')
  c.header('Content-Disposition', `attachment; filename="${filename}"`)
  return c.body(csvDocument(rows, columns, sep === 'semicolon' ? 'semicolon' : 'comma'))
}

/** How one list is sent: the name of its rows in the JSON, its CSV columns and file name. */
export interface ListShape<R, J> {
  key: string
  columns: readonly CsvColumn<R>[]
  filename: string
  json: (row: R) => J
}

/**
 * A list answer. As CSV, the whole list (a spreadsheet cannot follow links), UTF-8 with a
 * BOM and CRLF. As JSON, one page of `limit` rows from the cursor: `{ total, <key>: [...],
 * next }`, where `next` is the address of the next page (null on the last), also sent as a
 * `Link: <…>; rel="next"` header. `extra` goes into the JSON beside the rows.
 */
export function listAnswer<R, J>(c: Context, query: Query, offset: number, rows: readonly R[], shape: ListShape<R, J>, extra: object = {}): Response {
  if (wantsCsv(c, query)) return csvAnswer(c, shape.filename, rows, shape.columns, query.sep)
  const limit = Number(query.limit)
  const end = offset + limit
  let next: string | null = null
  if (end < rows.length) {
    const url = new URL(c.req.url)
    url.searchParams.set('cursor', encodeCursor(end))
    next = `${url.pathname}${url.search}`
    c.header('Link', `<${next}>; rel="next"`)
  }
  return c.json({ ...extra, total: rows.length, [shape.key]: rows.slice(offset, end).map(shape.json), next })
}

/** The page's first row from the query's cursor (0 without one), or the API's 400 answer for a cursor this server did not make. */
export function listOffset(c: Context, lang: Lang, query: Query): number | Response {
  if (query.cursor === undefined) return 0
  const offset = decodeCursor(String(query.cursor))
  return offset === undefined ? apiError(c, lang, 'bad-request', 'api.error.param-invalid', { name: 'cursor', got: String(query.cursor) }) : offset
}

/** A list request, read: its language, its validated query and the page's first row. */
export interface ListRequest {
  lang: Lang
  query: Query
  offset: number
}

/** Reads a list request against its query schema, or gives the API's 400 answer for a bad parameter or cursor. */
function readListRequest(c: Context, fallback: Lang, params: QueryParams): ListRequest | Response {
  const lang = requestLang(c, fallback)
  const query = params.read(c, lang)
  if (query instanceof Response) return query
  const offset = listOffset(c, lang, query)
  return offset instanceof Response ? offset : { lang, query, offset }
}

/** A list resource: each request is read against `params` (see readListRequest) and, when it reads, answered by `answer`. */
export function listApi(fallback: Lang, params: QueryParams, answer: (c: Context, req: ListRequest) => Promise<Response>): Hono {
  return new Hono().get('/', async (c) => {
    const req = readListRequest(c, fallback, params)
    return req instanceof Response ? req : answer(c, req)
  })
}
