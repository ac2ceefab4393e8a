/**
 * Decides cheaply, from the declared format and the first bytes, whether content is CSV,
 * JSON/GeoJSON or something else, so the tabular checks know whether they apply. The
 * format check does the careful sniffing; this only keeps csv-structure off a PDF and
 * conformance from parsing HTML as CSV.
 */
import { looksDelimited } from './csv-sniffer.js'
import type { CheckTarget } from './types.js'

/** No bytes, or only a UTF-8 byte order mark. */
function isEmpty(head: Uint8Array): boolean {
  return head.length === 0 || (head.length === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
}

export type ContentKind = 'csv' | 'json' | 'geojson' | 'other'

const CSV_DECLARED = /(^|[/\s])(csv|tsv|text\/csv|text\/tab-separated-values)($|[\s;])|file-type\/(CSV|TSV)$/i
const JSON_DECLARED = /json|file-type\/(JSON|GEOJSON)$/i

function startsWithText(head: Uint8Array, prefixes: string[]): boolean {
  const s = Buffer.from(head.subarray(0, 512)).toString('latin1').replace(/^\u00ef\u00bb\u00bf/, '').trimStart().toLowerCase()
  return prefixes.some((p) => s.startsWith(p))
}

/** True when the bytes look like binary (a NUL byte early, or a known binary signature). */
export function looksBinary(head: Uint8Array): boolean {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return false // UTF-16 text
  const n = Math.min(head.length, 8192)
  for (let i = 0; i < n; i++) if (head[i] === 0) return true
  return startsWithText(head, ['%pdf', 'pk\u0003\u0004', 'par1'])
}

/** Answers already given per head: every check asks (appliesTo), and sniffing a hostile head is not free. */
const known = new WeakMap<Uint8Array, Map<string, ContentKind>>()

/** Sniffs JSON, HTML/XML or CSV-like text from the head, with the declared format as a tie-breaker. */
export function contentKindOf(head: Uint8Array, declared: (string | null | undefined)[] = []): ContentKind {
  const key = declared.map((d) => d ?? '').join('\u0000')
  let byDeclared = known.get(head)
  if (!byDeclared) known.set(head, (byDeclared = new Map()))
  let kind = byDeclared.get(key)
  if (kind === undefined) byDeclared.set(key, (kind = sniffKind(head, declared)))
  return kind
}

function sniffKind(head: Uint8Array, declared: (string | null | undefined)[]): ContentKind {
  if (looksBinary(head)) return 'other'
  if (startsWithText(head, ['<'])) return 'other'
  if (startsWithText(head, ['{', '['])) {
    const text = Buffer.from(head.subarray(0, 4096)).toString('utf8')
    return /"type"\s*:\s*"(FeatureCollection|Feature)"/.test(text) ? 'geojson' : 'json'
  }
  const decl = declared.filter((d): d is string => !!d)
  const jsonOnly = decl.some((d) => JSON_DECLARED.test(d)) && !decl.some((d) => CSV_DECLARED.test(d))
  // An empty file is read as the table a data file is expected to be, so that it is what
  // Frictionless calls it, a source-error, and not "format unknown" with no errors.
  if (isEmpty(head)) return jsonOnly ? 'json' : 'csv'
  if (jsonOnly) return 'other'
  // Plain text with line structure: CSV when a delimiter appears on the first line, when
  // the lines share one (as Frictionless's sniffer finds it: a title or a comment line
  // above the header does not hide the table), or when CSV was declared.
  const text = Buffer.from(head.subarray(0, 65_536)).toString('latin1')
  const firstLine = text.split(/\r?\n/, 1)[0] ?? ''
  const afterFirst = text.slice(firstLine.length + 1)
  if (/[,;\t|]/.test(firstLine) || decl.some((d) => CSV_DECLARED.test(d)) || looksDelimited(text) || looksDelimited(afterFirst)) return 'csv'
  return 'other'
}

/** The kind of a target's content, or null when it has none. */
export function targetContentKind(target: CheckTarget): ContentKind | null {
  if (!target.content) return null
  const d = target.distribution
  return contentKindOf(target.content.head, [d?.format, d?.mediaType, target.content.contentType])
}
