/**
 * Finds out what bytes really are, whatever the server or the catalogue says.
 *
 * Binary formats are recognised by their magic numbers through `file-type`
 * (`fileTypeFromBuffer`); ZIP archives are opened far enough to tell a spreadsheet, a
 * word-processor file, a KMZ or a zipped shapefile from a plain archive. Text formats are
 * told apart by careful sniffing, because magic numbers say nothing about them: JSON vs
 * GeoJSON vs JSON-LD, HTML vs XML (vs RDF/XML, KML, GML), Turtle/N-Triples, CSV vs plain
 * text (a delimiter that splits every line the same number of times).
 *
 * It never throws for strange bytes: unknown content is `binary` or `text`.
 */
import { fileTypeFromBuffer } from 'file-type'
import { classifyZipEntries, zipEntriesFromHead, zipEntriesFromTail } from './zip-entries.js'
import { FILE_TYPES } from '../vocabularies/file-types.js'

/** What the bytes are. Stable: stored as the `detectedFormat` fact. */
export type SniffedFormat =
  | 'empty'
  | 'csv'
  | 'text'
  | 'json'
  | 'geojson'
  | 'json-ld'
  | 'xml'
  | 'rdf-xml'
  | 'kml'
  | 'gml'
  | 'atom'
  | 'rss'
  | 'turtle'
  | 'n-triples'
  | 'html'
  | 'xlsx'
  | 'xls'
  | 'ods'
  | 'docx'
  | 'doc'
  | 'odt'
  | 'pptx'
  | 'kmz'
  | 'zip'
  | 'shapefile-zip'
  | 'pdf'
  | 'parquet'
  | 'gzip'
  | 'sqlite'
  | 'image'
  | 'binary'

export interface SniffResult {
  format: SniffedFormat
  /** The media type that fits the bytes. */
  mediaType: string
  /** EU file-type code the bytes match best (see vocabularies/file-types.ts). */
  fileType: string | null
  /** For CSV: the delimiter that splits the lines consistently. */
  delimiter?: string
  /** For ZIP-based formats: entry names seen (at most 50). */
  zipEntries?: string[]
  /** The decoded start of a text format (at most 64 KiB), for later looks (soft-404). */
  text?: string
}

/**
 * The EU file type each format is (null: none fits). Its media type is that file type's
 * canonical one in the vocabulary (vocabularies/file-types.ts), but for a zipped shapefile,
 * whose bytes are a ZIP archive, and for a format with no file type (octet-stream).
 */
const FILE_TYPE: Record<SniffedFormat, string | null> = {
  empty: null,
  csv: 'CSV',
  text: 'TXT',
  json: 'JSON',
  geojson: 'GEOJSON',
  'json-ld': 'JSON_LD',
  xml: 'XML',
  'rdf-xml': 'RDF_XML',
  kml: 'KML',
  gml: 'GML',
  atom: 'ATOM',
  rss: 'RSS',
  turtle: 'RDF_TURTLE',
  'n-triples': 'RDF_N_TRIPLES',
  html: 'HTML',
  xlsx: 'XLSX',
  xls: 'XLS',
  ods: 'ODS',
  docx: 'DOCX',
  doc: 'DOC',
  odt: 'ODT',
  pptx: 'PPTX',
  kmz: 'KMZ',
  zip: 'ZIP',
  'shapefile-zip': 'SHP',
  pdf: 'PDF',
  parquet: 'PARQUET',
  gzip: 'GZIP',
  sqlite: 'SQLITE',
  image: null,
  binary: null,
}

function mediaTypeOf(format: SniffedFormat): string {
  const fileType = FILE_TYPE[format]
  if (format === 'shapefile-zip') return 'application/zip'
  return fileType === null ? 'application/octet-stream' : FILE_TYPES[fileType].mediaTypes[0]
}

function result(format: SniffedFormat, extra: Partial<SniffResult> = {}, mediaType?: string): SniffResult {
  return { format, mediaType: mediaType ?? mediaTypeOf(format), fileType: FILE_TYPE[format], ...extra }
}

/** file-type extensions we trust as the answer (text formats are left to our own sniffing). */
const BINARY_EXT: Record<string, SniffedFormat> = {
  xlsx: 'xlsx',
  docx: 'docx',
  pptx: 'pptx',
  ods: 'ods',
  odt: 'odt',
  pdf: 'pdf',
  parquet: 'parquet',
  gz: 'gzip',
  sqlite: 'sqlite',
  kmz: 'kmz',
  shp: 'binary',
}

export interface SniffOptions {
  /**
   * The last bytes of the file, when the caller streamed it: lets us read a ZIP's central
   * directory when the local headers in the head were not conclusive.
   */
  tail?: Uint8Array
  /** True when `head` is the whole file (JSON can then be parsed, not guessed). */
  complete?: boolean
}

/** Sniffs the format of `head` (the first bytes of the body, up to 64 KiB). */
export async function sniffFormat(head: Uint8Array, options: SniffOptions = {}): Promise<SniffResult> {
  if (head.length === 0) return result('empty')
  const ft = await fileTypeFromBuffer(head).catch(() => undefined)
  // file-type may give up on a ZIP cut short by the head; the local headers still tell.
  if (!ft && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return sniffZip(head, options.tail)
  if (ft) {
    if (ft.ext === 'zip') return sniffZip(head, options.tail)
    if (ft.ext === 'cfb') return result(guessOle(head))
    const mapped = BINARY_EXT[ft.ext]
    if (mapped) {
      // A KMZ / XLSX / ODS found by file-type from the head is already the best answer.
      return result(mapped, {}, mapped === 'binary' ? ft.mime : undefined)
    }
    if (ft.mime.startsWith('image/')) return result('image', {}, ft.mime)
    if (!isTextLike(ft.ext)) return result('binary', {}, ft.mime)
  }
  return sniffText(head, options.complete ?? false)
}

function isTextLike(ext: string): boolean {
  return ['xml', 'svg', 'html', 'json', 'csv', 'txt', 'ics', 'vcf', 'rtf', 'ps', 'eps'].includes(ext)
}

function sniffZip(head: Uint8Array, tail?: Uint8Array): SniffResult {
  let names = zipEntriesFromHead(head)
  let kind = classifyZipEntries(names)
  if (kind === 'other' && tail) {
    const fromTail = zipEntriesFromTail(tail)
    if (fromTail.length > 0) {
      names = fromTail
      kind = classifyZipEntries(names)
    }
  }
  const zipEntries = names.slice(0, 50)
  // OpenDocument puts an uncompressed "mimetype" entry first.
  if (names[0] === 'mimetype') {
    const text = new TextDecoder('latin1').decode(head.subarray(30, Math.min(head.length, 200)))
    if (text.includes('opendocument.spreadsheet')) return result('ods', { zipEntries })
    if (text.includes('opendocument.text')) return result('odt', { zipEntries })
  }
  switch (kind) {
    case 'shapefile':
      return result('shapefile-zip', { zipEntries })
    case 'xlsx':
      return result('xlsx', { zipEntries })
    case 'docx':
      return result('docx', { zipEntries })
    case 'kmz':
      return result('kmz', { zipEntries })
    default:
      return result('zip', { zipEntries })
  }
}

/** Old binary Office files share one container (CFB); their stream names tell them apart. */
function guessOle(head: Uint8Array): SniffedFormat {
  const s = Buffer.from(head).toString('utf16le')
  if (s.includes('Workbook') || s.includes('Book')) return 'xls'
  if (s.includes('WordDocument')) return 'doc'
  return 'binary'
}

function decodeHead(head: Uint8Array): string {
  let bytes = head
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3)
  else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2))
  }
  // Latin-1 never fails and keeps ASCII structure; encoding problems are the encoding check's job.
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes)
  return utf8
}

function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, 4096)
  let control = 0
  for (let i = 0; i < n; i++) {
    const b = head[i]
    if (b === 0) return true
    if (b < 9 || (b > 13 && b < 32)) control++
  }
  return control / n > 0.1
}

function sniffText(head: Uint8Array, complete: boolean): SniffResult {
  if (looksBinary(head) && !(head[0] === 0xff && head[1] === 0xfe) && !(head[0] === 0xfe && head[1] === 0xff)) {
    return result('binary')
  }
  const text = decodeHead(head)
  const trimmed = text.replace(/^\s+/, '')
  if (trimmed.length === 0) return result('empty', { text })
  const first = trimmed[0]
  if (first === '{' || first === '[') {
    const json = sniffJson(trimmed, complete)
    if (json) return result(json, { text })
  }
  if (first === '<') return result(sniffMarkup(trimmed), { text })
  if (/^(@prefix|@base|PREFIX\s|BASE\s)/i.test(trimmed)) return result('turtle', { text })
  if (/^(<[^>\s]+>|_:\S+)\s+<[^>\s]+>\s+/.test(trimmed)) return result('n-triples', { text })
  // HTML that does not start with a tag (stray text before <!DOCTYPE> happens).
  if (/<html[\s>]/i.test(trimmed.slice(0, 2048)) && /<\/?(head|body)[\s>]/i.test(trimmed.slice(0, 8192))) {
    return result('html', { text })
  }
  const delimiter = detectDelimiter(text, complete || head.length < 65536)
  if (delimiter) return result('csv', { text, delimiter })
  return result('text', { text })
}

function sniffJson(trimmed: string, complete: boolean): SniffedFormat | null {
  let parsed: unknown
  let parsedOk = false
  if (complete) {
    try {
      parsed = JSON.parse(trimmed)
      parsedOk = true
    } catch {
      parsedOk = false
    }
  }
  if (parsedOk) {
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const o = parsed as Record<string, unknown>
      if ('@context' in o || '@graph' in o) return 'json-ld'
      if (isGeoJsonObject(o)) return 'geojson'
    }
    if (Array.isArray(parsed) && parsed.length > 0 && typeof parsed[0] === 'object' && parsed[0] !== null && '@context' in (parsed[0] as object)) {
      return 'json-ld'
    }
    return 'json'
  }
  // Not the whole file, or invalid JSON: judge by the opening.
  const start = trimmed.slice(0, 4096)
  if (!/^(\{\s*("|\})|\[\s*(\{|\[|"|-?\d|true|false|null|\]))/.test(start)) return null
  if (/"@context"\s*:/.test(start)) return 'json-ld'
  if (/"type"\s*:\s*"(FeatureCollection|Feature)"/.test(start) && /"(features|geometry)"\s*:/.test(trimmed.slice(0, 65536))) return 'geojson'
  return 'json'
}

const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']

function isGeoJsonObject(o: Record<string, unknown>): boolean {
  if (o.type === 'FeatureCollection') return Array.isArray(o.features)
  if (o.type === 'Feature') return 'geometry' in o
  if (typeof o.type === 'string' && GEOMETRY_TYPES.includes(o.type)) return 'coordinates' in o || 'geometries' in o
  return false
}

function sniffMarkup(trimmed: string): SniffedFormat {
  const start = trimmed.slice(0, 8192)
  if (/^<!doctype\s+html/i.test(start) || /^<html[\s>]/i.test(start)) return 'html'
  // Skip the XML declaration, comments and processing instructions to the root element.
  const root = /^(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<([A-Za-z_][\w.\-]*(?::[\w.\-]+)?)/.exec(start)
  const name = root ? root[1].toLowerCase() : ''
  if (name === 'html' || name === 'xhtml:html') return 'html'
  if (name === 'rdf:rdf' || name.endsWith(':rdf') || name === 'rdf') return 'rdf-xml'
  if (name === 'kml' || name.endsWith(':kml')) return 'kml'
  if (name === 'feed') return 'atom'
  if (name === 'rss') return 'rss'
  if (name.startsWith('gml:') || /^wfs:featurecollection$/.test(name)) return 'gml'
  if (name === '' && /<(head|body|div|p|title)[\s>]/i.test(start)) return 'html'
  if (!root && /<(head|body|div|title)[\s>]/i.test(start)) return 'html'
  return 'xml'
}

const DELIMITERS = [',', ';', '\t', '|']

/**
 * The delimiter that splits every complete line (outside quotes) into the same number of
 * fields, at least two. When several do, the one giving more fields wins. A lone line
 * with a delimiter counts as CSV only when the head is the whole file.
 */
export function detectDelimiter(text: string, headIsWholeFile: boolean): string | null {
  let lines = text.split(/\r\n|\n|\r/)
  // The last line of a partial head may be cut mid-way.
  if (!headIsWholeFile && lines.length > 1) lines = lines.slice(0, -1)
  lines = lines.filter((l) => l.trim() !== '').slice(0, 50)
  if (lines.length === 0) return null
  let best: { d: string; fields: number; share: number } | null = null
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d))
    const freq = new Map<number, number>()
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1)
    let mode = 0
    let modeN = 0
    for (const [c, n] of freq) if (n > modeN || (n === modeN && c > mode)) [mode, modeN] = [c, n]
    if (mode < 1) continue
    const share = modeN / lines.length
    if (lines.length === 1 && !headIsWholeFile) continue
    // Multi-line quoted fields break line counts, so 80 % agreement is enough.
    if (lines.length >= 2 && share < 0.8) continue
    if (!best || share > best.share || (share === best.share && mode > best.fields)) best = { d, fields: mode + 1, share }
  }
  return best ? best.d : null
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0
  let inQuotes = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === '"') inQuotes = !inQuotes
    else if (c === d && !inQuotes) n++
  }
  return n
}
