/**
 * Per-field cell readers for Frictionless Table Schema types, compiled once per schema so
 * that the per-cell work is a few character comparisons and no allocation. A reader
 * returns the typed value, or TYPE_ERROR when the cell is not of the field's type.
 *
 * Typed values are chosen to be cheap to compare: dates become yyyymmdd integers, times
 * seconds of the day, datetimes epoch milliseconds, geopoints a normalised "lon,lat".
 */
import type { MessageParams } from '../../src/domain/finding.js'
import { DatavaktError } from '../../src/i18n/datavakt-error.js'
import type { MessageKey } from '../../src/i18n/catalogue.js'
import type { FieldType, TableSchemaField } from './table-schema-types.js'

/** What a reader returns for a cell that is not of the field's type. */
export const TYPE_ERROR: unique symbol = Symbol('type-error')
export type CellValue = string | number | boolean
export type CellReader = (raw: string) => CellValue | typeof TYPE_ERROR

/** Why a Table Schema (or CSVW metadata) cannot be checked against: its text in the catalogue. */
export type TableSchemaErrorCode = Extract<MessageKey, `checks.table-schema.${string}`>

/** Thrown when a schema asks for something datavakt cannot check (bad pattern, bad field). */
export class TableSchemaError extends DatavaktError {
  override name = 'TableSchemaError'
  declare readonly code: TableSchemaErrorCode

  constructor(code: TableSchemaErrorCode, params: MessageParams = {}, options?: { cause?: unknown }) {
    super(code, params, options)
  }
}

const KNOWN_TYPES: ReadonlySet<string> = new Set([
  'string', 'integer', 'number', 'boolean', 'date', 'datetime', 'time', 'year', 'geopoint', 'any',
])

/** The type datavakt checks for a field: unknown or structured types are read as `any`. */
export function effectiveType(field: TableSchemaField): FieldType {
  const t = field.type ?? 'string'
  return (KNOWN_TYPES.has(t) ? t : 'any') as FieldType
}

/** Builds the reader for one field. Refuses (throws TableSchemaError) an unusable format. */
export function compileReader(field: TableSchemaField): CellReader {
  const type = effectiveType(field)
  const format = field.format ?? 'default'
  switch (type) {
    case 'string':
      return stringReader(format)
    case 'integer':
      return integerReader(field.groupChar ?? '', field.bareNumber !== false)
    case 'number':
      return numberReader(field.decimalChar ?? '.', field.groupChar ?? '', field.bareNumber !== false)
    case 'boolean': {
      const t = new Set(field.trueValues ?? ['true', 'True', 'TRUE', '1'])
      const f = new Set(field.falseValues ?? ['false', 'False', 'FALSE', '0'])
      return (raw) => (t.has(raw) ? true : f.has(raw) ? false : TYPE_ERROR)
    }
    case 'date':
      return dateReader(format)
    case 'datetime':
      return datetimeReader(format)
    case 'time':
      return timeReader(format)
    case 'year':
      return (raw) => {
        const n = raw.length
        if (n !== 4) return TYPE_ERROR
        let v = 0
        for (let i = 0; i < 4; i++) {
          const c = raw.charCodeAt(i) - 48
          if (c < 0 || c > 9) return TYPE_ERROR
          v = v * 10 + c
        }
        return v
      }
    case 'geopoint':
      return geopointReader(format)
    case 'any':
      return (raw) => raw
  }
}

// --- string -------------------------------------------------------------------------

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

function stringReader(format: string): CellReader {
  switch (format) {
    case 'email':
      return (raw) => (EMAIL.test(raw) ? raw : TYPE_ERROR)
    case 'uuid':
      return (raw) => (UUID.test(raw) ? raw : TYPE_ERROR)
    case 'binary':
      return (raw) => (raw.length % 4 === 0 && BASE64.test(raw) ? raw : TYPE_ERROR)
    case 'uri':
      return (raw) => {
        // An absolute URI with a scheme, as Frictionless's rfc3986 check demands.
        if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(raw)) return TYPE_ERROR
        return URL.canParse(raw) ? raw : TYPE_ERROR
      }
    default:
      return (raw) => raw
  }
}

// --- numbers ------------------------------------------------------------------------

function stripGroup(raw: string, groupChar: string): string {
  if (groupChar === '') return raw
  // Swedish files write thousands with a space, often a no-break space: accept both.
  if (groupChar === ' ') return raw.replace(/[ \u00a0\u202f]/g, '')
  return raw.split(groupChar).join('')
}

/** Keeps the number out of text like "12 kr" or "5%" (bareNumber: false). */
function unwrapNumber(raw: string): string {
  const m = /[-+]?[0-9.,\s\u00a0]*[0-9](?:[0-9.,\s\u00a0]*[0-9])?(?:[eE][-+]?[0-9]+)?/.exec(raw)
  return m ? m[0] : raw
}

function integerReader(groupChar: string, bare: boolean): CellReader {
  return (input) => {
    let raw = bare ? input : unwrapNumber(input)
    if (groupChar !== '') raw = stripGroup(raw, groupChar)
    const n = raw.length
    if (n === 0) return TYPE_ERROR
    let i = 0
    let neg = false
    const c0 = raw.charCodeAt(0)
    if (c0 === 45 /* - */ || c0 === 43 /* + */) {
      neg = c0 === 45
      i = 1
      if (n === 1) return TYPE_ERROR
    }
    let v = 0
    for (; i < n; i++) {
      const c = raw.charCodeAt(i) - 48
      if (c < 0 || c > 9) return TYPE_ERROR
      v = v * 10 + c
    }
    return neg ? -v : v
  }
}

const DECIMAL = /^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/
const SPECIAL: Record<string, number> = { NaN: NaN, INF: Infinity, '-INF': -Infinity, Infinity: Infinity, '-Infinity': -Infinity }

function numberReader(decimalChar: string, groupChar: string, bare: boolean): CellReader {
  const plain = decimalChar === '.' && groupChar === '' && bare
  if (plain) {
    return (raw) => {
      if (DECIMAL.test(raw)) return +raw
      const s = SPECIAL[raw]
      return s === undefined ? TYPE_ERROR : s
    }
  }
  if (decimalChar !== '.' && groupChar === '' && bare && decimalChar.length === 1) {
    // Decimal comma without grouping (the common Swedish case): one regex, one replace.
    const esc = decimalChar.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const rx = new RegExp(`^[-+]?(?:[0-9]+(?:${esc}[0-9]*)?|${esc}[0-9]+)(?:[eE][-+]?[0-9]+)?$`)
    return (raw) => {
      if (rx.test(raw)) return +raw.replace(decimalChar, '.')
      const s = SPECIAL[raw]
      return s === undefined ? TYPE_ERROR : s
    }
  }
  return (input) => {
    let raw = bare ? input : unwrapNumber(input)
    if (groupChar !== '') raw = stripGroup(raw, groupChar)
    if (decimalChar !== '.') {
      // A '.' in a decimal-comma file is an error, not a decimal point.
      if (raw.includes('.')) return TYPE_ERROR
      raw = raw.replace(decimalChar, '.')
    }
    if (DECIMAL.test(raw)) return +raw
    const s = SPECIAL[raw]
    return s === undefined ? TYPE_ERROR : s
  }
}

// --- dates and times ----------------------------------------------------------------

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31
}

function digits(raw: string, from: number, count: number): number {
  let v = 0
  for (let i = from; i < from + count; i++) {
    const c = raw.charCodeAt(i) - 48
    if (c < 0 || c > 9) return -1
    v = v * 10 + c
  }
  return v
}

/** yyyymmdd for an ISO date "YYYY-MM-DD", or -1. */
function isoDate(raw: string, at = 0): number {
  if (raw.charCodeAt(at + 4) !== 45 || raw.charCodeAt(at + 7) !== 45) return -1
  const y = digits(raw, at, 4)
  const m = digits(raw, at + 5, 2)
  const d = digits(raw, at + 8, 2)
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return -1
  return y * 10000 + m * 100 + d
}

interface Parts { y: number; m: number; d: number; H: number; M: number; S: number; ms: number; tz: number | null }

/** Compiles a strptime pattern (%Y %m %d %H %M %S %f %z %y %%) into a parser. */
function strptime(pattern: string): ((raw: string) => Parts | null) | null {
  let re = '^'
  const keys: string[] = []
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!
    if (ch !== '%') {
      re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      continue
    }
    const d = pattern[++i]
    switch (d) {
      case 'Y': re += '(\\d{4})'; keys.push('Y'); break
      case 'y': re += '(\\d{2})'; keys.push('y'); break
      case 'm': re += '(\\d{1,2})'; keys.push('m'); break
      case 'd': re += '(\\d{1,2})'; keys.push('d'); break
      case 'H': re += '(\\d{1,2})'; keys.push('H'); break
      case 'M': re += '(\\d{2})'; keys.push('M'); break
      case 'S': re += '(\\d{2})'; keys.push('S'); break
      case 'f': re += '(\\d{1,6})'; keys.push('f'); break
      case 'z': re += '(Z|[+-]\\d{2}:?\\d{2})'; keys.push('z'); break
      case '%': re += '%'; break
      default:
        return null
    }
  }
  const rx = new RegExp(re + '$')
  return (raw) => {
    const m = rx.exec(raw)
    if (!m) return null
    const p: Parts = { y: 1900, m: 1, d: 1, H: 0, M: 0, S: 0, ms: 0, tz: null }
    for (let k = 0; k < keys.length; k++) {
      const v = m[k + 1]!
      switch (keys[k]) {
        case 'Y': p.y = +v; break
        case 'y': p.y = +v < 69 ? 2000 + +v : 1900 + +v; break
        case 'm': p.m = +v; break
        case 'd': p.d = +v; break
        case 'H': p.H = +v; break
        case 'M': p.M = +v; break
        case 'S': p.S = +v; break
        case 'f': p.ms = Math.floor(+v.padEnd(6, '0') / 1000); break
        case 'z': p.tz = parseOffset(v); break
      }
    }
    if (p.m < 1 || p.m > 12 || p.d < 1 || p.d > daysInMonth(p.y, p.m) || p.H > 23 || p.M > 59 || p.S > 60) return null
    return p
  }
}

function parseOffset(z: string): number {
  if (z === 'Z') return 0
  const sign = z[0] === '-' ? -1 : 1
  const digitsOnly = z.slice(1).replace(':', '')
  return sign * (+digitsOnly.slice(0, 2) * 60 + +digitsOnly.slice(2, 4))
}

function formatError(kind: string, format: string): TableSchemaError {
  return new TableSchemaError('checks.table-schema.unsupported-format', { kind, format })
}

function dateReader(format: string): CellReader {
  if (format === 'default') {
    return (raw) => {
      if (raw.length !== 10) return TYPE_ERROR
      const v = isoDate(raw)
      return v < 0 ? TYPE_ERROR : v
    }
  }
  if (format === 'any') {
    return (raw) => {
      const iso = raw.length === 10 ? isoDate(raw) : -1
      if (iso >= 0) return iso
      const t = Date.parse(raw)
      if (Number.isNaN(t)) return TYPE_ERROR
      const dt = new Date(t)
      return dt.getUTCFullYear() * 10000 + (dt.getUTCMonth() + 1) * 100 + dt.getUTCDate()
    }
  }
  const parse = strptime(format.startsWith('fmt:') ? format.slice(4) : format)
  if (!parse) throw formatError('date', format)
  return (raw) => {
    const p = parse(raw)
    return p ? p.y * 10000 + p.m * 100 + p.d : TYPE_ERROR
  }
}

// ISO 8601 date-time as Frictionless accepts by default: date, 'T', time, optional
// fraction, optional zone.
const ISO_DATETIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/

function datetimeReader(format: string): CellReader {
  if (format === 'default' || format === 'any') {
    return (raw) => {
      // Fast path without allocation for the common forms YYYY-MM-DDTHH:MM:SS and ...Z.
      const n = raw.length
      if ((n === 19 || (n === 20 && raw.charCodeAt(19) === 90)) && raw.charCodeAt(10) === 84 && raw.charCodeAt(13) === 58 && raw.charCodeAt(16) === 58) {
        const ymd = isoDate(raw)
        const H = digits(raw, 11, 2), M = digits(raw, 14, 2), S = digits(raw, 17, 2)
        if (ymd < 0 || H < 0 || M < 0 || S < 0 || H > 23 || M > 59 || S > 60) return TYPE_ERROR
        return Date.UTC(Math.floor(ymd / 10000), (Math.floor(ymd / 100) % 100) - 1, ymd % 100, H, M, S)
      }
      const m = ISO_DATETIME.exec(raw)
      if (!m) {
        if (format === 'any') {
          const t = Date.parse(raw)
          return Number.isNaN(t) ? TYPE_ERROR : t
        }
        return TYPE_ERROR
      }
      const ymd = isoDate(m[1]!)
      const H = +m[2]!, M = +m[3]!, S = +m[4]!
      if (ymd < 0 || H > 23 || M > 59 || S > 60) return TYPE_ERROR
      const ms = m[5] ? Math.floor(+m[5].padEnd(3, '0').slice(0, 3)) : 0
      const tz = m[6] ? parseOffset(m[6]) : 0
      return Date.UTC(Math.floor(ymd / 10000), Math.floor(ymd / 100) % 100 - 1, ymd % 100, H, M, S, ms) - tz * 60_000
    }
  }
  const parse = strptime(format.startsWith('fmt:') ? format.slice(4) : format)
  if (!parse) throw formatError('datetime', format)
  return (raw) => {
    const p = parse(raw)
    return p ? Date.UTC(p.y, p.m - 1, p.d, p.H, p.M, p.S, p.ms) - (p.tz ?? 0) * 60_000 : TYPE_ERROR
  }
}

const ISO_TIME = /^(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$/

function timeReader(format: string): CellReader {
  if (format === 'default' || format === 'any') {
    return (raw) => {
      const m = ISO_TIME.exec(raw)
      if (!m) return TYPE_ERROR
      const H = +m[1]!, M = +m[2]!, S = +m[3]!
      return H > 23 || M > 59 || S > 60 ? TYPE_ERROR : H * 3600 + M * 60 + S
    }
  }
  const parse = strptime(format.startsWith('fmt:') ? format.slice(4) : format)
  if (!parse) throw formatError('time', format)
  return (raw) => {
    const p = parse(raw)
    return p ? p.H * 3600 + p.M * 60 + p.S : TYPE_ERROR
  }
}

// --- geopoint -----------------------------------------------------------------------

function geo(lon: number, lat: number): CellValue | typeof TYPE_ERROR {
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) return TYPE_ERROR
  return `${lon},${lat}`
}

const GEO_DEFAULT = /^\s*([-+]?\d+(?:\.\d+)?)\s*,\s*([-+]?\d+(?:\.\d+)?)\s*$/

function geopointReader(format: string): CellReader {
  if (format === 'array' || format === 'object') {
    return (raw) => {
      let v: unknown
      try {
        v = JSON.parse(raw)
      } catch {
        return TYPE_ERROR
      }
      if (format === 'array') {
        return Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number' ? geo(v[0], v[1]) : TYPE_ERROR
      }
      const o = v as { lon?: unknown; lat?: unknown } | null
      return o && typeof o === 'object' && typeof o.lon === 'number' && typeof o.lat === 'number' ? geo(o.lon, o.lat) : TYPE_ERROR
    }
  }
  return (raw) => {
    const m = GEO_DEFAULT.exec(raw)
    return m ? geo(+m[1]!, +m[2]!) : TYPE_ERROR
  }
}
