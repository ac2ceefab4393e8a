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
 *   5 % and 1 KiB.
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

type Lang = 'sv' | 'en'
const t = (lang: Lang, sv: string, en: string): string => (lang === 'en' ? en : sv)

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

/** See the module comment. */
export const formatCheck: Check = {
  id: 'format',
  dimension: 'format',
  appliesTo(target: CheckTarget): boolean {
    return target.distribution !== undefined && target.content !== undefined
  },
  async run(target: CheckTarget, ctx: CheckContext): Promise<CheckResult> {
    const started = Date.now()
    const lang = ctx.lang
    const content = target.content!
    const dist = target.distribution!
    if (content.httpStatus !== null && (content.httpStatus < 200 || content.httpStatus >= 300)) {
      // Not served: that is the availability check's finding, not ours.
      return { status: 'skipped', findings: [], facts: { reason: `http-${content.httpStatus}` } }
    }
    const findings: Finding[] = []
    const head = content.head
    const zipHead = head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b
    const needBytes = dist.byteSize !== null
    // The head is the whole body when it is shorter than the head limit.
    const headIsWhole = (content.contentLength !== null && content.contentLength === head.length) || head.length < 65536
    let streamed: StreamFacts = { bytes: headIsWhole ? head.length : content.bytesRead(), tail: undefined, truncated: false }
    if ((needBytes && streamed.bytes === null) || (zipHead && !headIsWhole)) {
      streamed = await readThrough(target, zipHead && !headIsWhole)
    }
    const sniff = await sniffFormat(head, { tail: streamed.tail ?? (headIsWhole ? head : undefined), complete: headIsWhole })

    const declared = declaredCodes(target)
    let soft404 = false
    let available = true

    if (sniff.format === 'empty') {
      available = false
      findings.push({
        code: 'empty-content',
        severity: 'error',
        message: t(lang, 'Filen är tom.', 'The file is empty.'),
        hint: t(lang, 'Kontrollera att exporten till filen fungerar och att rätt fil ligger på adressen.', 'Check that the export to the file works and that the right file is at the address.'),
      })
    }

    if (sniff.format === 'html') {
      const page = detectErrorPage(sniff.text ?? '')
      if (page) {
        soft404 = true
        available = false
        findings.push({
          code: 'soft-404',
          severity: 'error',
          message: t(
            lang,
            `Adressen svarar 200 OK men visar en felsida ("${page.evidence.slice(0, 120)}").`,
            `The address answers 200 OK but shows an error page ("${page.evidence.slice(0, 120)}").`,
          ),
          hint: t(
            lang,
            'Filen har troligen flyttats eller tagits bort. Uppdatera nedladdningsadressen i katalogen, eller låt servern svara 404/410 när filen saknas.',
            'The file has probably moved or been removed. Update the download URL in the catalogue, or let the server answer 404/410 when the file is missing.',
          ),
          location: { property: dist.downloadUrl ? 'dcat:downloadURL' : 'dcat:accessURL' },
        })
      }
    }

    if (!dist.format?.trim() && !dist.mediaType?.trim()) {
      findings.push({
        code: 'format-undeclared',
        severity: 'info',
        message: t(lang, 'Distributionen anger inget format (dct:format eller dcat:mediaType).', 'The distribution declares no format (dct:format or dcat:mediaType).'),
        hint: t(
          lang,
          `Ange formatet som EU-filtyp, t.ex. http://publications.europa.eu/resource/authority/file-type/${sniff.fileType ?? 'CSV'}.`,
          `Declare the format as an EU file type, e.g. http://publications.europa.eu/resource/authority/file-type/${sniff.fileType ?? 'CSV'}.`,
        ),
        location: { property: 'dct:format' },
      })
    }

    // DCAT allows an accessURL that is a web page. Without a downloadURL that is what we
    // fetched, so a page there is a missing download link, not a wrong file.
    const landingPage = sniff.format === 'html' && !soft404 && !dist.downloadUrl && !declared.some((d) => d.code === 'HTML')
    if (landingPage) {
      findings.push({
        code: 'access-url-landing-page',
        severity: 'warning',
        message: t(
          lang,
          'Åtkomstadressen leder till en webbsida och distributionen saknar nedladdningsadress.',
          'The access URL leads to a web page and the distribution has no download URL.',
        ),
        hint: t(
          lang,
          'Ange dcat:downloadURL med en direktlänk till filen, så att den kan hämtas och kontrolleras automatiskt.',
          'Add dcat:downloadURL with a direct link to the file, so it can be fetched and checked automatically.',
        ),
        location: { property: 'dcat:downloadURL' },
      })
    }
    // A soft 404 or an empty body already says the declared file is not there.
    if (!soft404 && !landingPage && sniff.format !== 'empty') {
      for (const d of declared) {
        const verdict = compare(d.code, sniff)
        if (verdict === 'ok') continue
        findings.push({
          code: 'format-mismatch',
          severity: verdict === 'near' ? 'warning' : 'error',
          message: t(
            lang,
            `Angivet format är ${label(d.code)} (${d.property} "${d.raw}") men filen är ${servedLabel(sniff)}.`,
            `The declared format is ${label(d.code)} (${d.property} "${d.raw}") but the file is ${servedLabel(sniff)}.`,
          ),
          hint:
            sniff.format === 'html'
              ? t(
                  lang,
                  'Adressen leder till en webbsida, inte till filen. Länka direkt till filen som dcat:downloadURL, eller ange webbsidan som dcat:accessURL.',
                  'The address leads to a web page, not to the file. Link straight to the file as dcat:downloadURL, or give the page as dcat:accessURL.',
                )
              : t(
                  lang,
                  `Rätta formatet i katalogen till ${servedLabel(sniff)}, eller publicera filen i det angivna formatet ${label(d.code)}.`,
                  `Correct the format in the catalogue to ${servedLabel(sniff)}, or publish the file in the declared format ${label(d.code)}.`,
                ),
          location: { property: d.property },
        })
      }
    }

    // What is really served decides openness; when the bytes cannot tell, the declaration does.
    const definite = !['text', 'binary', 'empty', 'image'].includes(sniff.format) || (sniff.format === 'text' && declared.length === 0)
    const effective = definite ? sniff.fileType : (declared[0]?.code ?? sniff.fileType)
    const ft = effective ? FILE_TYPES[effective] : undefined
    const machineReadable = ft?.openJudgement.machineReadable ?? false
    const nonProprietary = ft?.openJudgement.nonProprietary ?? false
    // When the bytes are not the declared file at all, serving the declared file is the one
    // fix; judging the wrong bytes' format on top would only repeat it.
    const wrongFile = findings.some((f) => f.code === 'format-mismatch' && f.severity === 'error')
    if (available && ft && !machineReadable && !landingPage && !wrongFile) {
      findings.push({
        code: 'not-machine-readable',
        severity: 'warning',
        message: t(lang, `Formatet ${ft.label} är inte maskinläsbart.`, `The format ${ft.label} is not machine-readable.`),
        hint: t(
          lang,
          'Publicera uppgifterna även som strukturerad data, t.ex. CSV, JSON eller GeoJSON, så att de kan läsas av program.',
          'Also publish the data as structured data, e.g. CSV, JSON or GeoJSON, so that programs can read it.',
        ),
        location: { property: 'dct:format' },
      })
    } else if (available && ft && !nonProprietary && !wrongFile) {
      findings.push({
        code: 'proprietary-format',
        severity: 'warning',
        message: t(lang, `Formatet ${ft.label} är proprietärt.`, `The format ${ft.label} is proprietary.`),
        hint: t(
          lang,
          ft.code === 'SHP'
            ? 'Publicera även som GeoJSON eller GeoPackage, som är öppna format.'
            : 'Publicera även som CSV eller ODS, som är öppna format och läses av alla program.',
          ft.code === 'SHP'
            ? 'Also publish as GeoJSON or GeoPackage, which are open formats.'
            : 'Also publish as CSV or ODS, which are open formats every program reads.',
        ),
        location: { property: 'dct:format' },
      })
    }

    const realBytes = streamed.bytes
    if (dist.byteSize !== null && realBytes !== null && !(streamed.truncated && realBytes < dist.byteSize)) {
      const diff = Math.abs(realBytes - dist.byteSize)
      if (diff > Math.max(1024, 0.05 * realBytes)) {
        findings.push({
          code: 'size-mismatch',
          severity: 'warning',
          message: t(
            lang,
            `Angiven filstorlek är ${dist.byteSize} byte men filen är ${realBytes} byte.`,
            `The declared size is ${dist.byteSize} bytes but the file is ${realBytes} bytes.`,
          ),
          hint: t(
            lang,
            `Uppdatera dcat:byteSize till ${realBytes}, helst automatiskt när filen uppdateras.`,
            `Update dcat:byteSize to ${realBytes}, preferably automatically whenever the file is updated.`,
          ),
          location: { property: 'dcat:byteSize' },
        })
      }
    }

    const rating = rateFiveStars(
      {
        available,
        licence: dist.license ?? target.dataset.license,
        fileType: effective,
        linksToOtherData: Boolean(ft?.rdf) && linksToOtherData(sniff.text, content.url),
      },
      lang,
    )

    const status: CheckResult['status'] = findings.some((f) => f.severity === 'error')
      ? 'fail'
      : findings.some((f) => f.severity === 'warning')
        ? 'warn'
        : 'pass'
    const metrics: Record<string, number> = { stars: rating.stars, elapsedMs: Date.now() - started }
    if (realBytes !== null) metrics.bytes = realBytes
    if (dist.byteSize !== null) metrics.declaredBytes = dist.byteSize
    return {
      status,
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
        machineReadable,
        nonProprietary,
        soft404,
        truncatedAtCap: streamed.truncated,
      },
    }
  },
}
