import type { LangText } from '../db/tables/core.js'

/**
 * The one normalised model every catalogue reader (DCAT RDF, CKAN, EntryScape) produces
 * and the store consumes. Identifiers are the RDF IRIs; where a catalogue gives none
 * (a blank-node distribution, a CKAN package) a stable synthetic IRI is made, so the
 * same record gets the same identifier on every harvest.
 */

/** Something that was skipped or could not be understood, with the IRI it concerns. */
export interface HarvestWarning {
  subject: string
  message: string
}

/** A publishing organisation (foaf:Agent / dct:publisher). */
export interface OrganisationRecord {
  iri: string
  /** foaf:name per language ('' = untagged). */
  name: LangText
  /** Swedish organisation number as NNNNNN-NNNN, when it can be read from the IRI or dct:identifier. */
  orgNumber: string | null
  homepage: string | null
}

/** A dcat:Distribution. */
export interface DistributionRecord {
  iri: string
  datasetIri: string
  title: LangText
  description: LangText
  accessUrl: string | null
  downloadUrl: string | null
  /** dct:format as declared: a media type literal ("text/csv"), an EU file-type IRI or free text. */
  format: string | null
  /** IANA media type: dcat:mediaType, else read from dct:format when that names one. */
  mediaType: string | null
  byteSize: number | null
  license: string | null
  accessRights: string | null
  conformsTo: string[]
  accessServiceIri: string | null
  issued: string | null
  modified: string | null
}

/** A dcat:Dataset with its distributions. */
export interface DatasetRecord {
  iri: string
  publisherIri: string | null
  title: LangText
  description: LangText
  contactEmail: string | null
  contactName: string | null
  license: string | null
  accessRights: string | null
  accrualPeriodicity: string | null
  conformsTo: string[]
  spatial: string[]
  temporal: { start?: string; end?: string }[]
  keywords: LangText[]
  themes: string[]
  landingPage: string | null
  issued: string | null
  modified: string | null
  hvdCategories: string[]
  applicableLegislation: string[]
  distributions: DistributionRecord[]
}

/** A dcat:DataService (an API). */
export interface DataServiceRecord {
  iri: string
  publisherIri: string | null
  title: LangText
  description: LangText
  endpointUrls: string[]
  endpointDescription: string | null
  contactEmail: string | null
  license: string | null
  accessRights: string | null
  conformsTo: string[]
  servesDatasets: string[]
  hvdCategories: string[]
  applicableLegislation: string[]
}

/** A dcat:Catalog seen while reading (kept for sub-catalogues and reporting; not stored). */
export interface CatalogueRecord {
  iri: string
  title: LangText
  publisherIri: string | null
  parts: string[]
}

/** What one harvest of one source read. */
export interface HarvestModel {
  catalogues: CatalogueRecord[]
  organisations: OrganisationRecord[]
  datasets: DatasetRecord[]
  dataServices: DataServiceRecord[]
  warnings: HarvestWarning[]
  /**
   * Datasets known to be in the catalogue whose description could not be read this time
   * (e.g. one EntryScape entry answered 500). They are neither updated nor withdrawn.
   */
  keepDatasetIris: string[]
}

/** An empty model to fill. */
export function emptyModel(): HarvestModel {
  return { catalogues: [], organisations: [], datasets: [], dataServices: [], warnings: [], keepDatasetIris: [] }
}

/**
 * Adds `part` into `into`. The first description of an IRI wins (a catalogue read in
 * pages or entries may repeat a record); organisations merge their names.
 */
export function mergeModel(into: HarvestModel, part: HarvestModel, seen: MergeIndex = indexOf(into)): MergeIndex {
  for (const c of part.catalogues) if (!seen.catalogues.has(c.iri)) (seen.catalogues.add(c.iri), into.catalogues.push(c))
  for (const o of part.organisations) {
    const prev = seen.organisations.get(o.iri)
    if (!prev) {
      seen.organisations.set(o.iri, o)
      into.organisations.push(o)
    } else {
      prev.name = { ...o.name, ...prev.name }
      prev.orgNumber ??= o.orgNumber
      prev.homepage ??= o.homepage
    }
  }
  for (const d of part.datasets) if (!seen.datasets.has(d.iri)) (seen.datasets.add(d.iri), into.datasets.push(d))
  for (const s of part.dataServices) if (!seen.services.has(s.iri)) (seen.services.add(s.iri), into.dataServices.push(s))
  into.warnings.push(...part.warnings)
  into.keepDatasetIris.push(...part.keepDatasetIris)
  return seen
}

/** Which IRIs a model already holds, so merging many parts stays linear. */
export interface MergeIndex {
  catalogues: Set<string>
  organisations: Map<string, OrganisationRecord>
  datasets: Set<string>
  services: Set<string>
}

function indexOf(m: HarvestModel): MergeIndex {
  return {
    catalogues: new Set(m.catalogues.map((c) => c.iri)),
    organisations: new Map(m.organisations.map((o) => [o.iri, o])),
    datasets: new Set(m.datasets.map((d) => d.iri)),
    services: new Set(m.dataServices.map((s) => s.iri)),
  }
}

/** The preferred text of a LangText: sv, then en, then untagged, then any. */
export function preferredText(t: LangText): string | null {
  return t.sv ?? t.en ?? t[''] ?? Object.values(t)[0] ?? null
}

/**
 * The JSON document `datavakt harvest --dry-run --json` prints: how datavakt reads a
 * catalogue, in the shape documented in the README.
 */
export function modelToDryRunJson(m: HarvestModel) {
  return {
    organisations: m.organisations.map((o) => ({ iri: o.iri, name: preferredText(o.name), orgNumber: o.orgNumber, homepage: o.homepage })),
    datasets: m.datasets.map((d) => ({
      iri: d.iri,
      title: preferredText(d.title),
      publisher: d.publisherIri,
      contactEmail: d.contactEmail,
      license: d.license,
      accrualPeriodicity: d.accrualPeriodicity,
      conformsTo: d.conformsTo,
      modified: d.modified,
      distributions: d.distributions.map((x) => ({
        iri: x.iri,
        accessUrl: x.accessUrl,
        downloadUrl: x.downloadUrl,
        format: x.format,
        mediaType: x.mediaType,
        byteSize: x.byteSize,
        license: x.license,
      })),
    })),
    dataServices: m.dataServices.map((s) => ({
      iri: s.iri,
      title: preferredText(s.title),
      publisher: s.publisherIri,
      endpointUrls: s.endpointUrls,
      endpointDescription: s.endpointDescription,
      servesDatasets: s.servesDatasets,
    })),
    warnings: m.warnings,
  }
}
