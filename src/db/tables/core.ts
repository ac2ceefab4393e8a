import type { ColumnType, Generated } from 'kysely'

/** Columns of type jsonb: written with `json()` from `src/db/json.ts`, read back parsed. */
export type Json<T> = ColumnType<T, string, string>
/** timestamptz: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>

/** Language-tagged text: { sv?: ..., en?: ..., '': untagged }. */
export type LangText = Record<string, string>

/** A catalogue that datavakt watches (mirrors `sources` in the configuration). */
export interface CatalogueSourceTable {
  id: string
  kind: 'dcat' | 'ckan' | 'entryscape'
  url: string
  organisation: string | null
  publisher: string | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

/** A publishing organisation (foaf:Agent), keyed by its IRI. */
export interface OrganisationTable {
  iri: string
  name: Json<LangText>
  /** Swedish organisation number, e.g. 212000-1355, when known. */
  org_number: string | null
  homepage: string | null
  source_id: string | null
  first_seen: Generated<Date>
  last_seen: Generated<Date>
}

/** A dcat:Dataset. Never deleted: `withdrawn_at` is set when it leaves its catalogue. */
export interface DatasetTable {
  iri: string
  source_id: string
  organisation_iri: string | null
  publisher_iri: string | null
  title: Json<LangText>
  description: Json<LangText>
  contact_email: string | null
  contact_name: string | null
  license: string | null
  access_rights: string | null
  accrual_periodicity: string | null
  conforms_to: Json<string[]>
  spatial: Json<string[]>
  temporal: Json<{ start?: string; end?: string }[]>
  keywords: Json<LangText[]>
  themes: Json<string[]>
  landing_page: string | null
  issued: string | null
  modified: string | null
  hvd_categories: Json<string[]>
  applicable_legislation: Json<string[]>
  /** SHA-256 of the normalised record, to tell "changed" from "unchanged" on re-harvest. */
  record_hash: string
  first_seen: Generated<Date>
  last_seen: Generated<Date>
  withdrawn_at: Timestamp | null
}

/** A dcat:Distribution of a dataset. */
export interface DistributionTable {
  iri: string
  dataset_iri: string
  title: Json<LangText>
  description: Json<LangText>
  access_url: string | null
  download_url: string | null
  /** Host (lower-case, with port if not default) of the URL that is checked: the unit of work. */
  host: string | null
  format: string | null
  media_type: string | null
  byte_size: number | null
  license: string | null
  access_rights: string | null
  conforms_to: Json<string[]>
  access_service_iri: string | null
  issued: string | null
  modified: string | null
  record_hash: string
  first_seen: Generated<Date>
  last_seen: Generated<Date>
  withdrawn_at: Timestamp | null
}

/** A dcat:DataService (an API). */
export interface DataServiceTable {
  iri: string
  source_id: string
  organisation_iri: string | null
  publisher_iri: string | null
  title: Json<LangText>
  description: Json<LangText>
  endpoint_urls: Json<string[]>
  endpoint_description: string | null
  contact_email: string | null
  license: string | null
  access_rights: string | null
  conforms_to: Json<string[]>
  serves_datasets: Json<string[]>
  hvd_categories: Json<string[]>
  applicable_legislation: Json<string[]>
  record_hash: string
  first_seen: Generated<Date>
  last_seen: Generated<Date>
  withdrawn_at: Timestamp | null
}

/** One harvest of one source: the catalogue's own health is a result too. */
export interface HarvestRunTable {
  id: Generated<number>
  source_id: string
  started_at: Generated<Date>
  finished_at: Timestamp | null
  status: 'running' | 'ok' | 'failed'
  http_status: number | null
  /** Why it failed, in words; null when ok. */
  error: string | null
  /** Where in the document it failed (e.g. "line 120, column 4" or "byte 81234"). */
  error_position: string | null
  datasets: Generated<number>
  distributions: Generated<number>
  data_services: Generated<number>
  added: Generated<number>
  changed: Generated<number>
  withdrawn: Generated<number>
  unchanged: Generated<number>
  restored: Generated<number>
  bytes: Generated<number>
  warnings: ColumnType<{ subject: string; message: string }[], string | undefined, string>
  /** Stable reason code of a failure (migration 0004): 'http-error', 'timeout', 'truncated', ... */
  error_code: string | null
  /** Per-kind change counts (migration 0004), see HarvestCounts in src/db/harvest-store.ts. */
  counts: ColumnType<Record<string, Record<string, number>>, string | undefined, string>
  /** Documents read: pages, sub-catalogues, EntryScape entries (migration 0004). */
  documents: Generated<number>
}

export interface CoreTables {
  catalogue_sources: CatalogueSourceTable
  organisations: OrganisationTable
  datasets: DatasetTable
  distributions: DistributionTable
  data_services: DataServiceTable
  harvest_runs: HarvestRunTable
}
