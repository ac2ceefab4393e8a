import type { DataService, Dataset, Distribution, Organisation } from '../domain/catalogue-records.js'
import type { HarvestWarning } from '../domain/harvest-warning.js'
import type { LangText } from '../domain/lang-text.js'

/**
 * The one normalised model every catalogue reader (DCAT RDF, CKAN, EntryScape) produces
 * and the store consumes. Identifiers are the RDF IRIs; where a catalogue gives none
 * (a blank-node distribution, a CKAN package) a stable synthetic IRI is made, so the
 * same record gets the same identifier on every harvest.
 */

/** A publishing organisation (src/domain/catalogue-records.ts). */
export type OrganisationRecord = Organisation
/** A dcat:Distribution (src/domain/catalogue-records.ts). */
export type DistributionRecord = Distribution
/** A dcat:Dataset with its distributions. */
export interface DatasetRecord extends Dataset {
  distributions: DistributionRecord[]
}
/** A dcat:DataService (src/domain/catalogue-records.ts). */
export type DataServiceRecord = DataService

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
  /** The same for data services (an EntryScape service entry that could not be read). */
  keepServiceIris: string[]
}

/** An empty model to fill. */
export function emptyModel(): HarvestModel {
  return { catalogues: [], organisations: [], datasets: [], dataServices: [], warnings: [], keepDatasetIris: [], keepServiceIris: [] }
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
  into.keepServiceIris.push(...part.keepServiceIris)
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
      titleLanguages: Object.keys(d.title),
      descriptionLanguages: Object.keys(d.description),
      hvdCategories: d.hvdCategories,
      applicableLegislation: d.applicableLegislation,
      distributions: d.distributions.map((x) => ({
        iri: x.iri,
        accessUrl: x.accessUrl,
        downloadUrl: x.downloadUrl,
        format: x.format,
        mediaType: x.mediaType,
        byteSize: x.byteSize,
        license: x.license,
        conformsTo: x.conformsTo,
        accessService: x.accessServiceIri,
        hvdCategories: x.hvdCategories,
        applicableLegislation: x.applicableLegislation,
      })),
    })),
    dataServices: m.dataServices.map((s) => ({
      iri: s.iri,
      title: preferredText(s.title),
      description: preferredText(s.description),
      titleLanguages: Object.keys(s.title),
      publisher: s.publisherIri,
      contactEmail: s.contactEmail,
      endpointUrls: s.endpointUrls,
      endpointDescription: s.endpointDescription,
      servesDatasets: s.servesDatasets,
      conformsTo: s.conformsTo,
      license: s.license,
      accessRights: s.accessRights,
      hvdCategories: s.hvdCategories,
      applicableLegislation: s.applicableLegislation,
    })),
    warnings: m.warnings,
  }
}
