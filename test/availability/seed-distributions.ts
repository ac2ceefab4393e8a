import type { Db } from '../../src/db/database.js'
import type { ProbeCode, ProbeOutcome } from '../../src/domain/probe-codes.js'
import type { ProbeResult } from '../../src/fetch/probe-types.js'
import { emptyDatasetColumns, emptyDistributionColumns } from '../helpers/empty-dataset-columns.js'
import { hostOf } from '../../src/domain/url-host.js'

/** The dataset of the seeded distributions that name none. */
export const SEED_DATASET = 'urn:seed:dataset'

/** One distribution to seed: its dataset (default urn:seed:dataset) and that dataset's organisation. */
export interface SeedItem {
  iri: string
  url: string | null
  dataset?: string
  organisation?: string | null
  format?: string | null
  /** The address is its dataset's landing page: given as the accessURL and the dataset's landingPage, with no downloadURL. */
  landingPage?: boolean
}

/**
 * Inserts a source (default `seed`), the items' datasets (kept where they are already there)
 * and the distributions (url → host parsed), in batches of 500: rows straight into the
 * database, no harvest.
 */
export async function seedDistributions(db: Db, items: SeedItem[], source = { id: 'seed', url: 'http://127.0.0.1/catalog' }): Promise<void> {
  await db
    .insertInto('catalogue_sources')
    .values({ id: source.id, kind: 'dcat', url: source.url })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
  const datasets = new Map<string, string | null>(items.length ? items.map((d) => [d.dataset ?? SEED_DATASET, d.organisation ?? null]) : [[SEED_DATASET, null]])
  const landingPages = new Map(items.filter((d) => d.landingPage).map((d) => [d.dataset ?? SEED_DATASET, d.url]))
  for (const batch of batches([...datasets])) {
    await db
      .insertInto('datasets')
      .values(
        batch.map(([iri, organisation]) => ({ iri, source_id: source.id, organisation_iri: organisation, record_hash: 'x', ...emptyDatasetColumns(), landing_page: landingPages.get(iri) ?? null })),
      )
      .onConflict((oc) => oc.column('iri').doNothing())
      .execute()
  }
  for (const batch of batches(items)) {
    await db
      .insertInto('distributions')
      .values(
        batch.map((d) => ({
          iri: d.iri,
          dataset_iri: d.dataset ?? SEED_DATASET,
          download_url: d.landingPage ? null : d.url,
          access_url: d.landingPage ? d.url : null,
          host: hostOf(d.url),
          format: d.format ?? null,
          record_hash: 'x',
          ...emptyDistributionColumns(),
        })),
      )
      .execute()
  }
}

function* batches<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += 500) yield rows.slice(i, i + 500)
}

/** A ProbeResult as the engine would give, for store-level tests of the state machine. */
export function probeResult(url: string, outcome: ProbeOutcome, code: ProbeCode, at: Date, extra: Partial<ProbeResult> = {}): ProbeResult {
  return {
    url,
    outcome,
    code,
    httpStatus: outcome === 'ok' ? 200 : code === 'http-404' ? 404 : null,
    finalUrl: url,
    redirectChain: [],
    redirects: 0,
    elapsedMs: 12,
    contentType: 'text/csv',
    contentLength: 10,
    etag: null,
    lastModified: null,
    tlsValidTo: null,
    tlsDaysLeft: null,
    bytesRead: 10,
    webPage: null,
    retryAfterSeconds: null,
    findings: [],
    at: at.toISOString(),
    ...extra,
  }
}
