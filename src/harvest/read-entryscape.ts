import { fetchCatalogueDocument, Pacer, type HarvestDeps } from './harvest-deps.js'
import { HarvestError } from './harvest-error.js'
import { emptyModel, mergeModel } from './model.js'
import { parseRdf } from './parse-rdf.js'
import { readDcatGraph } from './read-dcat-graph.js'
import type { CatalogueReadResult } from './read-dcat-catalogue.js'

/** Solr caps a page at 100 entries (nordicintel/dataportalen MAX_LIMIT). */
const PAGE_SIZE = 100
const MAX_PAGES = 2_000
const DCAT_DATASET = 'http://www.w3.org/ns/dcat#Dataset'
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

/** The Solr query listing the public datasets, optionally of one publisher and one context. */
export function entryscapeQuery(base: string, context: string | null, publisher?: string): string {
  const parts = [`rdfType:${solrEscape(DCAT_DATASET)}`]
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

/**
 * Reads an EntryScape / EntryStore catalogue (admin.dataportal.se, catalog.<kommun>.se):
 * lists datasets with the Solr search (`/store/search?type=solr&query=...&limit=100&offset=n`,
 * filtered by dct:publisher when `publisher` is given), then reads each dataset with its
 * distributions as RDF/XML (`/store/<ctx>/metadata/<id>?recursive=dcat`). At most
 * harvest.entryscapeRequestsPerSecond requests per second. A failing search page fails the
 * read; a failing single entry becomes a warning and that dataset is kept as it was.
 */
export async function readEntryscape(url: string, deps: HarvestDeps, publisher?: string): Promise<CatalogueReadResult> {
  const { base, context } = entryscapeTarget(url)
  const pacer = new Pacer(deps.harvest.entryscapeRequestsPerSecond)
  const query = entryscapeQuery(base, context, publisher)
  const model = emptyModel()
  const index = mergeModel(model, emptyModel())
  const seenEntries = new Set<string>()
  let bytes = 0
  let documents = 0
  let httpStatus: number | null = null
  let total = Infinity
  let failuresInRow = 0
  for (let page = 0, offset = 0; offset < total; page++, offset += PAGE_SIZE) {
    if (page >= MAX_PAGES) throw new HarvestError(`Solr paging of ${base} did not end`, { url: base, code: 'too-many-pages', httpStatus })
    const searchUrl = `${base}/store/search?type=solr&query=${encodeURIComponent(query)}&limit=${PAGE_SIZE}&offset=${offset}&sort=${encodeURIComponent('uri asc')}`
    await pacer.wait()
    const res = await fetchCatalogueDocument(deps, searchUrl, 'application/json')
    httpStatus ??= res.status
    bytes += res.body.length
    documents++
    let data: { results?: unknown; resource?: { children?: unknown } }
    try {
      data = JSON.parse(res.body.toString('utf8')) as typeof data
    } catch (err) {
      throw new HarvestError(`EntryStore search at ${base} did not answer JSON: ${(err as Error).message}`, {
        url: searchUrl,
        code: 'bad-response',
        httpStatus: res.status,
        cause: err,
      })
    }
    const children = data?.resource?.children
    if (typeof data?.results !== 'number' || !Array.isArray(children)) {
      throw new HarvestError(`EntryStore search at ${base} answered JSON without "results" and "resource.children"`, {
        url: searchUrl,
        code: 'bad-response',
        httpStatus: res.status,
      })
    }
    total = data.results
    deps.onProgress?.(`${base}: search offset ${offset}, ${children.length} of ${total} entries`)
    if (children.length === 0) break
    for (const child of children as SolrChild[]) {
      const ctx = String(child.contextId ?? '')
      const id = String(child.entryId ?? '')
      if (!/^[\w-]+$/.test(ctx) || !/^[\w-]+$/.test(id)) {
        model.warnings.push({ subject: base, message: 'search hit without contextId/entryId; skipped' })
        continue
      }
      const key = `${ctx}/${id}`
      if (seenEntries.has(key)) continue
      seenEntries.add(key)
      const resourceIri = resourceOf(child, base, ctx, id)
      const entryUrl = `${base}/store/${ctx}/metadata/${id}?recursive=dcat&format=${encodeURIComponent('application/rdf+xml')}`
      await pacer.wait()
      try {
        const doc = await fetchCatalogueDocument(deps, entryUrl, 'application/rdf+xml')
        bytes += doc.body.length
        documents++
        const parsed = await parseRdf(doc.body, { url: doc.finalUrl, contentType: doc.contentType, syntax: 'rdfxml' })
        const read = readDcatGraph(parsed)
        if (resourceIri && !read.model.datasets.some((d) => d.iri === resourceIri)) {
          model.warnings.push({ subject: resourceIri, message: `entry ${key} does not describe its dataset as dcat:Dataset` })
        }
        mergeModel(model, read.model, index)
        failuresInRow = 0
      } catch (err) {
        const e = err as HarvestError
        // A refused document, or a registry that stopped answering, fails the whole run.
        if (e.code === 'doctype-refused' || ++failuresInRow >= 5) throw err
        model.warnings.push({ subject: resourceIri ?? entryUrl, message: `could not read entry ${key}: ${e.message}; kept as last harvested` })
        if (resourceIri) model.keepDatasetIris.push(resourceIri)
      }
    }
  }
  return { model, httpStatus, bytes, documents }
}

/** The dataset IRI of a search hit: entrystore:resource in its info graph. */
function resourceOf(child: SolrChild, base: string, ctx: string, id: string): string | null {
  const info = child.info ?? {}
  const entryUri = `${base}/store/${ctx}/entry/${id}`
  const graph = info[entryUri] ?? Object.values(info)[0]
  const v = graph?.['http://entrystore.org/terms/resource']?.[0]?.value
  return typeof v === 'string' ? v : null
}
