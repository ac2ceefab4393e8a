import type { HarvestWarning } from '../domain/harvest-warning.js'
import { DCAT, DCATAP, DCT, dedupe, firstIri, FOAF, HYDRA, iris, langText, literal, ORG, RDF_VALUE, RDFS, SCHEMA, shortHash, SKOS, urls, value, VCARD, type Warn } from './dcat-values.js'
import type { CatalogueRecord, DataServiceRecord, DatasetRecord, HarvestModel, OrganisationRecord } from './model.js'
import type { ParsedDocument } from './parse-rdf.js'
import type { Obj, RdfGraph } from './rdf-graph.js'
import { readDistribution } from './read-dcat-distribution.js'

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
 * warning (a code and params) naming the subject, never an exception.
 */
export function readDcatGraph(doc: ParsedDocument): DcatDocumentResult {
  const g = doc.graph
  const warnings: HarvestWarning[] = []
  const warn: Warn = (subject, code, params = {}) => warnings.push({ code, subject, params })
  for (const r of dedupe(doc.relativeIris.map((x) => `${x.subject}\u0000${x.iri}`)).slice(0, 200)) {
    const [subject, iri] = r.split('\u0000')
    warn(subject, 'relative-iri', { iri })
  }
  const { catalogueIds, catalogues, subCatalogues } = readCatalogues(g)
  const { datasets, referencedOnly } = readDatasets(g, catalogueIds, warn)
  const dataServices = readServices(g, catalogueIds, datasets, warn)
  const organisations = readOrganisations(g, [...catalogues, ...datasets, ...dataServices])
  return {
    model: { catalogues, organisations, datasets, dataServices, warnings, keepDatasetIris: [], keepServiceIris: [] },
    nextPages: nextPagesOf(g),
    subCatalogues: dedupe(subCatalogues),
    referencedOnly,
  }
}

/** Catalogues and the sub-catalogues they name (dct:hasPart, dcat:catalog); those described elsewhere are to be fetched. */
function readCatalogues(g: RdfGraph): { catalogueIds: Set<string>; catalogues: CatalogueRecord[]; subCatalogues: string[] } {
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
  return { catalogueIds, catalogues, subCatalogues }
}

/** Datasets (typed, or listed by a catalogue) with their distributions; a distribution listed twice stays with the first. */
function readDatasets(g: RdfGraph, catalogueIds: Set<string>, warn: Warn): { datasets: DatasetRecord[]; referencedOnly: string[] } {
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
    const ds = readDataset(g, id, warn)
    const used = new Set<string>()
    for (const o of g.objects(id, `${DCAT}distribution`)) {
      if (o.k === 'lit') {
        warn(ds.iri, 'distribution-literal', { value: o.v.slice(0, 80) })
        continue
      }
      const dist = readDistribution(g, o.v, ds.iri, used, warn)
      const owner = distributionOwner.get(dist.iri)
      if (owner) {
        warn(dist.iri, 'distribution-shared', { owner })
        continue
      }
      distributionOwner.set(dist.iri, ds.iri)
      ds.distributions.push(dist)
    }
    datasets.push(ds)
  }
  const linked = new Set<string>()
  for (const id of datasetIds) for (const o of g.objects(id, `${DCAT}distribution`)) linked.add(o.v)
  for (const d of g.ofType(`${DCAT}Distribution`)) if (!linked.has(d)) warn(d.startsWith('_:') ? '(blank node)' : d, 'distribution-orphan')
  return { datasets, referencedOnly }
}

/** One dataset's own properties; its distributions are added by the caller. */
function readDataset(g: RdfGraph, id: string, warn: Warn): DatasetRecord {
  const iri = id.startsWith('_:') ? syntheticDatasetIri(g, id) : id
  if (id.startsWith('_:')) warn(iri, 'dataset-blank-node')
  const { shared, contactName } = sharedFields(g, id, iri, warn)
  return {
    iri,
    ...shared,
    contactName,
    rights: value(g, id, `${DCT}rights`),
    accrualPeriodicity: value(g, id, `${DCT}accrualPeriodicity`),
    spatial: iris(g, id, `${DCT}spatial`),
    temporal: readPeriods(g, id),
    keywords: g.objects(id, `${DCAT}keyword`).filter((o) => o.k === 'lit').map((o) => ({ [(o as { lang: string }).lang]: o.v })),
    themes: iris(g, id, `${DCAT}theme`),
    landingPage: urls(g, id, `${DCAT}landingPage`, iri, warn)[0] ?? null,
    issued: literal(g, id, `${DCT}issued`),
    modified: literal(g, id, `${DCT}modified`),
    distributions: [],
  }
}

/** What datasets and data services both carry, read the same way for both. */
function sharedFields(g: RdfGraph, id: string, subject: string, warn: Warn) {
  const contact = readContact(g, id)
  const shared = {
    publisherIri: publisherOf(g, id, subject, warn),
    title: langText(g, id, `${DCT}title`),
    description: langText(g, id, `${DCT}description`),
    contactEmail: contact.email,
    license: value(g, id, `${DCT}license`),
    accessRights: value(g, id, `${DCT}accessRights`),
    conformsTo: iris(g, id, `${DCT}conformsTo`),
    hvdCategories: iris(g, id, `${DCATAP}hvdCategory`),
    applicableLegislation: iris(g, id, `${DCATAP}applicableLegislation`),
  }
  return { shared, contactName: contact.name }
}

/** Data services: typed, in a catalogue, or the access service of a distribution. One without an IRI is skipped. */
function readServices(g: RdfGraph, catalogueIds: Set<string>, datasets: DatasetRecord[], warn: Warn): DataServiceRecord[] {
  const serviceIds = new Set(g.ofType(`${DCAT}DataService`))
  for (const c of catalogueIds) for (const o of g.objects(c, `${DCAT}service`)) serviceIds.add(o.v)
  for (const ds of datasets) for (const x of ds.distributions) if (x.accessServiceIri && g.has(x.accessServiceIri)) serviceIds.add(x.accessServiceIri)
  const dataServices: DataServiceRecord[] = []
  for (const id of serviceIds) {
    if (!g.has(id)) continue
    if (id.startsWith('_:')) {
      const user = datasets.find((d) => d.distributions.some((x) => x.accessServiceIri === id))
      warn(user?.iri ?? '(blank node)', 'service-blank-node')
      continue
    }
    dataServices.push({
      iri: id,
      ...sharedFields(g, id, id, warn).shared,
      endpointUrls: urls(g, id, `${DCAT}endpointURL`, id, warn),
      endpointDescription: value(g, id, `${DCAT}endpointDescription`),
      servesDatasets: iris(g, id, `${DCAT}servesDataset`),
    })
  }
  return dataServices
}

/** Organisations: every publisher of `records`, and every typed agent with an IRI. */
function readOrganisations(g: RdfGraph, records: { publisherIri: string | null }[]): OrganisationRecord[] {
  const orgIds = new Set<string>()
  for (const x of records) if (x.publisherIri) orgIds.add(x.publisherIri)
  for (const t of g.ofType(`${FOAF}Agent`, `${FOAF}Organization`, ...ORG.map((o) => `${o}Organization`))) {
    if (!t.startsWith('_:')) orgIds.add(t)
  }
  return [...orgIds].map((iri) => readOrganisation(g, iri))
}

/** hydra:next / hydra:nextPage targets (either namespace spelling). */
function nextPagesOf(g: RdfGraph): string[] {
  const nextPages: string[] = []
  for (const h of HYDRA) {
    for (const p of ['next', 'nextPage']) {
      for (const s of g.subjectsWith(`${h}${p}`)) for (const o of g.objects(s, `${h}${p}`)) if (o.k !== 'bnode') nextPages.push(o.v)
    }
  }
  return dedupe(nextPages)
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

function publisherOf(g: RdfGraph, id: string, subject: string, warn: Warn): string | null {
  const p = g.objects(id, `${DCT}publisher`)[0]
  if (!p) return null
  if (p.k === 'iri') return p.v
  if (p.k === 'bnode') warn(subject, 'publisher-blank-node')
  else warn(subject, 'publisher-literal', { value: p.v.slice(0, 80) })
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
      const v = e.k === 'bnode' ? (g.objects(e.v, `${VCARD}hasValue`, RDF_VALUE)[0]?.v ?? null) : e.v
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

function syntheticDatasetIri(g: RdfGraph, id: string): string {
  const basis = JSON.stringify([
    g.objects(id, `${DCT}identifier`).map((o: Obj) => o.v),
    langText(g, id, `${DCT}title`),
    g.objects(id, `${DCAT}landingPage`).map((o: Obj) => o.v),
  ])
  return `urn:datavakt:dataset:${shortHash(basis)}`
}
