import { createHash } from 'node:crypto'
import { fetchCatalogueDocument } from './fetch-catalogue-document.js'
import type { HarvestDeps } from './harvest-deps.js'
import { HarvestError } from './harvest-error.js'
import { readFormat, mediaTypeOf } from './formats.js'
import { emptyModel, type DatasetRecord, type DistributionRecord, type HarvestModel } from './model.js'
import type { CatalogueReadResult } from './read-dcat-catalogue.js'

const ROWS = 100
const MAX_PAGES = 5_000

type Json = Record<string, unknown>

/** The site root and package_search URL of a CKAN source URL (site root or the action URL). */
export function ckanEndpoints(url: string): { site: string; search: string } {
  const u = new URL(url)
  const i = u.pathname.indexOf('/api/')
  const root = i >= 0 ? u.pathname.slice(0, i) : u.pathname.replace(/\/+$/, '')
  const site = `${u.origin}${root}`
  return { site, search: `${site}/api/3/action/package_search` }
}

/**
 * Reads a CKAN catalogue through the action API `package_search`, paged with rows/start
 * (100 a page), optionally only one organisation (`publisher` = CKAN organisation name).
 * Packages get the IRI ckanext-dcat would give them (`<site>/dataset/<id>`) unless they
 * carry their own `uri`. Refuses an answer that is not CKAN's `{ success, result }` shape.
 */
export async function readCkan(url: string, deps: HarvestDeps, publisher?: string): Promise<CatalogueReadResult> {
  const { site, search } = ckanEndpoints(url)
  const model = emptyModel()
  const orgs = new Map<string, string>()
  const seen = new Set<string>()
  let bytes = 0
  let documents = 0
  let httpStatus: number | null = null
  let count = Infinity
  for (let page = 0, start = 0; start < count; page++, start += ROWS) {
    if (page >= MAX_PAGES) throw new HarvestError('too-many-pages', { url: search, max: MAX_PAGES, status: httpStatus })
    const fq = publisher ? `&fq=${encodeURIComponent(`organization:${publisher}`)}` : ''
    const pageUrl = `${search}?rows=${ROWS}&start=${start}&sort=${encodeURIComponent('id asc')}${fq}`
    const res = await fetchCatalogueDocument(deps, pageUrl, 'application/json')
    httpStatus ??= res.status
    bytes += res.body.length
    documents++
    let body: { success?: unknown; result?: { count?: unknown; results?: unknown } }
    try {
      body = JSON.parse(res.body.toString('utf8')) as typeof body
    } catch (err) {
      throw new HarvestError('not-json', { url: pageUrl, service: 'CKAN', status: res.status, detail: (err as Error).message }, { cause: err })
    }
    const results = body?.result?.results
    if (body?.success !== true || typeof body.result?.count !== 'number' || !Array.isArray(results)) {
      throw new HarvestError('bad-response', { url: pageUrl, service: 'CKAN', expected: '{ success, result: { count, results } }', status: res.status })
    }
    count = body.result.count
    deps.onProgress?.({ code: 'ckan-page', params: { site, from: start, to: start + results.length, count } })
    if (results.length === 0) break
    for (const pkg of results as Json[]) {
      const ds = readPackage(pkg, site, model, orgs)
      if (ds && !seen.has(ds.iri)) {
        seen.add(ds.iri)
        model.datasets.push(ds)
      }
    }
  }
  for (const [iri, name] of orgs) model.organisations.push({ iri, name: { '': name }, orgNumber: null, homepage: null })
  return { model, httpStatus, bytes, documents }
}

/** The objects of a JSON array (null, numbers and strings in it are left out: found by fuzzing); none when it is no array. */
function objectsOf(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter((x): x is Json => x !== null && typeof x === 'object' && !Array.isArray(x)) : []
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null
}

function extra(pkg: Json, ...keys: string[]): string | null {
  const extras = objectsOf(pkg.extras)
  for (const k of keys) {
    const e = extras.find((x) => x.key === k)
    if (e && str(e.value)) return str(e.value)
    if (str(pkg[k])) return str(pkg[k])
  }
  return null
}

function readPackage(pkg: Json, site: string, model: HarvestModel, orgs: Map<string, string>): DatasetRecord | null {
  // A result that is not an object (null, a number: found by fuzzing) is no package.
  const id = pkg !== null && typeof pkg === 'object' ? (str(pkg.id) ?? str(pkg.name)) : null
  if (!id) {
    model.warnings.push({ code: 'package-no-id', subject: site, params: {} })
    return null
  }
  const iri = extra(pkg, 'uri') ?? `${site}/dataset/${id}`
  const org = pkg.organization as Json | null | undefined
  let publisherIri: string | null = null
  if (org && str(org.name)) {
    publisherIri = `${site}/organization/${str(org.name)}`
    orgs.set(publisherIri, str(org.title) ?? str(org.name) ?? '')
  }
  const distributions: DistributionRecord[] = []
  const resources = objectsOf(pkg.resources)
  resources.forEach((r, i) => {
    const url = str(r.url)
    const rid = str(r.id) ?? createHash('sha256').update(`${iri}\n${url ?? i}`).digest('hex').slice(0, 16)
    const dIri = str(r.uri) ?? `${site}/dataset/${id}/resource/${rid}`
    const format = str(r.format)
    const formatRead = format ? readFormat(format) : null
    if (format && !formatRead?.known) model.warnings.push({ code: 'unknown-format', subject: dIri, params: { format: format.slice(0, 100) } })
    const accessUrl = str(r.access_url) ?? url
    if (!accessUrl) model.warnings.push({ code: 'distribution-no-url', subject: dIri, params: {} })
    const size = typeof r.size === 'number' ? r.size : str(r.size) ? Number(r.size) : null
    distributions.push({
      iri: dIri,
      datasetIri: iri,
      title: str(r.name) ? { '': str(r.name)! } : {},
      description: str(r.description) ? { '': str(r.description)! } : {},
      accessUrl,
      downloadUrl: str(r.download_url) ?? url,
      format,
      mediaType: (str(r.mimetype) && mediaTypeOf(str(r.mimetype)!)) || formatRead?.mediaType || null,
      byteSize: size !== null && Number.isSafeInteger(size) && size >= 0 ? size : null,
      license: str(r.license),
      accessRights: null,
      rights: null,
      conformsTo: [],
      accessServiceIri: null,
      issued: str(r.created),
      modified: str(r.last_modified) ?? str(r.metadata_modified),
      hvdCategories: [],
      applicableLegislation: [],
    })
  })
  const tags = objectsOf(pkg.tags)
  const landing = str(pkg.url)
  return {
    iri,
    publisherIri,
    title: str(pkg.title) ? { '': str(pkg.title)! } : {},
    description: str(pkg.notes) ? { '': str(pkg.notes)! } : {},
    contactEmail: str(pkg.maintainer_email) ?? str(pkg.author_email) ?? extra(pkg, 'contact_email'),
    contactName: str(pkg.maintainer) ?? str(pkg.author) ?? extra(pkg, 'contact_name'),
    license: str(pkg.license_url) ?? str(pkg.license_id),
    accessRights: extra(pkg, 'access_rights'),
    rights: extra(pkg, 'rights'),
    accrualPeriodicity: extra(pkg, 'frequency', 'accrual_periodicity'),
    conformsTo: [],
    spatial: [],
    temporal: [],
    keywords: tags.map((t) => str(t.name)).filter((t): t is string => t !== null).map((t) => ({ '': t })),
    themes: [],
    landingPage: landing && /^https?:\/\//i.test(landing) ? landing : null,
    issued: extra(pkg, 'issued') ?? str(pkg.metadata_created),
    modified: extra(pkg, 'modified') ?? str(pkg.metadata_modified),
    hvdCategories: [],
    applicableLegislation: [],
    distributions,
  }
}
