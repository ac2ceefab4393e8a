import type { LangText } from './lang-text.js'

/**
 * The one shape of what a catalogue describes: organisations, datasets, distributions and
 * data services, as every reader (DCAT RDF, CKAN, EntryScape) produces them, as the store
 * keeps them and as the checks judge them. Identifiers are the RDF IRIs; where a catalogue
 * gives none (a blank-node distribution, a CKAN package), the reader makes a stable
 * synthetic IRI. Adding a property here is a compile error in the store's column mapping
 * (src/db/) until it is stored and read back.
 */

/** A publishing organisation (foaf:Agent / dct:publisher). */
export interface Organisation {
  iri: string
  /** foaf:name per language ('' = untagged). */
  name: LangText
  /** Swedish organisation number as NNNNNN-NNNN, when it can be read from the IRI or dct:identifier. */
  orgNumber: string | null
  homepage: string | null
}

/** A dcat:Dataset, without its distributions. */
export interface Dataset {
  iri: string
  publisherIri: string | null
  title: LangText
  description: LangText
  contactEmail: string | null
  contactName: string | null
  license: string | null
  accessRights: string | null
  /** dct:rights: a rights statement (distinct from dct:accessRights). */
  rights: string | null
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
}

/** A dcat:Distribution of a dataset. */
export interface Distribution {
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
  /** dct:rights: a rights statement (MQA's `rights` indicator). */
  rights: string | null
  conformsTo: string[]
  accessServiceIri: string | null
  issued: string | null
  modified: string | null
  /** dcatap:hvdCategory and dcatap:applicableLegislation: DCAT-AP HVD puts them on distributions too. */
  hvdCategories: string[]
  applicableLegislation: string[]
}

/**
 * A dcat:DataService (an API). `endpointDescription` is the first dcat:endpointDescription
 * (an OpenAPI, WSDL or OGC capabilities document, or a page about the API).
 */
export interface DataService {
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
