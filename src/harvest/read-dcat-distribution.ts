import { bnodeValue, DCAT, DCATAP, DCT, firstIri, iris, langText, literal, shortHash, urls, value, type Warn } from './dcat-values.js'
import { mediaTypeOf, readFormat } from './formats.js'
import type { DistributionRecord } from './model.js'
import type { RdfGraph } from './rdf-graph.js'

/**
 * Reads one dcat:Distribution of the dataset `datasetIri`. A blank-node distribution gets a
 * stable synthetic IRI from the dataset IRI and its URL (`used` keeps two apart). What
 * cannot be understood (no URL, an unknown format, a bad media type or byte size) is a
 * warning naming the distribution.
 */
export function readDistribution(g: RdfGraph, id: string, datasetIri: string, used: Set<string>, warn: Warn): DistributionRecord {
  const accessUrls = urls(g, id, `${DCAT}accessURL`, id, warn)
  const downloadUrls = urls(g, id, `${DCAT}downloadURL`, id, warn)
  let iri = id
  if (id.startsWith('_:')) {
    const basis = downloadUrls[0] ?? accessUrls[0] ?? JSON.stringify(langText(g, id, `${DCT}title`))
    const base = `${datasetIri}${datasetIri.includes('#') ? '-' : '#'}distribution-${shortHash(`${datasetIri}\n${basis}`)}`
    iri = base
    for (let n = 2; used.has(iri); n++) iri = `${base}-${n}`
  }
  used.add(iri)
  if (accessUrls.length === 0) warn(iri, downloadUrls.length ? 'distribution-download-only' : 'distribution-no-url')
  const { format, mediaType: formatMedia } = readFormats(g, id, iri, warn)
  return {
    iri,
    datasetIri,
    title: langText(g, id, `${DCT}title`),
    description: langText(g, id, `${DCT}description`),
    accessUrl: accessUrls[0] ?? null,
    downloadUrl: downloadUrls[0] ?? null,
    format,
    mediaType: readMediaType(g, id, iri, warn) ?? formatMedia,
    byteSize: readByteSize(g, id, iri, warn),
    license: value(g, id, `${DCT}license`),
    accessRights: value(g, id, `${DCT}accessRights`),
    rights: value(g, id, `${DCT}rights`),
    conformsTo: iris(g, id, `${DCT}conformsTo`),
    accessServiceIri: firstIri(g, id, `${DCAT}accessService`),
    issued: literal(g, id, `${DCT}issued`),
    modified: literal(g, id, `${DCT}modified`),
    hvdCategories: iris(g, id, `${DCATAP}hvdCategory`),
    applicableLegislation: iris(g, id, `${DCATAP}applicableLegislation`),
  }
}

/** The first dct:format and the media type it implies; every unknown format is a warning. */
function readFormats(g: RdfGraph, id: string, iri: string, warn: Warn): { format: string | null; mediaType: string | null } {
  let format: string | null = null
  let mediaType: string | null = null
  for (const f of g.objects(id, `${DCT}format`)) {
    const v = f.k === 'bnode' ? bnodeValue(g, f.v) : f.v
    if (!v) continue
    const r = readFormat(v)
    if (format === null) {
      format = v
      mediaType = r.mediaType
    }
    if (!r.known) warn(iri, 'unknown-format', { format: v.slice(0, 100) })
  }
  return { format, mediaType }
}

function readMediaType(g: RdfGraph, id: string, iri: string, warn: Warn): string | null {
  const mt = g.objects(id, `${DCAT}mediaType`)[0]
  if (!mt) return null
  const v = mt.k === 'bnode' ? bnodeValue(g, mt.v) : mt.v
  const mediaType = v ? mediaTypeOf(v) : null
  if (v && !mediaType) warn(iri, 'bad-media-type', { value: v.slice(0, 100) })
  return mediaType
}

function readByteSize(g: RdfGraph, id: string, iri: string, warn: Warn): number | null {
  const bs = literal(g, id, `${DCAT}byteSize`)
  if (bs === null) return null
  const n = Number(bs.trim())
  if (Number.isSafeInteger(n) && n >= 0) return n
  warn(iri, 'bad-byte-size', { value: bs.slice(0, 40) })
  return null
}
