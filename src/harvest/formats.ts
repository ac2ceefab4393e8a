/**
 * Reading dct:format and dcat:mediaType. DCAT-AP-SE writes dct:format as a media type
 * literal ("text/csv"); DCAT-AP as an EU file-type IRI
 * (http://publications.europa.eu/resource/authority/file-type/CSV); dcat:mediaType is an
 * IANA IRI or a bare media type. Free text ("CSV") is common too.
 */

/** Namespace of the EU file-type authority table. */
export const EU_FILE_TYPE = 'http://publications.europa.eu/resource/authority/file-type/'

/** EU file-type code → the usual IANA media type (the common open-data formats). */
const FILE_TYPE_MEDIA: Record<string, string> = {
  CSV: 'text/csv',
  TSV: 'text/tab-separated-values',
  JSON: 'application/json',
  GEOJSON: 'application/geo+json',
  JSON_LD: 'application/ld+json',
  XML: 'application/xml',
  RDF_XML: 'application/rdf+xml',
  RDF_TURTLE: 'text/turtle',
  RDF_N_TRIPLES: 'application/n-triples',
  HTML: 'text/html',
  XHTML: 'application/xhtml+xml',
  TXT: 'text/plain',
  PDF: 'application/pdf',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  XLS: 'application/vnd.ms-excel',
  ODS: 'application/vnd.oasis.opendocument.spreadsheet',
  DOCX: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ZIP: 'application/zip',
  GZIP: 'application/gzip',
  SHP: 'application/x-shapefile',
  GML: 'application/gml+xml',
  KML: 'application/vnd.google-earth.kml+xml',
  KMZ: 'application/vnd.google-earth.kmz',
  GPKG: 'application/geopackage+sqlite3',
  PARQUET: 'application/vnd.apache.parquet',
  WMS_SRVC: 'application/vnd.ogc.wms_xml',
  WFS_SRVC: 'application/vnd.ogc.wfs_xml',
  ATOM: 'application/atom+xml',
  RSS: 'application/rss+xml',
  ICS: 'text/calendar',
  PNG: 'image/png',
  JPEG: 'image/jpeg',
  TIFF: 'image/tiff',
  GTFS: 'application/zip',
  MAP_SRVC: 'text/html',
  REST: 'application/json',
}

const MEDIA_TYPE = /^[a-z]+\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i
const IANA_PREFIX = /^https?:\/\/www\.iana\.org\/assignments\/media-types\//

/** The IANA media type a dcat:mediaType value names, or null. */
export function mediaTypeOf(value: string): string | null {
  const v = value.trim().replace(IANA_PREFIX, '').split(';')[0].trim()
  return MEDIA_TYPE.test(v) ? v.toLowerCase() : null
}

/**
 * What a dct:format value says: `mediaType` when it names one (a media type literal, an
 * IANA IRI, or an EU file-type IRI with a known media type), and whether it was understood
 * at all (`known` false → warn "unknown format").
 */
export function readFormat(value: string): { mediaType: string | null; known: boolean } {
  const v = value.trim()
  if (v.startsWith(EU_FILE_TYPE) || v.startsWith(EU_FILE_TYPE.replace('http:', 'https:'))) {
    const code = v.slice(v.lastIndexOf('/') + 1).toUpperCase()
    return { mediaType: FILE_TYPE_MEDIA[code] ?? null, known: /^[A-Z0-9_]+$/.test(code) }
  }
  const mt = mediaTypeOf(v)
  if (mt) return { mediaType: mt, known: true }
  const token = v.toUpperCase().replace(/^\./, '').replace(/[\s-]+/g, '_')
  if (FILE_TYPE_MEDIA[token]) return { mediaType: FILE_TYPE_MEDIA[token], known: true }
  return { mediaType: null, known: false }
}
