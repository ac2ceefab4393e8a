import { createHash } from 'node:crypto'
import type { LangText } from '../db/tables/core.js'
import { readFormat, mediaTypeOf } from './formats.js'
import type {
  CatalogueRecord,
  DataServiceRecord,
  DatasetRecord,
  DistributionRecord,
  HarvestModel,
  HarvestWarning,
  OrganisationRecord,
} from './model.js'
import type { ParsedDocument } from './parse-rdf.js'
import type { Obj, RdfGraph } from './rdf-graph.js'

const DCAT = 'http://www.w3.org/ns/dcat#'
const DCT = 'http://purl.org/dc/terms/'
const FOAF = 'http://xmlns.com/foaf/0.1/'
const VCARD = 'http://www.w3.org/2006/vcard/ns#'
const DCATAP = 'http://data.europa.eu/r5r/'
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#'
const SKOS = 'http://www.w3.org/2004/02/skos/core#'
/** Both forms are in use; http:// is the namespace, https:// a common slip. */
const ORG = ['http://www.w3.org/ns/org#', 'https://www.w3.org/ns/org#']
const HYDRA = ['http://www.w3.org/ns/hydra/core#', 'https://www.w3.org/ns/hydra/core#']
const SCHEMA = ['http://schema.org/', 'https://schema.org/']

/** What one RDF document gave: its part of the model, and where reading continues. */
export interface DcatDocumentResult {
  model: HarvestModel
  /** hydra:next / hydra:nextPage targets. */
  nextPages: string[]
  /** dct:hasPart / dcat:catalog sub-catalogues that are not described in this document. */
  subCatalogues: string[]
  /** Datasets a catalogue lists (dcat:dataset) that this document does not describe. */
  referencedOnly: string[]
}

/**
 * Reads the DCAT-AP / DCAT-AP-SE content of one parsed document into the normalised model:
 * catalogues (and sub-catalogues through dct:hasPart), datasets with their distributions,
 * data services and publishing organisations. Language-tagged text is kept per language.
 * Blank-node contact points and periods are read; blank-node distributions get a stable
 * synthetic IRI from the dataset IRI and their URL. What cannot be understood becomes a
 * warning naming the subject, never an exception.
 */
export function readDcatGraph(doc: ParsedDocument): DcatDocumentResult {
  const g = doc.graph
  const warnings: HarvestWarning[] = []
  const warn = (subject: string, message: string) => warnings.push({ subject, message })

  for (const r of dedupe(doc.relativeIris.map((x) => `${x.subject}\u0000${x.iri}`)).slice(0, 200)) {
    const [subject, resolved] = r.split('\u0000')
    warn(subject, `relative IRI, read as ${resolved}`)
  }

  // Catalogues and sub-catalogues.
  const catalogueIds = new Set(g.ofType(`${DCAT}Catalog`))
  const catalogues: CatalogueRecord[] = []
  const subCatalogues: string[] = []
  const queue = [...catalogueIds]
  for (let i = 0; i < queue.length; i++) {
    const c = queue[i]
    const parts = iris(g, c, `${DCT}hasPart`, `${DCAT}catalog`)
    for (const p of parts) {
      if (catalogueIds.has(p)) continue
      catalogueIds.add(p)
      if (g.has(p)) queue.push(p)
      else subCatalogues.push(p)
    }
    if (c.startsWith('_:') || g.has(c)) {
      catalogues.push({ iri: c, title: langText(g, c, `${DCT}title`), publisherIri: firstIri(g, c, `${DCT}publisher`), parts })
    }
  }

  // Datasets: typed, or listed by a catalogue.
  const listed = new Set<string>()
  for (const c of catalogueIds) for (const o of g.objects(c, `${DCAT}dataset`)) listed.add(o.v)
  const datasetIds = dedupe([...g.ofType(`${DCAT}Dataset`, `${DCAT}DatasetSeries`), ...listed])
  const referencedOnly: string[] = []
  const datasets: DatasetRecord[] = []
  const distributionOwner = new Map<string, string>()
  for (const id of datasetIds) {
    if (!g.has(id)) {
      if (!id.startsWith('_:')) referencedOnly.push(id)
      continue
    }
    const iri = id.startsWith('_:') ? syntheticDatasetIri(g, id) : id
    if (id.startsWith('_:')) warn(iri, 'dataset has no IRI (blank node); given a synthetic one')
    const contact = readContact(g, id)
    const ds: DatasetRecord = {
      iri,
      publisherIri: publisherOf(g, id, iri, warn),
      title: langText(g, id, `${DCT}title`),
      description: langText(g, id, `${DCT}description`),
      contactEmail: contact.email,
      contactName: contact.name,
      license: value(g, id, `${DCT}license`),
      accessRights: value(g, id, `${DCT}accessRights`),
      accrualPeriodicity: value(g, id, `${DCT}accrualPeriodicity`),
      conformsTo: iris(g, id, `${DCT}conformsTo`),
      spatial: iris(g, id, `${DCT}spatial`),
      temporal: readPeriods(g, id),
      keywords: g.objects(id, `${DCAT}keyword`).filter((o) => o.k === 'lit').map((o) => ({ [(o as { lang: string }).lang]: o.v })),
      themes: iris(g, id, `${DCAT}theme`),
      landingPage: firstUrl(g, id, `${DCAT}landingPage`, iri, warn),
      issued: literal(g, id, `${DCT}issued`),
      modified: literal(g, id, `${DCT}modified`),
      hvdCategories: iris(g, id, `${DCATAP}hvdCategory`),
      applicableLegislation: iris(g, id, `${DCATAP}applicableLegislation`),
      distributions: [],
    }
    const used = new Set<string>()
    for (const o of g.objects(id, `${DCAT}distribution`)) {
      if (o.k === 'lit') {
        warn(iri, `dcat:distribution is a literal ("${o.v.slice(0, 80)}"), not a resource; skipped`)
        continue
      }
      const dist = readDistribution(g, o.v, iri, used, warn)
      const owner = distributionOwner.get(dist.iri)
      if (owner) {
        warn(dist.iri, `distribution is listed by several datasets; kept under ${owner}`)
        continue
      }
      distributionOwner.set(dist.iri, iri)
      ds.distributions.push(dist)
    }
    datasets.push(ds)
  }
  const linked = new Set<string>()
  for (const id of datasetIds) for (const o of g.objects(id, `${DCAT}distribution`)) linked.add(o.v)
  for (const d of g.ofType(`${DCAT}Distribution`)) {
    if (!linked.has(d)) warn(d.startsWith('_:') ? '(blank node)' : d, 'distribution belongs to no dataset; skipped')
  }

  // Data services: typed, in a catalogue, or the access service of a distribution.
  const serviceIds = new Set(g.ofType(`${DCAT}DataService`))
  for (const c of catalogueIds) for (const o of g.objects(c, `${DCAT}service`)) serviceIds.add(o.v)
  for (const ds of datasets) for (const x of ds.distributions) if (x.accessServiceIri && g.has(x.accessServiceIri)) serviceIds.add(x.accessServiceIri)
  const dataServices: DataServiceRecord[] = []
  for (const id of serviceIds) {
    if (!g.has(id)) continue
    if (id.startsWith('_:')) {
      const user = datasets.find((d) => d.distributions.some((x) => x.accessServiceIri === id))
      warn(user?.iri ?? '(blank node)', 'a data service has no IRI (blank node); skipped')
      continue
    }
    const contact = readContact(g, id)
    dataServices.push({
      iri: id,
      publisherIri: publisherOf(g, id, id, warn),
      title: langText(g, id, `${DCT}title`),
      description: langText(g, id, `${DCT}description`),
      endpointUrls: urls(g, id, `${DCAT}endpointURL`, id, warn),
      endpointDescription: value(g, id, `${DCAT}endpointDescription`),
      contactEmail: contact.email,
      license: value(g, id, `${DCT}license`),
      accessRights: value(g, id, `${DCT}accessRights`),
      conformsTo: iris(g, id, `${DCT}conformsTo`),
      servesDatasets: iris(g, id, `${DCAT}servesDataset`),
      hvdCategories: iris(g, id, `${DCATAP}hvdCategory`),
      applicableLegislation: iris(g, id, `${DCATAP}applicableLegislation`),
    })
  }

  // Organisations: every publisher, and every typed agent.
  const orgIds = new Set<string>()
  for (const x of [...catalogues, ...datasets, ...dataServices]) if (x.publisherIri) orgIds.add(x.publisherIri)
  for (const t of g.ofType(`${FOAF}Agent`, `${FOAF}Organization`, ...ORG.map((o) => `${o}Organization`))) {
    if (!t.startsWith('_:')) orgIds.add(t)
  }
  const organisations: OrganisationRecord[] = [...orgIds].map((iri) => readOrganisation(g, iri))

  // Paging.
  const nextPages: string[] = []
  for (const h of HYDRA) {
    for (const p of ['next', 'nextPage']) {
      for (const s of g.subjectsWith(`${h}${p}`)) for (const o of g.objects(s, `${h}${p}`)) if (o.k !== 'bnode') nextPages.push(o.v)
    }
  }

  return {
    model: { catalogues, organisations, datasets, dataServices, warnings, keepDatasetIris: [] },
    nextPages: dedupe(nextPages),
    subCatalogues: dedupe(subCatalogues),
    referencedOnly,
  }
}

function readDistribution(
  g: RdfGraph,
  id: string,
  datasetIri: string,
  used: Set<string>,
  warn: (s: string, m: string) => void,
): DistributionRecord {
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
  if (accessUrls.length === 0) {
    warn(iri, downloadUrls.length ? 'distribution has no dcat:accessURL (required); its downloadURL is used' : 'distribution has no dcat:accessURL and no dcat:downloadURL: nothing to check')
  }
  const formats = g.objects(id, `${DCT}format`)
  let format: string | null = null
  let formatMedia: string | null = null
  for (const f of formats) {
    const v = f.k === 'bnode' ? bnodeValue(g, f.v) : f.v
    if (!v) continue
    const r = readFormat(v)
    if (format === null) {
      format = v
      formatMedia = r.mediaType
    }
    if (!r.known) warn(iri, `unknown format "${v.slice(0, 100)}"`)
  }
  let mediaType: string | null = null
  const mt = g.objects(id, `${DCAT}mediaType`)[0]
  if (mt) {
    const v = mt.k === 'bnode' ? bnodeValue(g, mt.v) : mt.v
    mediaType = v ? mediaTypeOf(v) : null
    if (v && !mediaType) warn(iri, `dcat:mediaType "${v.slice(0, 100)}" is not a media type`)
  }
  mediaType ??= formatMedia
  let byteSize: number | null = null
  const bs = literal(g, id, `${DCAT}byteSize`)
  if (bs !== null) {
    const n = Number(bs.trim())
    if (Number.isSafeInteger(n) && n >= 0) byteSize = n
    else warn(iri, `dcat:byteSize "${bs.slice(0, 40)}" is not a whole number of bytes`)
  }
  return {
    iri,
    datasetIri,
    title: langText(g, id, `${DCT}title`),
    description: langText(g, id, `${DCT}description`),
    accessUrl: accessUrls[0] ?? null,
    downloadUrl: downloadUrls[0] ?? null,
    format,
    mediaType,
    byteSize,
    license: value(g, id, `${DCT}license`),
    accessRights: value(g, id, `${DCT}accessRights`, `${DCT}rights`),
    conformsTo: iris(g, id, `${DCT}conformsTo`),
    accessServiceIri: firstIri(g, id, `${DCAT}accessService`),
    issued: literal(g, id, `${DCT}issued`),
    modified: literal(g, id, `${DCT}modified`),
  }
}

function readOrganisation(g: RdfGraph, iri: string): OrganisationRecord {
  let name = langText(g, iri, `${FOAF}name`)
  if (Object.keys(name).length === 0) name = langText(g, iri, `${VCARD}fn`, `${SKOS}prefLabel`, `${RDFS}label`)
  let orgNumber: string | null = null
  const fromIri = /\/SE(\d{6})-?(\d{4})(?:\D|$)/.exec(iri)
  if (fromIri) orgNumber = `${fromIri[1]}-${fromIri[2]}`
  if (!orgNumber) {
    for (const o of g.objects(iri, `${DCT}identifier`, ...ORG.map((x) => `${x}identifier`))) {
      const m = /^(?:SE)?(\d{6})-?(\d{4})$/.exec(o.v.trim())
      if (o.k === 'lit' && m) {
        orgNumber = `${m[1]}-${m[2]}`
        break
      }
    }
  }
  return { iri, name, orgNumber, homepage: firstIri(g, iri, `${FOAF}homepage`, `${FOAF}page`) }
}

function publisherOf(g: RdfGraph, id: string, subject: string, warn: (s: string, m: string) => void): string | null {
  const p = g.objects(id, `${DCT}publisher`)[0]
  if (!p) return null
  if (p.k === 'iri') return p.v
  warn(subject, p.k === 'bnode' ? 'dct:publisher is a blank node; publisher not recorded' : `dct:publisher is a literal ("${p.v.slice(0, 80)}"); publisher not recorded`)
  return null
}

function readContact(g: RdfGraph, id: string): { email: string | null; name: string | null } {
  for (const cp of g.objects(id, `${DCAT}contactPoint`)) {
    if (cp.k === 'lit') {
      const m = /[^\s<>"]+@[^\s<>"]+/.exec(cp.v)
      if (m) return { email: m[0].replace(/^mailto:/i, ''), name: null }
      continue
    }
    let email: string | null = null
    for (const e of g.objects(cp.v, `${VCARD}hasEmail`, `${VCARD}email`)) {
      const v = e.k === 'bnode' ? (g.objects(e.v, `${VCARD}hasValue`, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#value')[0]?.v ?? null) : e.v
      if (v) {
        email = v.replace(/^mailto:/i, '').trim()
        break
      }
    }
    const nameText = langText(g, cp.v, `${VCARD}fn`, `${VCARD}organization-name`)
    const name = nameText.sv ?? nameText.en ?? nameText[''] ?? Object.values(nameText)[0] ?? null
    if (email || name) return { email, name }
  }
  return { email: null, name: null }
}

function readPeriods(g: RdfGraph, id: string): { start?: string; end?: string }[] {
  const out: { start?: string; end?: string }[] = []
  for (const t of g.objects(id, `${DCT}temporal`)) {
    if (t.k === 'lit') continue
    const start = literal(g, t.v, `${DCAT}startDate`, ...SCHEMA.map((s) => `${s}startDate`))
    const end = literal(g, t.v, `${DCAT}endDate`, ...SCHEMA.map((s) => `${s}endDate`))
    if (start === null && end === null) continue
    const p: { start?: string; end?: string } = {}
    if (start !== null) p.start = start
    if (end !== null) p.end = end
    out.push(p)
  }
  return out
}

/** Literal text per language: the first value of each language tag ('' = untagged). */
function langText(g: RdfGraph, id: string, ...preds: string[]): LangText {
  const out: LangText = {}
  for (const o of g.objects(id, ...preds)) {
    if (o.k !== 'lit') continue
    if (out[o.lang] === undefined) out[o.lang] = o.v
  }
  return out
}

function literal(g: RdfGraph, id: string, ...preds: string[]): string | null {
  for (const o of g.objects(id, ...preds)) if (o.k === 'lit') return o.v
  return null
}

function firstIri(g: RdfGraph, id: string, ...preds: string[]): string | null {
  for (const o of g.objects(id, ...preds)) if (o.k === 'iri') return o.v
  return null
}

function iris(g: RdfGraph, id: string, ...preds: string[]): string[] {
  return dedupe(g.objects(id, ...preds).filter((o) => o.k === 'iri').map((o) => o.v))
}

/** An IRI, a literal, or the identifier/label of a blank node. */
function value(g: RdfGraph, id: string, ...preds: string[]): string | null {
  for (const o of g.objects(id, ...preds)) {
    if (o.k !== 'bnode') return o.v
    const v = bnodeValue(g, o.v)
    if (v) return v
  }
  return null
}

function bnodeValue(g: RdfGraph, b: string): string | null {
  for (const o of g.objects(b, `${DCT}identifier`, `${RDFS}label`, `${SKOS}prefLabel`, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#value')) {
    if (o.k !== 'bnode') return o.v
  }
  return null
}

/** URLs of (id, pred): IRIs, or literals that hold an absolute URL (with a warning). */
function urls(g: RdfGraph, id: string, pred: string, subject: string, warn: (s: string, m: string) => void): string[] {
  const out: string[] = []
  const name = pred.slice(pred.lastIndexOf('#') + 1)
  for (const o of g.objects(id, pred)) {
    let v: string | null = null
    if (o.k === 'iri') v = o.v
    else if (o.k === 'lit') {
      const t = o.v.trim()
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) {
        warn(subject, `dcat:${name} given as a literal, not an IRI: ${t.slice(0, 200)}`)
        v = t
      } else {
        warn(subject, `dcat:${name} "${t.slice(0, 200)}" is not an absolute URL; skipped`)
      }
    }
    if (!v) continue
    if (!/^https?:\/\//i.test(v)) warn(subject, `dcat:${name} ${v.slice(0, 200)} is not an http(s) URL`)
    out.push(v)
  }
  return dedupe(out)
}

function firstUrl(g: RdfGraph, id: string, pred: string, subject: string, warn: (s: string, m: string) => void): string | null {
  return urls(g, id, pred, subject, warn)[0] ?? null
}

function syntheticDatasetIri(g: RdfGraph, id: string): string {
  const basis = JSON.stringify([
    g.objects(id, `${DCT}identifier`).map((o: Obj) => o.v),
    langText(g, id, `${DCT}title`),
    g.objects(id, `${DCAT}landingPage`).map((o: Obj) => o.v),
  ])
  return `urn:datavakt:dataset:${shortHash(basis)}`
}

function shortHash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 16)
}

function dedupe<T>(xs: T[]): T[] {
  return [...new Set(xs)]
}

