/**
 * The `format` check: is the file what the catalogue says it is?
 *
 * It sniffs the real format from the bytes (`sniff/sniff-format.ts`), compares it with the
 * declared dct:format and dcat:mediaType (EU file-type IRI, IANA type or free text), and
 * rates the distribution on Berners-Lee's 5-star scheme.
 *
 * Finding codes (stable, stored):
 * - `format-mismatch` (error; warning when the two are close, e.g. GeoJSON declared and
 *   plain JSON served, or a ZIP holding the declared file): the bytes are not the declared format.
 * - `soft-404` (error): an HTML error page ("Sidan hittades inte", "Page not found", a 404
 *   title) answered with status 200.
 * - `empty-content` (error): the body is empty or only whitespace.
 * - `not-machine-readable` (warning): the served format is not machine-readable (PDF,
 *   HTML, Word, images, plain text), per the EU list and our judgement in vocabularies/file-types.ts.
 * - `proprietary-format` (warning): machine-readable but proprietary (XLSX, XLS, Shapefile).
 *   Not raised for formats that are already `not-machine-readable`: one fix covers both.
 *   Neither is raised next to a `format-mismatch` error (the fix is to serve the declared file).
 * - `size-mismatch` (warning): dcat:byteSize differs from the bytes served by more than
 *   5 % and 1 KiB; only when what is served is the declared file (see servesTheFile).
 * - `format-undeclared` (info): neither dct:format nor dcat:mediaType is given.
 * - `access-url-landing-page` (warning): no dcat:downloadURL, and the accessURL (which DCAT
 *   allows to be a web page) serves HTML; replaces `format-mismatch` in that case.
 *
 * Facts: detectedFormat, detectedMediaType, detectedFileType, declaredFileType, delimiter,
 * stars (0–5), starsReason, starsExplanation, machineReadable, nonProprietary, soft404,
 * truncatedAtCap. Metrics: bytes (when known), declaredBytes, stars, elapsedMs.
 */
import type { Check, CheckContext, CheckResult, CheckTarget, Finding } from './types.js'
import { sniffFormat, type SniffedFormat, type SniffResult } from './sniff/sniff-format.js'
import { detectErrorPage } from './sniff/error-page.js'
import { FILE_TYPES, resolveDeclaredFileType } from './vocabularies/file-types.js'
import { rateFiveStars } from './vocabularies/five-star-openness.js'
import { statusOf } from './status-of.js'

/** EU file-type codes each sniffed format is compatible with. */
const COMPATIBLE: Record<SniffedFormat, string[]> = {
  empty: [],
  csv: ['CSV', 'TSV', 'TXT'],
  text: ['TXT', 'CSV', 'TSV', 'RDF_TURTLE', 'RDF_N_TRIPLES', 'RDF_N_QUADS', 'RDF_TRIG', 'ICS'],
  json: ['JSON'],
  geojson: ['GEOJSON', 'JSON'],
  'json-ld': ['JSON_LD', 'JSON'],
  xml: ['XML', 'WMS_SRVC', 'WFS_SRVC', 'GML', 'RDF_XML', 'KML', 'ATOM', 'RSS'],
  'rdf-xml': ['RDF_XML', 'XML'],
  kml: ['KML', 'XML'],
  gml: ['GML', 'XML', 'WFS_SRVC'],
  atom: ['ATOM', 'XML', 'RSS'],
  rss: ['RSS', 'XML'],
  turtle: ['RDF_TURTLE', 'TXT'],
  'n-triples': ['RDF_N_TRIPLES', 'RDF_N_QUADS', 'RDF_TURTLE', 'TXT'],
  html: ['HTML'],
  xlsx: ['XLSX'],
  xls: ['XLS'],
  ods: ['ODS'],
  docx: ['DOCX'],
  doc: ['DOC'],
  odt: ['ODT'],
  pptx: ['PPTX'],
  kmz: ['KMZ', 'ZIP'],
  zip: ['ZIP'],
  'shapefile-zip': ['SHP', 'ZIP'],
  pdf: ['PDF'],
  parquet: ['PARQUET'],
  gzip: ['GZIP'],
  sqlite: ['SQLITE'],
  image: ['PNG', 'JPEG', 'TIFF', 'BMP', 'JPEG2000'],
  binary: [],
}

/** Declared/served pairs that differ only a little: reported as warnings. */
const NEAR: Array<[declared: string, served: SniffedFormat]> = [
  ['GEOJSON', 'json'],
  ['JSON_LD', 'json'],
  ['XLS', 'xlsx'],
  ['XLSX', 'xls'],
  ['XLSX', 'ods'],
  ['XLS', 'ods'],
  ['ODS', 'xlsx'],
  ['TSV', 'csv'],
  ['KMZ', 'kml'],
  ['KML', 'kmz'],
  ['SHP', 'zip'],
]

/** Text formats: when the bytes are plain text we cannot rule these out. */
const TEXTUAL = new Set(['TXT', 'CSV', 'TSV', 'RDF_TURTLE', 'RDF_N_TRIPLES', 'RDF_N_QUADS', 'RDF_TRIG', 'ICS'])
/** Binary formats we do not sniff: unknown binary bytes may well be one of them. */
const UNSNIFFED_BINARY = new Set(['NETCDF', 'DBF', 'SHP', 'TAR', 'JPEG2000', 'BMP', 'TIFF'])
/** Hosts of common vocabularies: links to them do not make "links to other data". */
const VOCABULARY_HOSTS = /^(www\.)?(w3\.org|purl\.org|xmlns\.com|schema\.org|data\.europa\.eu|publications\.europa\.eu|creativecommons\.org|www\.opengis\.net|opengis\.net)$/

const EXT_BY_CODE: Record<string, string[]> = {
  CSV: ['.csv', '.txt'],
  TSV: ['.tsv', '.tab'],
  JSON: ['.json'],
  GEOJSON: ['.geojson', '.json'],
  XML: ['.xml'],
  XLSX: ['.xlsx'],
  XLS: ['.xls'],
  ODS: ['.ods'],
  KML: ['.kml'],
  GML: ['.gml'],
  PDF: ['.pdf'],
  SHP: ['.shp'],
}

interface StreamFacts {
  bytes: number | null
  tail: Uint8Array | undefined
  truncated: boolean
}

/** Streams the body once, counting bytes and keeping the last 64 KiB (memory stays flat). */
async function readThrough(target: CheckTarget, wantTail: boolean): Promise<StreamFacts> {
  const content = target.content!
  const known = content.bytesRead()
  if (known !== null && !wantTail) return { bytes: known, tail: undefined, truncated: content.truncatedAtCap() }
  const keep = 65536
  let chunks: Uint8Array[] = []
  let kept = 0
  let bytes = 0
  for await (const chunk of content.stream()) {
    bytes += chunk.length
    if (wantTail) {
      chunks.push(chunk)
      kept += chunk.length
      while (chunks.length > 1 && kept - chunks[0].length >= keep) {
        kept -= chunks[0].length
        chunks = chunks.slice(1)
      }
    }
  }
  const tail = wantTail ? Buffer.concat(chunks).subarray(-keep) : undefined
  return { bytes, tail, truncated: content.truncatedAtCap() }
}

function declaredCodes(target: CheckTarget): { code: string; property: string; raw: string }[] {
  const d = target.distribution!
  const out: { code: string; property: string; raw: string }[] = []
  const f = resolveDeclaredFileType(d.format)
  if (f && d.format) out.push({ code: f, property: 'dct:format', raw: d.format })
  const m = resolveDeclaredFileType(d.mediaType)
  if (m && d.mediaType && !out.some((o) => o.code === m)) out.push({ code: m, property: 'dcat:mediaType', raw: d.mediaType })
  return out
}

function label(code: string): string {
  return FILE_TYPES[code]?.label ?? code
}

function servedLabel(s: SniffResult): string {
  if (s.fileType) return label(s.fileType)
  return s.format
}

/** 'ok' | 'near' | 'mismatch' for one declared code against the sniff. */
function compare(code: string, sniff: SniffResult): 'ok' | 'near' | 'mismatch' {
  if (COMPATIBLE[sniff.format].includes(code)) return 'ok'
  if (sniff.format === 'text' && TEXTUAL.has(code)) return 'ok'
  if (sniff.format === 'binary' && (UNSNIFFED_BINARY.has(code) || !FILE_TYPES[code])) return 'ok'
  if (sniff.format === 'image' && !FILE_TYPES[code]) return 'ok'
  if (NEAR.some(([d, s]) => d === code && s === sniff.format)) return 'near'
  if ((sniff.format === 'zip' || sniff.format === 'gzip') && sniff.zipEntries) {
    const exts = EXT_BY_CODE[code] ?? []
    if (sniff.zipEntries.some((n) => exts.some((e) => n.toLowerCase().endsWith(e)))) return 'near'
  }
  return 'mismatch'
}

function linksToOtherData(text: string | undefined, ownUrl: string): boolean {
  if (!text) return false
  let own = ''
  try {
    own = new URL(ownUrl).hostname
  } catch {
    own = ''
  }
  const iris = text.match(/https?:\/\/[A-Za-z0-9.\-]+/g) ?? []
  return iris.some((iri) => {
    const host = iri.replace(/^https?:\/\//, '').toLowerCase()
    return host !== own && !VOCABULARY_HOSTS.test(host)
  })
}

/** What the body is: the sniffed format, and what streaming it (when needed) learnt. */
async function readBody(target: CheckTarget): Promise<{ sniff: SniffResult; streamed: StreamFacts }> {
  const content = target.content!
  const head = content.head
  const zipHead = head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b
  const needBytes = target.distribution!.byteSize !== null
  // The head is the whole body when it is shorter than the head limit.
  const headIsWhole = (content.contentLength !== null && content.contentLength === head.length) || head.length < 65536
  let streamed: StreamFacts = { bytes: headIsWhole ? head.length : content.bytesRead(), tail: undefined, truncated: false }
  if ((needBytes && streamed.bytes === null) || (zipHead && !headIsWhole)) {
    streamed = await readThrough(target, zipHead && !headIsWhole)
  }
  const sniff = await sniffFormat(head, { tail: streamed.tail ?? (headIsWhole ? head : undefined), complete: headIsWhole })
  return { sniff, streamed }
}

/** What the served bytes say about the file: is it there, is it what was declared. */
interface Served {
  findings: Finding[]
  soft404: boolean
  available: boolean
  landingPage: boolean
}

/** Empty body, soft 404, undeclared format, landing page, declared format not served. */
function servedFindings(dist: NonNullable<CheckTarget['distribution']>, sniff: SniffResult, declared: ReturnType<typeof declaredCodes>): Served {
  const findings: Finding[] = []
  let soft404 = false
  let available = true
  if (sniff.format === 'empty') {
    available = false
    findings.push({ code: 'empty-content', severity: 'error', params: {} })
  }
  if (sniff.format === 'html') {
    const page = detectErrorPage(sniff.text ?? '')
    if (page) {
      soft404 = true
      available = false
      findings.push({
        code: 'soft-404',
        severity: 'error',
        params: { evidence: page.evidence.slice(0, 120) },
        location: { property: dist.downloadUrl ? 'dcat:downloadURL' : 'dcat:accessURL' },
      })
    }
  }
  if (!dist.format?.trim() && !dist.mediaType?.trim()) {
    findings.push({ code: 'format-undeclared', severity: 'info', params: { fileType: sniff.fileType ?? 'CSV' }, location: { property: 'dct:format' } })
  }
  // DCAT allows an accessURL that is a web page. Without a downloadURL that is what we
  // fetched, so a page there is a missing download link, not a wrong file.
  const landingPage = sniff.format === 'html' && !soft404 && !dist.downloadUrl && !declared.some((d) => d.code === 'HTML')
  if (landingPage) findings.push({ code: 'access-url-landing-page', severity: 'warning', params: {}, location: { property: 'dcat:downloadURL' } })
  // A soft 404 or an empty body already says the declared file is not there.
  if (!soft404 && !landingPage && sniff.format !== 'empty') {
    for (const d of declared) {
      const verdict = compare(d.code, sniff)
      if (verdict === 'ok') continue
      findings.push({
        code: 'format-mismatch',
        severity: verdict === 'near' ? 'warning' : 'error',
        params: { declared: label(d.code), property: d.property, raw: d.raw, served: servedLabel(sniff), servedHtml: sniff.format === 'html' },
        location: { property: d.property },
      })
    }
  }
  return { findings, soft404, available, landingPage }
}

/** The file type that decides openness: what is really served, or the declaration when the bytes cannot tell. */
function effectiveFileType(sniff: SniffResult, declared: ReturnType<typeof declaredCodes>): string | null {
  const definite = !['text', 'binary', 'empty', 'image'].includes(sniff.format) || (sniff.format === 'text' && declared.length === 0)
  return definite ? sniff.fileType : (declared[0]?.code ?? sniff.fileType)
}

/** not-machine-readable or proprietary-format for the effective file type, when the served file is the declared one. */
function opennessFinding(served: Served, effective: string | null): Finding | null {
  const ft = effective ? FILE_TYPES[effective] : undefined
  if (!served.available || !ft) return null
  // When the bytes are not the declared file at all, serving the declared file is the one
  // fix; judging the wrong bytes' format on top would only repeat it.
  if (served.findings.some((f) => f.code === 'format-mismatch' && f.severity === 'error')) return null
  const params = { format: ft.label, fileType: ft.code }
  if (!ft.openJudgement.machineReadable && !served.landingPage) return { code: 'not-machine-readable', severity: 'warning', params, location: { property: 'dct:format' } }
  if (!ft.openJudgement.nonProprietary) return { code: 'proprietary-format', severity: 'warning', params, location: { property: 'dct:format' } }
  return null
}

/**
 * Whether the bytes served are the declared file, so that their size can be held against
 * dcat:byteSize. Not when nothing came (empty, a "not found" page), when a web page came
 * where another format is declared (a sign-in form, a portal page, a landing page), or when
 * another format came (format-mismatch): the fix is to serve the file, and "update
 * dcat:byteSize to 471" (a sign-in page's size) or "to 0" would be wrong advice.
 */
function servesTheFile(served: Served, sniff: SniffResult, declared: ReturnType<typeof declaredCodes>): boolean {
  if (!served.available || served.landingPage) return false
  if (sniff.format === 'html' && !declared.some((d) => d.code === 'HTML')) return false
  return !served.findings.some((f) => f.code === 'format-mismatch' && f.severity === 'error')
}

/** size-mismatch when dcat:byteSize differs from the bytes served by more than 5 % and 1 KiB. */
function sizeFinding(declaredBytes: number | null, streamed: StreamFacts): Finding | null {
  const realBytes = streamed.bytes
  if (declaredBytes === null || realBytes === null || (streamed.truncated && realBytes < declaredBytes)) return null
  if (Math.abs(realBytes - declaredBytes) <= Math.max(1024, 0.05 * realBytes)) return null
  return { code: 'size-mismatch', severity: 'warning', params: { declared: declaredBytes, actual: realBytes }, location: { property: 'dcat:byteSize' } }
}

/** See the module comment. */
export const formatCheck: Check = {
  id: 'format',
  dimension: 'format',
  appliesTo(target: CheckTarget): boolean {
    return target.distribution !== undefined && target.content !== undefined
  },
  async run(target: CheckTarget, ctx: CheckContext): Promise<CheckResult> {
    const started = Date.now()
    const content = target.content!
    const dist = target.distribution!
    if (content.httpStatus !== null && (content.httpStatus < 200 || content.httpStatus >= 300)) {
      // Not served: that is the availability check's finding, not ours.
      return { status: 'skipped', findings: [], facts: { reason: `http-${content.httpStatus}` } }
    }
    const { sniff, streamed } = await readBody(target)
    const declared = declaredCodes(target)
    const served = servedFindings(dist, sniff, declared)
    const effective = effectiveFileType(sniff, declared)
    const ft = effective ? FILE_TYPES[effective] : undefined
    const findings = [...served.findings]
    for (const f of [opennessFinding(served, effective), servesTheFile(served, sniff, declared) ? sizeFinding(dist.byteSize, streamed) : null]) if (f) findings.push(f)
    const rating = rateFiveStars(
      {
        available: served.available,
        licence: dist.license ?? target.dataset.license,
        fileType: effective,
        linksToOtherData: Boolean(ft?.rdf) && linksToOtherData(sniff.text, content.url),
      },
      ctx.lang,
    )
    const metrics: Record<string, number> = { stars: rating.stars, elapsedMs: Date.now() - started }
    if (streamed.bytes !== null) metrics.bytes = streamed.bytes
    if (dist.byteSize !== null) metrics.declaredBytes = dist.byteSize
    return {
      status: statusOf(findings),
      findings,
      metrics,
      facts: {
        detectedFormat: sniff.format,
        detectedMediaType: sniff.mediaType,
        detectedFileType: sniff.fileType,
        declaredFileType: declared[0]?.code ?? null,
        delimiter: sniff.delimiter ?? null,
        stars: rating.stars,
        starsReason: rating.reason,
        starsExplanation: rating.explanation,
        machineReadable: ft?.openJudgement.machineReadable ?? false,
        nonProprietary: ft?.openJudgement.nonProprietary ?? false,
        soft404: served.soft404,
        truncatedAtCap: streamed.truncated,
      },
    }
  },
}
