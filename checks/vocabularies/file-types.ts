/**
 * The EU file-type authority table (a subset), with the two flags data.europa.eu's
 * Metadata Quality Assessment (MQA) uses: machine-readable and non-proprietary.
 *
 * Sources, cited so the lists can be re-checked:
 * - File types and their IRIs: the Publications Office authority table "File type",
 *   http://publications.europa.eu/resource/authority/file-type (EU Vocabularies,
 *   https://op.europa.eu/en/web/eu-vocabularies/dataset/-/resource?uri=http://publications.europa.eu/resource/authority/file-type).
 *   Only the entries a Swedish open-data publisher is likely to use are listed here.
 * - `mqaMachineReadable`: the data.europa.eu custom vocabulary
 *   `edp-machine-readable-format.rdf` in https://gitlab.com/european-data-portal/edp-vocabularies
 *   (branch master; the file carries no version number). Its 20 members are exactly:
 *   CSV, GEOJSON, ICS, JSON, JSON_LD, KML, KMZ, NETCDF, ODS, RDFA, RDF_N_QUADS,
 *   RDF_N_TRIPLES, RDF_TRIG, RDF_TURTLE, RDF_XML, RSS, SHP, XLS, XLSX, XML.
 * - `mqaNonProprietary`: `edp-non-proprietary-format.rdf` in the same repository. Its 29
 *   members are exactly: BMP, CSV, DBF, GEOJSON, GZIP, HTML, ICS, JPEG2000, JSON, JSON_LD,
 *   KML, KMZ, NETCDF, ODS, PNG, RDF_N_QUADS, RDF_N_TRIPLES, RDF_TRIG, RDF_TURTLE, RDF_XML,
 *   RSS, RTF, TAR, TIFF, TSV, TXT, WMS_SRVC, XML, ZIP.
 *   The MQA methodology (https://data.europa.eu/mqa/methodology) scores the
 *   "dct:format machine-readable" and "dct:format non-proprietary" indicators against
 *   these two lists; `MQA_FORMAT_LISTS_VERSION` pins which reading we encoded.
 *
 * The EDP lists are old and leave out some formats that are plainly open and structured
 * (Apache Parquet, GML, TSV as machine-readable). `openJudgement` records datavakt's own
 * judgement for the 5-star rating and the `proprietary-format` / `not-machine-readable`
 * findings, with the reason. MQA points always use the EDP flags, never this judgement,
 * so our MQA score stays comparable with data.europa.eu's.
 */

/** Which reading of the EDP lists is encoded above (stored with MQA results). */
export const MQA_FORMAT_LISTS_VERSION = 'edp-vocabularies@master (machine-readable 20 entries, non-proprietary 29 entries), read 2026-11'

export const EU_FILE_TYPE_BASE = 'http://publications.europa.eu/resource/authority/file-type/'

/** One entry of the EU file-type table with the flags we need. */
export interface FileTypeEntry {
  /** The EU code, e.g. 'CSV' (the IRI is EU_FILE_TYPE_BASE + code). */
  code: string
  label: string
  /** IANA media types that mean this file type (first is canonical). */
  mediaTypes: string[]
  /** File name extensions and free-text names publishers write in dct:format. */
  aliases: string[]
  /** Member of edp-machine-readable-format.rdf. */
  mqaMachineReadable: boolean
  /** Member of edp-non-proprietary-format.rdf. */
  mqaNonProprietary: boolean
  /** datavakt's judgement, used for stars and findings; differs from MQA only where a reason is given. */
  openJudgement: { machineReadable: boolean; nonProprietary: boolean; reason?: string }
  /** Linked-data serialisation (4 stars possible). */
  rdf?: boolean
}

function entry(
  code: string,
  label: string,
  mediaTypes: string[],
  aliases: string[],
  mr: boolean,
  np: boolean,
  extra: Partial<Pick<FileTypeEntry, 'openJudgement' | 'rdf'>> = {},
): FileTypeEntry {
  return {
    code,
    label,
    mediaTypes,
    aliases,
    mqaMachineReadable: mr,
    mqaNonProprietary: np,
    openJudgement: extra.openJudgement ?? { machineReadable: mr, nonProprietary: np },
    ...(extra.rdf ? { rdf: true } : {}),
  }
}

/** The file types datavakt knows, keyed by EU code. */
export const FILE_TYPES: Readonly<Record<string, FileTypeEntry>> = Object.fromEntries(
  [
    entry('CSV', 'CSV', ['text/csv', 'application/csv'], ['csv', 'kommaseparerad', 'semikolonseparerad'], true, true),
    entry('TSV', 'TSV', ['text/tab-separated-values'], ['tsv', 'tab'], false, true, {
      openJudgement: { machineReadable: true, nonProprietary: true, reason: 'TSV is CSV with tabs; the EDP machine-readable list simply omits it' },
    }),
    entry('JSON', 'JSON', ['application/json', 'text/json'], ['json'], true, true),
    entry('GEOJSON', 'GeoJSON', ['application/geo+json', 'application/vnd.geo+json'], ['geojson', 'geo+json'], true, true),
    entry('JSON_LD', 'JSON-LD', ['application/ld+json'], ['json-ld', 'jsonld'], true, true, { rdf: true }),
    entry('XML', 'XML', ['application/xml', 'text/xml'], ['xml'], true, true),
    entry('RDF_XML', 'RDF/XML', ['application/rdf+xml'], ['rdf', 'rdf/xml', 'rdf+xml', 'owl'], true, true, { rdf: true }),
    entry('RDF_TURTLE', 'Turtle', ['text/turtle', 'application/x-turtle'], ['ttl', 'turtle'], true, true, { rdf: true }),
    entry('RDF_N_TRIPLES', 'N-Triples', ['application/n-triples'], ['nt', 'n-triples', 'ntriples'], true, true, { rdf: true }),
    entry('RDF_N_QUADS', 'N-Quads', ['application/n-quads'], ['nq', 'n-quads'], true, true, { rdf: true }),
    entry('RDF_TRIG', 'TriG', ['application/trig'], ['trig'], true, true, { rdf: true }),
    entry('RDFA', 'RDFa', [], ['rdfa'], true, false, { rdf: true }),
    entry('KML', 'KML', ['application/vnd.google-earth.kml+xml'], ['kml'], true, true),
    entry('KMZ', 'KMZ', ['application/vnd.google-earth.kmz'], ['kmz'], true, true),
    entry('GML', 'GML', ['application/gml+xml'], ['gml'], false, false, {
      openJudgement: { machineReadable: true, nonProprietary: true, reason: 'GML is an open OGC/ISO 19136 XML standard; not on the EDP lists' },
    }),
    entry('ICS', 'iCalendar', ['text/calendar'], ['ics', 'ical', 'icalendar'], true, true),
    entry('NETCDF', 'NetCDF', ['application/netcdf', 'application/x-netcdf'], ['netcdf', 'nc'], true, true),
    entry('RSS', 'RSS', ['application/rss+xml'], ['rss'], true, true),
    entry('ATOM', 'Atom', ['application/atom+xml'], ['atom'], false, false, {
      openJudgement: { machineReadable: true, nonProprietary: true, reason: 'Atom is an open IETF standard (RFC 4287); not on the EDP lists' },
    }),
    entry('ODS', 'ODS', ['application/vnd.oasis.opendocument.spreadsheet'], ['ods', 'opendocument spreadsheet'], true, true),
    entry('XLSX', 'XLSX', ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], ['xlsx', 'excel', 'ms excel'], true, false),
    entry('XLS', 'XLS', ['application/vnd.ms-excel'], ['xls'], true, false),
    entry('SHP', 'Shapefile', ['application/x-shapefile', 'application/vnd.shp', 'x-gis/x-shapefile'], ['shp', 'shape', 'shapefile', 'esri shapefile', 'shape (zip)'], true, false),
    entry('PARQUET', 'Parquet', ['application/vnd.apache.parquet', 'application/x-parquet'], ['parquet'], false, false, {
      openJudgement: { machineReadable: true, nonProprietary: true, reason: 'Apache Parquet is an open columnar format (Apache 2.0 specification); newer than the EDP lists' },
    }),
    entry('DBF', 'DBF', ['application/dbf', 'application/x-dbf'], ['dbf'], false, true),
    entry('HTML', 'HTML', ['text/html', 'application/xhtml+xml'], ['html', 'htm', 'webbsida', 'webpage', 'web page', 'hemsida'], false, true),
    entry('TXT', 'Text', ['text/plain'], ['txt', 'text', 'plain text', 'textfil'], false, true),
    entry('PDF', 'PDF', ['application/pdf'], ['pdf'], false, false),
    entry('DOCX', 'DOCX', ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'], ['docx', 'word'], false, false),
    entry('DOC', 'DOC', ['application/msword'], ['doc'], false, false),
    entry('ODT', 'ODT', ['application/vnd.oasis.opendocument.text'], ['odt'], false, false, {
      openJudgement: { machineReadable: false, nonProprietary: true, reason: 'OpenDocument (ISO/IEC 26300) is an open standard; not on the EDP non-proprietary list' },
    }),
    entry('PPTX', 'PPTX', ['application/vnd.openxmlformats-officedocument.presentationml.presentation'], ['pptx', 'powerpoint'], false, false),
    entry('RTF', 'RTF', ['application/rtf', 'text/rtf'], ['rtf'], false, true),
    entry('ZIP', 'ZIP', ['application/zip', 'application/x-zip-compressed'], ['zip'], false, true),
    entry('GZIP', 'GZIP', ['application/gzip', 'application/x-gzip'], ['gz', 'gzip'], false, true),
    entry('TAR', 'TAR', ['application/x-tar'], ['tar'], false, true),
    entry('PNG', 'PNG', ['image/png'], ['png'], false, true),
    entry('JPEG', 'JPEG', ['image/jpeg'], ['jpg', 'jpeg'], false, false),
    entry('TIFF', 'TIFF', ['image/tiff'], ['tif', 'tiff', 'geotiff'], false, true),
    entry('BMP', 'BMP', ['image/bmp'], ['bmp'], false, true),
    entry('JPEG2000', 'JPEG 2000', ['image/jp2'], ['jp2', 'jpeg2000'], false, true),
    entry('WMS_SRVC', 'WMS', ['application/vnd.ogc.wms_xml'], ['wms'], false, true),
    entry('WFS_SRVC', 'WFS', ['application/vnd.ogc.wfs_xml'], ['wfs'], false, false, {
      openJudgement: { machineReadable: true, nonProprietary: true, reason: 'OGC WFS serves GML/GeoJSON features; an open standard not on the EDP lists' },
    }),
    entry('SQLITE', 'SQLite', ['application/vnd.sqlite3', 'application/x-sqlite3'], ['sqlite', 'sqlite3', 'db'], false, false, {
      openJudgement: { machineReadable: true, nonProprietary: true, reason: 'SQLite is a public-domain, documented file format' },
    }),
  ].map((e) => [e.code, e]),
)

const byMediaType = new Map<string, string>()
const byAlias = new Map<string, string>()
for (const e of Object.values(FILE_TYPES)) {
  for (const m of e.mediaTypes) byMediaType.set(m, e.code)
  for (const a of e.aliases) byAlias.set(a, e.code)
  byAlias.set(e.code.toLowerCase(), e.code)
  byAlias.set(e.label.toLowerCase(), e.code)
}

/** Returns the EU code for an IANA media type (parameters ignored), or null. */
export function fileTypeForMediaType(mediaType: string): string | null {
  const m = mediaType.split(';')[0].trim().toLowerCase()
  return byMediaType.get(m) ?? null
}

/**
 * Reads one declared dct:format or dcat:mediaType value into an EU file-type code.
 * Accepts the EU IRI (http or https, with or without a trailing slash), an IANA IRI
 * (https://www.iana.org/assignments/media-types/text/csv), a bare media type, a file
 * extension, or free text such as "CSV", "Excel" or "CSV (zip)". Returns null when the
 * value names nothing we know (an API, "Övrigt", an unknown code); never guesses further.
 */
export function resolveDeclaredFileType(value: string | null | undefined): string | null {
  if (!value) return null
  let v = value.trim()
  if (v === '') return null
  const eu = /^https?:\/\/publications\.europa\.eu\/resource\/authority\/file-type\/([A-Za-z0-9_]+)\/?$/.exec(v)
  if (eu) {
    // An EU code we do not list is still a valid declaration; keep it as written.
    return eu[1].toUpperCase()
  }
  const iana = /^https?:\/\/(?:www\.)?iana\.org\/assignments\/media-types\/(.+?)\/?$/.exec(v)
  if (iana) v = iana[1]
  if (/^[a-z]+\/[a-z0-9.+\-]+/i.test(v)) {
    const byType = fileTypeForMediaType(v)
    if (byType) return byType
  }
  const lower = v.toLowerCase().replace(/^\./, '')
  const direct = byAlias.get(lower)
  if (direct) return direct
  // "CSV (zip)", "Shape (zip)": a zipped file; say ZIP unless the inner type is a
  // shapefile, which is always zipped in practice.
  const zipped = /^(.+?)\s*\(\s*zip\s*\)$/.exec(lower)
  if (zipped) {
    const inner = byAlias.get(zipped[1].trim())
    return inner === 'SHP' ? 'SHP' : 'ZIP'
  }
  return null
}

/** The EU IRI for a code. */
export function fileTypeIri(code: string): string {
  return EU_FILE_TYPE_BASE + code
}
