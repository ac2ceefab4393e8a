import type { ColumnType, Generated } from 'kysely'
import type { MessageParams } from '../../domain/finding.js'
import type { HarvestWarning } from '../../domain/harvest-warning.js'

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

/** What every harvested record's row has: its IRI, hash and when it was seen and withdrawn. Never deleted. */
export interface HarvestedRecordColumns {
  iri: string
  /** SHA-256 of the normalised record, to tell "changed" from "unchanged" on re-harvest. */
  record_hash: string
  first_seen: Generated<Date>
  last_seen: Generated<Date>
  /** Set when it leaves its catalogue. */
  withdrawn_at: Timestamp | null
}

/**
 * What a dataset's and a data service's rows have besides: the catalogue it came from, who
 * publishes it, title and description, contact, licence, rights, specifications and HVD
 * (written by `sharedColumns` in src/db/harvest-rows.ts).
 */
export interface PublishedRecordColumns extends HarvestedRecordColumns {
  source_id: string
  organisation_iri: string | null
  publisher_iri: string | null
  title: Json<LangText>
  description: Json<LangText>
  contact_email: string | null
  license: string | null
  access_rights: string | null
  conforms_to: Json<string[]>
  /** dcatap:hvdCategory and dcatap:applicableLegislation ('[]' when not given). */
  hvd_categories: Json<string[]>
  applicable_legislation: Json<string[]>
}

/** A dcat:Dataset. */
export interface DatasetTable extends PublishedRecordColumns {
  contact_name: string | null
  /** dct:rights (migration 0005). */
  rights: string | null
  accrual_periodicity: string | null
  spatial: Json<string[]>
  temporal: Json<{ start?: string; end?: string }[]>
  keywords: Json<LangText[]>
  themes: Json<string[]>
  landing_page: string | null
  issued: string | null
  modified: string | null
}

/** A dcat:Distribution of a dataset. */
export interface DistributionTable extends HarvestedRecordColumns {
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
  /** dct:rights (migration 0005). */
  rights: string | null
  conforms_to: Json<string[]>
  access_service_iri: string | null
  issued: string | null
  modified: string | null
  /**
   * When the URL is due to be probed again (migration 0013-next-check): now for a
   * new distribution, then set by the probe writer (src/availability/next-check.ts).
   */
  next_check_at: Generated<Date>
  /** dcatap:hvdCategory and dcatap:applicableLegislation (migration 0014-hvd-services; '[]' when not given). */
  hvd_categories: ColumnType<string[], string | undefined, string>
  applicable_legislation: ColumnType<string[], string | undefined, string>
}

/** A dcat:DataService (an API). */
export interface DataServiceTable extends PublishedRecordColumns {
  endpoint_urls: Json<string[]>
  endpoint_description: string | null
  serves_datasets: Json<string[]>
  /** Host of the first endpoint URL, the unit of work when the endpoint is probed (migration 0014-hvd-services); null when none parses. */
  host: ColumnType<string | null, string | null | undefined, string | null>
  /** When the endpoint is due to be probed again, as a distribution's next_check_at (migration 0014-hvd-services). */
  next_check_at: Generated<Date>
}

/** One harvest of one source: the catalogue's own health is a result too. */
export interface HarvestRunTable {
  id: Generated<number>
  source_id: string
  started_at: Generated<Date>
  finished_at: Timestamp | null
  /** 'interrupted': left 'running' by a process that is gone (migration 0005). */
  status: 'running' | 'ok' | 'failed' | 'interrupted'
  http_status: number | null
  /** Why it failed, in words: only runs from before migration 0008 (now null; see error_params). */
  error: string | null
  /** Where in the document it failed, in words: only runs from before migration 0008 (now in error_params). */
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
  /** Codes with params (src/domain/harvest-warning.ts); runs from before hold `{ subject, message }` words. */
  warnings: ColumnType<(HarvestWarning | { subject: string; message: string })[], string | undefined, string>
  /** Stable reason of a failure (migration 0004), a HarvestErrorReason: 'http-error', 'timeout', 'truncated', ... */
  error_code: string | null
  /** The values the failure's text needs (migration 0008): url, status, line, column, ...; null before. */
  error_params: ColumnType<MessageParams | null, string | null | undefined, string | null>
  /** Per-kind change counts (migration 0004), see HarvestCounts in src/db/harvest-store.ts. */
  counts: ColumnType<Record<string, Record<string, number>>, string | undefined, string>
  /** Documents read: pages, sub-catalogues, EntryScape entries (migration 0004). */
  documents: Generated<number>
  /** Who ran it: host, process id and process start (migration 0005); null before. */
  owner: string | null
}

export interface CoreTables {
  catalogue_sources: CatalogueSourceTable
  organisations: OrganisationTable
  datasets: DatasetTable
  distributions: DistributionTable
  data_services: DataServiceTable
  harvest_runs: HarvestRunTable
}
