import { createHash } from 'node:crypto'
import { sql, type RawBuilder, type Selectable } from 'kysely'
import type { DataService, Dataset, Distribution } from '../domain/catalogue-records.js'
import type { DataServiceTable, DatasetTable, DistributionTable } from './tables/core.js'
import { probedUrl } from '../domain/probed-url.js'
import { hostOf } from '../domain/url-host.js'

/**
 * What a harvested record becomes as a row of datasets, distributions or data_services:
 * its columns, and its record_hash (how the store tells a changed record from an unchanged one).
 */

/** The columns the store writes from a record: every column but the bookkeeping ones (and the probe writer's next check). */
type RowOf<T> = Omit<Selectable<T>, 'first_seen' | 'last_seen' | 'withdrawn_at' | 'record_hash' | 'next_check_at'>

function hash(v: unknown): string {
  return createHash('sha256').update(JSON.stringify(v)).digest('hex')
}

/**
 * Columns added after records were first stored are hashed only when they hold something
 * (not null, not an empty list), so a record that has none of the new property keeps the
 * hash it was stored with and does not count as changed. A derived column (a service's
 * host, made from its endpoint URL) is not hashed at all.
 */
const HASHED_WHEN_SET: Record<string, ReadonlySet<string>> = { distributions: new Set(['hvd_categories', 'applicable_legislation']) }
const NOT_HASHED: Record<string, ReadonlySet<string>> = { data_services: new Set(['host']) }

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (Array.isArray(v) && v.length === 0)
}

/**
 * The row with its record_hash: the hash of its values in the table's column order
 * (`names`), so how a row is put together never changes the hash of a stored record.
 */
function withHash<R extends object>(row: R, names: readonly string[], table = ''): R & { record_hash: string } {
  const values = row as Record<string, unknown>
  const skip = (n: string) =>
    n === 'record_hash' || NOT_HASHED[table]?.has(n) === true || (HASHED_WHEN_SET[table]?.has(n) === true && isEmpty(values[n]))
  const ordered = Object.fromEntries(names.filter((n) => !skip(n)).map((n) => [n, values[n]]))
  return { ...row, record_hash: hash(ordered) }
}

/** The columns every record shares (datasets, distributions, data services): names, licence, rights, specifications. */
function describedColumns(x: Dataset | Distribution | DataService) {
  return {
    iri: x.iri,
    title: x.title,
    description: x.description,
    license: x.license,
    access_rights: x.accessRights,
    conforms_to: x.conformsTo,
    hvd_categories: x.hvdCategories,
    applicable_legislation: x.applicableLegislation,
  }
}

/** The columns of what a catalogue publishes on its own (datasets, data services): source, owner, contact. */
function publishedColumns(x: Dataset | DataService, sourceId: string, organisation: string | null) {
  return { ...describedColumns(x), source_id: sourceId, organisation_iri: organisation ?? x.publisherIri, publisher_iri: x.publisherIri, contact_email: x.contactEmail }
}

/** The columns datasets and distributions share beyond describedColumns: dct:rights and the dates. */
function recordColumns(x: Dataset | Distribution) {
  return { rights: x.rights, issued: x.issued, modified: x.modified }
}

export function datasetRow(d: Dataset, sourceId: string, organisation: string | null) {
  const row: RowOf<DatasetTable> = {
    ...publishedColumns(d, sourceId, organisation),
    ...recordColumns(d),
    contact_name: d.contactName,
    accrual_periodicity: d.accrualPeriodicity,
    spatial: d.spatial,
    temporal: d.temporal,
    keywords: d.keywords,
    themes: d.themes,
    landing_page: d.landingPage,
  }
  return withHash(row, DATASET_COLUMNS.list)
}

export function distributionRow(x: Distribution) {
  const row: RowOf<DistributionTable> = {
    ...describedColumns(x),
    ...recordColumns(x),
    dataset_iri: x.datasetIri,
    access_url: x.accessUrl,
    download_url: x.downloadUrl,
    host: hostOf(probedUrl(x.downloadUrl, x.accessUrl)),
    format: x.format,
    media_type: x.mediaType,
    byte_size: x.byteSize,
    access_service_iri: x.accessServiceIri,
  }
  return withHash(row, DIST_COLUMNS.list, 'distributions')
}

export function serviceRow(s: DataService, sourceId: string, organisation: string | null) {
  const row: RowOf<DataServiceTable> = {
    ...publishedColumns(s, sourceId, organisation),
    endpoint_urls: s.endpointUrls,
    endpoint_description: s.endpointDescription,
    serves_datasets: s.servesDatasets,
    host: hostOf(s.endpointUrls[0] ?? null),
  }
  return withHash(row, SERVICE_COLUMNS.list, 'data_services')
}

const DATASET_COLS = sql.raw(`iri text, source_id text, organisation_iri text, publisher_iri text, title jsonb, description jsonb,
  contact_email text, contact_name text, license text, access_rights text, rights text, accrual_periodicity text, conforms_to jsonb,
  spatial jsonb, temporal jsonb, keywords jsonb, themes jsonb, landing_page text, issued text, modified text,
  hvd_categories jsonb, applicable_legislation jsonb, record_hash text`)
const DATASET_NAMES = `iri, source_id, organisation_iri, publisher_iri, title, description, contact_email, contact_name, license,
  access_rights, rights, accrual_periodicity, conforms_to, spatial, temporal, keywords, themes, landing_page, issued, modified,
  hvd_categories, applicable_legislation, record_hash`
const DIST_COLS = sql.raw(`iri text, dataset_iri text, title jsonb, description jsonb, access_url text, download_url text, host text,
  format text, media_type text, byte_size bigint, license text, access_rights text, rights text, conforms_to jsonb, access_service_iri text,
  issued text, modified text, hvd_categories jsonb, applicable_legislation jsonb, record_hash text`)
const DIST_NAMES = `iri, dataset_iri, title, description, access_url, download_url, host, format, media_type, byte_size, license,
  access_rights, rights, conforms_to, access_service_iri, issued, modified, hvd_categories, applicable_legislation, record_hash`
const SERVICE_COLS = sql.raw(`iri text, source_id text, organisation_iri text, publisher_iri text, title jsonb, description jsonb,
  endpoint_urls jsonb, endpoint_description text, contact_email text, license text, access_rights text, conforms_to jsonb,
  serves_datasets jsonb, hvd_categories jsonb, applicable_legislation jsonb, host text, record_hash text`)
const SERVICE_NAMES = `iri, source_id, organisation_iri, publisher_iri, title, description, endpoint_urls, endpoint_description,
  contact_email, license, access_rights, conforms_to, serves_datasets, hvd_categories, applicable_legislation, host, record_hash`
/** A table's columns: as SQL (names, and their types for jsonb_to_recordset) and as a list, in the order record_hash is made in. */
export interface TableColumns {
  names: string
  cols: RawBuilder<unknown>
  list: string[]
}
function columns(names: string, cols: RawBuilder<unknown>): TableColumns {
  return { names, cols, list: names.split(',').map((n) => n.trim()) }
}
export const DATASET_COLUMNS = columns(DATASET_NAMES, DATASET_COLS)
export const DIST_COLUMNS = columns(DIST_NAMES, DIST_COLS)
export const SERVICE_COLUMNS = columns(SERVICE_NAMES, SERVICE_COLS)
