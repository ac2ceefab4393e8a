import { fetchCatalogueDocument } from './fetch-catalogue-document.js'
import type { HarvestDeps } from './harvest-deps.js'
import { Pacer } from './pacer.js'
import { HarvestError } from './harvest-error.js'
import { emptyModel, mergeModel, type HarvestModel, type MergeIndex } from './model.js'
import { parseRdf } from './parse-rdf.js'
import { readDcatGraph } from './read-dcat-graph.js'
import type { CatalogueReadResult } from './read-dcat-catalogue.js'

/** Solr caps a page at 100 entries (nordicintel/dataportalen MAX_LIMIT). */
const PAGE_SIZE = 100
const MAX_PAGES = 2_000
const DCAT_DATASET = 'http://www.w3.org/ns/dcat#Dataset'
const DCAT_DATA_SERVICE = 'http://www.w3.org/ns/dcat#DataService'
/** metadata.predicate.uri.<first 8 hex of md5("http://purl.org/dc/terms/publisher")> */
const PUBLISHER_FIELD = 'metadata.predicate.uri.9259d4c1'

/** Characters special to the Solr/Lucene query parser; every one is backslashed. */
const SOLR_SPECIAL = new Set('+-!(){}[]^"~*?:\\/&|;')

/** Backslash-escapes a value (an IRI) for an EntryStore Solr query. */
export function solrEscape(value: string): string {
  let out = ''
  for (const ch of value) out += SOLR_SPECIAL.has(ch) ? `\\${ch}` : ch
  return out
}

/**
 * The EntryStore base ("https://admin.dataportal.se") and optional context id of a source
 * URL. `https://host`, `https://host/store` and `https://host/store/<ctx>` are accepted;
 * with a context only that context's datasets are listed.
 */
export function entryscapeTarget(url: string): { base: string; context: string | null } {
  const u = new URL(url)
  const m = /^(.*?)\/store(?:\/([^/?#]+))?\/?$/.exec(u.pathname)
  const prefix = m ? m[1] : u.pathname.replace(/\/+$/, '')
  return { base: `${u.origin}${prefix}`, context: m?.[2] ?? null }
}

/** The Solr query listing the public datasets (or data services), optionally of one publisher and one context. */
export function entryscapeQuery(base: string, context: string | null, publisher?: string, rdfType: string = DCAT_DATASET): string {
  const parts = [`rdfType:${solrEscape(rdfType)}`]
  if (publisher) parts.push(`${PUBLISHER_FIELD}:${solrEscape(publisher)}`)
  if (context) parts.push(`context:${solrEscape(`${base}/store/${context}`)}`)
  parts.push('public:true')
  return parts.join(' AND ')
}

interface SolrChild {
  contextId?: unknown
  entryId?: unknown
  info?: Record<string, Record<string, { value?: unknown }[]>>
}

/** What one EntryScape read has gathered so far, over both listings (datasets, then data services). */
interface EntryscapeRead {
  deps: HarvestDeps
  base: string
  pacer: Pacer
  model: HarvestModel
  index: MergeIndex
  seenEntries: Set<string>
  bytes: number
  documents: number
  httpStatus: number | null
  failuresInRow: number
}

/**
 * Reads an EntryScape / EntryStore catalogue (admin.dataportal.se, catalog.<kommun>.se):
 * lists datasets with the Solr search (`/store/search?type=solr&query=...&limit=100&offset=n`,
 * filtered by dct:publisher when `publisher` is given), then reads each dataset with its
 * distributions as RDF/XML (`/store/<ctx>/metadata/<id>?recursive=dcat`). EntryScape keeps
 * data services as entries of their own, so they are listed and read the same way
 * (rdfType dcat:DataService). At most harvest.entryscapeRequestsPerSecond requests per
 * second. A failing search page fails the read; a failing single entry becomes a warning
 * and that dataset (or service) is kept as it was.
 */
export async function readEntryscape(url: string, deps: HarvestDeps, publisher?: string): Promise<CatalogueReadResult> {
  const { base, context } = entryscapeTarget(url)
  const model = emptyModel()
  const read: EntryscapeRead = {
    deps, base, pacer: new Pacer(deps.harvest.entryscapeRequestsPerSecond), model, index: mergeModel(model, emptyModel()),
    seenEntries: new Set(), bytes: 0, documents: 0, httpStatus: null, failuresInRow: 0,
  }
  await readListing(read, entryscapeQuery(base, context, publisher, DCAT_DATASET), 'dataset')
  await readListing(read, entryscapeQuery(base, context, publisher, DCAT_DATA_SERVICE), 'service')
  return { model, httpStatus: read.httpStatus, bytes: read.bytes, documents: read.documents }
}

/** Pages through one Solr listing and reads each entry it names. */
async function readListing(read: EntryscapeRead, query: string, kind: EntryKind): Promise<void> {
  const { deps, base } = read
  let total = Infinity
  for (let page = 0, offset = 0; offset < total; page++, offset += PAGE_SIZE) {
    if (page >= MAX_PAGES) throw new HarvestError('too-many-pages', { url: base, max: MAX_PAGES, status: read.httpStatus })
    const searchUrl = `${base}/store/search?type=solr&query=${encodeURIComponent(query)}&limit=${PAGE_SIZE}&offset=${offset}&sort=${encodeURIComponent('uri asc')}`
    await read.pacer.wait()
    const res = await fetchCatalogueDocument(deps, searchUrl, 'application/json')
    read.httpStatus ??= res.status
    read.bytes += res.body.length
    read.documents++
    let data: { results?: unknown; resource?: { children?: unknown } }
    try {
      data = JSON.parse(res.body.toString('utf8')) as typeof data
    } catch (err) {
      throw new HarvestError('not-json', { url: searchUrl, service: 'EntryStore', status: res.status, detail: (err as Error).message }, { cause: err })
    }
    const children = data?.resource?.children
    if (typeof data?.results !== 'number' || !Array.isArray(children)) {
      throw new HarvestError('bad-response', { url: searchUrl, service: 'EntryStore', expected: '"results", "resource.children"', status: res.status })
    }
    total = data.results
    deps.onProgress?.({ code: 'entryscape-page', params: { base, offset, entries: children.length, total } })
    if (children.length === 0) break
    // A hit that is not an object (null, a number: found by fuzzing) has no ids.
    for (const raw of children as unknown[]) await readEntry(read, raw !== null && typeof raw === 'object' ? raw : {}, kind)
  }
}

type EntryKind = 'dataset' | 'service'

/** Reads one search hit's entry as RDF/XML into the model; a failure is a warning, five in a row fail the read. */
async function readEntry(read: EntryscapeRead, child: SolrChild, kind: EntryKind): Promise<void> {
  const { model, base } = read
  const ctx = String(child.contextId ?? '')
  const id = String(child.entryId ?? '')
  if (!/^[\w-]+$/.test(ctx) || !/^[\w-]+$/.test(id)) {
    model.warnings.push({ code: 'entry-no-id', subject: base, params: {} })
    return
  }
  const key = `${ctx}/${id}`
  if (read.seenEntries.has(key)) return
  read.seenEntries.add(key)
  const resourceIri = resourceOf(child, base, ctx, id)
  const entryUrl = `${base}/store/${ctx}/metadata/${id}?recursive=dcat&format=${encodeURIComponent('application/rdf+xml')}`
  await read.pacer.wait()
  try {
    const doc = await fetchCatalogueDocument(read.deps, entryUrl, 'application/rdf+xml')
    read.bytes += doc.body.length
    read.documents++
    const parsed = await parseRdf(doc.body, { url: doc.finalUrl, contentType: doc.contentType, syntax: 'rdfxml' })
    const part = readDcatGraph(parsed).model
    const described = kind === 'dataset' ? part.datasets : part.dataServices
    if (resourceIri && !described.some((d) => d.iri === resourceIri)) {
      model.warnings.push({ code: kind === 'dataset' ? 'entry-not-dataset' : 'entry-not-service', subject: resourceIri, params: { entry: key } })
    }
    mergeModel(model, part, read.index)
    read.failuresInRow = 0
  } catch (err) {
    // A refused document, a harvest out of time, or a registry that stopped answering, fails the whole run.
    const failure = err instanceof HarvestError ? err : null
    const reason = failure?.reason ?? 'unexpected'
    if (reason === 'doctype-refused' || reason === 'deadline' || ++read.failuresInRow >= 5) throw err
    model.warnings.push({ code: 'entry-unreadable', subject: resourceIri ?? entryUrl, params: { entry: key, reason, status: failure?.httpStatus ?? null } })
    if (resourceIri) (kind === 'dataset' ? model.keepDatasetIris : model.keepServiceIris).push(resourceIri)
  }
}

/** The dataset IRI of a search hit: entrystore:resource in its info graph. */
function resourceOf(child: SolrChild, base: string, ctx: string, id: string): string | null {
  const info = child.info ?? {}
  const entryUri = `${base}/store/${ctx}/entry/${id}`
  const graph = info[entryUri] ?? Object.values(info)[0]
  const v = graph?.['http://entrystore.org/terms/resource']?.[0]?.value
  return typeof v === 'string' ? v : null
}
