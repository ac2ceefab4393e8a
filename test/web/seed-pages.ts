import type { Db } from '../../src/db/database.js'
import { json } from '../../src/db/json.js'
import { computeScores } from '../../src/scoring/compute-scores.js'
import { emptyDatasetColumns, emptyDistributionColumns } from '../helpers/empty-dataset-columns.js'

/**
 * A small region whose harvested words (names, titles, descriptions, addresses) the page
 * tests know, so they can strip them before asking whether datavakt's own words are in
 * the page's language. Findings are stored as codes with params, as the checks store them.
 */

/** An organisation's IRI at dataportal.se, by its organisation number. */
const organisation = (orgNumber: string) => `http://dataportal.se/organisation/SE${orgNumber}`
/** An IRI of the seeded catalogue: a dataset (`ds`) or a data service (`service`), by its name. */
export const catalogIri = (kind: 'ds' | 'service', name: string) => `https://catalog.example/${kind}/${name}`

export const ORG_A = organisation('2120001355')
export const ORG_B = organisation('2120001439')
/** Harvested, but with no datasets: known, never scored. */
export const ORG_C = organisation('2120001500')
export const DS_A = catalogIri('ds', 'badplatser')
export const DS_B = catalogIri('ds', 'budget')
/** A dataset that names neither an organisation nor a publisher. */
export const DS_C = catalogIri('ds', 'utan-agare')
export const DIST_A = `${DS_A}/csv`
export const DIST_A_JSON = `${DS_A}/json`
export const DIST_B = `${DS_B}/csv`
export const DIST_C = `${DS_C}/csv`
export const SOURCE_URL = 'http://127.0.0.1:1/datasets/dcat'

/** Every harvested word and address the seed stores: data, not datavakt's words. */
export const HARVESTED = [
  'Göteborgs Stad',
  'City of Gothenburg',
  'Ale kommun',
  'Lerums kommun',
  'Badplatser i kommunen',
  'Bathing places in the municipality',
  'Badplatser',
  'Bathing places',
  'Budget 2026 i kommunen',
  'Budget 2026',
  'Ägarlösa data',
  'http://127.0.0.2/bad.csv',
  'http://127.0.0.2/bad.json',
  'http://127.0.0.3/budget.csv',
  'http://127.0.0.4/c.csv',
  SOURCE_URL,
  DIST_A_JSON,
  DIST_A,
  DIST_B,
  DIST_C,
  DS_A,
  DS_B,
  DS_C,
  ORG_A,
  ORG_B,
  ORG_C,
  'text/csv',
  'application/json',
]

export const DAY_1 = new Date('2026-11-19T12:00:00Z')
export const DAY_2 = new Date('2026-11-20T12:00:00Z')

async function seedCatalogue(db: Db): Promise<void> {
  await db.insertInto('catalogue_sources').values({ id: 'vg', kind: 'dcat', url: SOURCE_URL }).execute()
  await db.insertInto('harvest_runs').values({ source_id: 'vg', status: 'ok', started_at: DAY_1, finished_at: DAY_1, http_status: 200, error: null, error_position: null }).execute()
  await db
    .insertInto('organisations')
    .values([
      { iri: ORG_A, name: json({ sv: 'Göteborgs Stad', en: 'City of Gothenburg' }) },
      { iri: ORG_B, name: json({ sv: 'Ale kommun' }) },
      { iri: ORG_C, name: json({ sv: 'Lerums kommun' }) },
    ])
    .execute()
  await db
    .insertInto('datasets')
    .values([
      datasetRow(DS_A, ORG_A, { sv: 'Badplatser', en: 'Bathing places' }, { sv: 'Badplatser i kommunen', en: 'Bathing places in the municipality' }),
      datasetRow(DS_B, ORG_B, { sv: 'Budget 2026' }, { sv: 'Budget 2026 i kommunen' }),
      datasetRow(DS_C, null, { sv: 'Ägarlösa data' }, {}),
    ])
    .execute()
  await db
    .insertInto('distributions')
    .values([
      distributionRow(DIST_A, DS_A, 'http://127.0.0.2/bad.csv', 'text/csv'),
      distributionRow(DIST_A_JSON, DS_A, 'http://127.0.0.2/bad.json', 'application/json'),
      distributionRow(DIST_B, DS_B, 'http://127.0.0.3/budget.csv', 'text/csv'),
      distributionRow(DIST_C, DS_C, 'http://127.0.0.4/c.csv', 'text/csv'),
    ])
    .execute()
}

/** A harvested dataset of source `vg`, published by `org`. */
export function datasetRow(iri: string, org: string | null, title: Record<string, string>, description: Record<string, string>) {
  return { iri, source_id: 'vg', organisation_iri: org, publisher_iri: org, ...emptyDatasetColumns(), title: json(title), description: json(description), record_hash: 'x' }
}

/** A distribution of `dataset` whose download URL is `url`. */
export function distributionRow(iri: string, dataset: string, url: string, format: string, accessService: string | null = null) {
  return { iri, dataset_iri: dataset, ...emptyDistributionColumns(), download_url: url, host: new URL(url).host, format, record_hash: 'x', access_service_iri: accessService }
}

type Finding = { code: string; severity: 'error' | 'warning' | 'info'; params: Record<string, unknown> }

async function result(db: Db, at: Date, dist: string | null, dataset: string, checkId: string, dimension: 'format' | 'conformance' | 'metadata', status: 'pass' | 'warn' | 'fail', findings: Finding[]) {
  // Inserted as the checks store findings now: a code with params, no words.
  await db
    .insertInto('check_results')
    .values({ run_id: null, distribution_iri: dist, dataset_iri: dataset, check_id: checkId, dimension, status, findings: json(findings), metrics: json({}), facts: json({}), at })
    .execute()
}

/**
 * Seeds the region and scores it on two days (so pages have a trend): Badplatser's CSV has
 * a format error and a repeated conformance error and is broken; its dataset has a
 * metadata warning; the other files pass.
 */
export async function seedPages(db: Db): Promise<void> {
  await seedCatalogue(db)
  for (const at of [DAY_1, DAY_2]) {
    await result(db, at, DIST_A, DS_A, 'encoding', 'format', 'fail', [{ code: 'empty-body', severity: 'error', params: {} }])
    await result(db, at, DIST_A, DS_A, 'csv-structure', 'conformance', 'fail', [
      { code: 'truncated', severity: 'error', params: { row: 3 } },
      { code: 'truncated', severity: 'error', params: { row: 9 } },
    ])
    await result(db, at, null, DS_A, 'metadata', 'metadata', 'warn', [{ code: 'invalid-url', severity: 'warning', params: {} }])
    await result(db, at, DIST_A_JSON, DS_A, 'encoding', 'format', 'pass', [])
    await result(db, at, DIST_B, DS_B, 'encoding', 'format', 'pass', [])
    await result(db, at, DIST_C, DS_C, 'encoding', 'format', 'pass', [])
    await computeScores({ db, now: at })
  }
  await db
    .insertInto('availability_state')
    .values([
      { distribution_iri: DIST_A, state: 'broken', consecutive_failures: 3, first_failure_at: DAY_1, last_ok_at: null, last_probe_at: DAY_2, last_outcome: 'failing', last_code: 'http-404', last_http_status: 404, last_etag: null, last_modified: null, state_since: DAY_2 },
      { distribution_iri: DIST_B, state: 'ok', consecutive_failures: 0, first_failure_at: null, last_ok_at: DAY_2, last_probe_at: DAY_2, last_outcome: 'ok', last_code: 'ok', last_http_status: 200, last_etag: null, last_modified: null, state_since: DAY_1 },
    ])
    .execute()
}
