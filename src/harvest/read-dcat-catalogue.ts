import { fetchCatalogueDocument } from './fetch-catalogue-document.js'
import type { HarvestDeps } from './harvest-deps.js'
import { HarvestError } from './harvest-error.js'
import { emptyModel, mergeModel, type HarvestModel } from './model.js'
import { parseRdf, type ParsedDocument } from './parse-rdf.js'
import { readDcatGraph } from './read-dcat-graph.js'

/** What reading a catalogue gave, with its health figures. */
export interface CatalogueReadResult {
  model: HarvestModel
  /** Status of the first document (the catalogue's own address). */
  httpStatus: number | null
  bytes: number
  documents: number
}

/** Accept header for catalogue documents: RDF/XML first, as Sveriges dataportal harvests it. */
export const RDF_ACCEPT = 'application/rdf+xml, text/turtle;q=0.9, application/ld+json;q=0.8, application/n-triples;q=0.7, */*;q=0.1'

/** More documents than this (pages + sub-catalogues) means the paging does not end. */
const MAX_DOCUMENTS = 10_000

/**
 * Reads a DCAT-AP catalogue (RDF/XML, Turtle, N-Triples or JSON-LD) from `url`, following
 * hydra paging (hydra:next / hydra:nextPage) and sub-catalogues (dct:hasPart, dcat:catalog)
 * that live at their own address. Any document that cannot be read fails the whole read
 * (HarvestError), because a partial catalogue would withdraw what it missed.
 */
export async function readDcatCatalogue(url: string, deps: HarvestDeps): Promise<CatalogueReadResult> {
  const model = emptyModel()
  const index = mergeModel(model, emptyModel())
  const queue = [url]
  const visited = new Set<string>(queue)
  const referenced = new Set<string>()
  let bytes = 0
  let httpStatus: number | null = null
  for (let i = 0; i < queue.length; i++) {
    if (i >= MAX_DOCUMENTS) {
      throw new HarvestError('too-many-pages', { url, max: MAX_DOCUMENTS, status: httpStatus })
    }
    const fetched = await fetchAndParse(deps, queue[i])
    httpStatus ??= fetched.status
    bytes += fetched.bytes
    const read = readDcatGraph(fetched.parsed)
    mergeModel(model, read.model, index)
    for (const r of read.referencedOnly) referenced.add(r)
    for (const next of [...read.nextPages, ...read.subCatalogues]) {
      if (!visited.has(next) && /^https?:\/\//i.test(next)) {
        visited.add(next)
        queue.push(next)
      }
    }
    const counts = { datasets: read.model.datasets.length, services: read.model.dataServices.length, allDatasets: model.datasets.length, allServices: model.dataServices.length }
    deps.onProgress?.({ code: 'dcat-document', params: { url: queue[i], ...counts } })
  }
  for (const r of referenced) {
    if (!index.datasets.has(r)) model.warnings.push({ code: 'dataset-not-described', subject: r, params: {} })
  }
  return { model, httpStatus, bytes, documents: queue.length }
}

/**
 * One document fetched and parsed. Only the graph leaves this function: the body (up to
 * harvest.maxCatalogueBytes) can be collected while the graph is read and merged.
 */
async function fetchAndParse(deps: HarvestDeps, url: string): Promise<{ parsed: ParsedDocument; status: number; bytes: number }> {
  const doc = await fetchCatalogueDocument(deps, url, RDF_ACCEPT)
  const parsed = await parseRdf(doc.body, { url: doc.finalUrl, contentType: doc.contentType })
  return { parsed, status: doc.status, bytes: doc.body.length }
}
