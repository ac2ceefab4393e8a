import type { Db } from '../../src/db/database.js'
import { json } from '../../src/db/json.js'
import type { ProbeCode, ProbeOutcome } from '../../src/domain/probe-codes.js'
import type { ProbeResult } from '../../src/fetch/probe-types.js'
import { emptyDatasetColumns } from '../helpers/empty-dataset-columns.js'

/** Inserts one source, one dataset and the given distributions (url → host parsed). */
export async function seedDistributions(db: Db, items: { iri: string; url: string | null }[]): Promise<void> {
  await db
    .insertInto('catalogue_sources')
    .values({ id: 'seed', kind: 'dcat', url: 'http://127.0.0.1/catalog' })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
  await db
    .insertInto('datasets')
    .values({
      iri: 'urn:seed:dataset',
      source_id: 'seed',
      record_hash: 'x',
      ...emptyDatasetColumns(),
    })
    .onConflict((oc) => oc.column('iri').doNothing())
    .execute()
  for (let i = 0; i < items.length; i += 500) {
    await db
      .insertInto('distributions')
      .values(
        items.slice(i, i + 500).map((d) => {
          let host: string | null = null
          try {
            host = d.url ? new URL(d.url).host.toLowerCase() : null
          } catch {
            host = null
          }
          return {
            iri: d.iri,
            dataset_iri: 'urn:seed:dataset',
            download_url: d.url,
            host,
            record_hash: 'x',
            title: json({}),
            description: json({}),
            conforms_to: json([]),
          }
        }),
      )
      .execute()
  }
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
