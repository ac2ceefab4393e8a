import type { Db } from '../../src/db/database.js'
import { json } from '../../src/db/json.js'
import { catalogIri, datasetRow, DAY_2, distributionRow, ORG_B } from './seed-pages.js'

/**
 * Two high-value datasets of Ale kommun (ORG_B) on top of seedPages' region, stored as the
 * checks and probes store them: Luftkvalitet has no English title or description and a
 * bulk file that answered 27 of its last 30 daily probes; Adresser meets every obligation
 * (its API serves it through dcat:accessService and its OpenAPI description parses).
 */
export const DS_AIR = catalogIri('ds', 'luftkvalitet')
export const DS_ADDR = catalogIri('ds', 'adresser')
export const SVC_AIR = catalogIri('service', 'luft-api')
export const SVC_ADDR = catalogIri('service', 'adress-api')
/** As long as real addresses are: its words must wrap inside the section's table at a phone's width. */
export const AIR_CSV = 'http://127.0.0.5/oppnadata/miljo/luftkvalitet/matvarden_per_timme_2026.csv'
export const ADDR_CSV = 'http://127.0.0.5/adresser.csv'
/** The endpoints of the two APIs. */
const AIR_API = 'http://127.0.0.5/api/luft'
const ADDR_API = 'http://127.0.0.5/api/adresser'
/** Harvested words and addresses of this seed (data, not datavakt's words). */
export const HVD_HARVESTED = ['Luftkvalitet', 'Adresser', 'Addresses', 'Adresser i kommunen', 'Addresses in the municipality', DS_AIR, DS_ADDR, SVC_AIR, SVC_ADDR, AIR_CSV, ADDR_CSV, AIR_API, ADDR_API]

const DAY = 86_400_000

export async function seedHvd(db: Db, now: Date = new Date()): Promise<void> {
  await db
    .insertInto('datasets')
    .values([datasetRow(DS_AIR, ORG_B, { sv: 'Luftkvalitet' }, {}), datasetRow(DS_ADDR, ORG_B, { sv: 'Adresser', en: 'Addresses' }, { sv: 'Adresser i kommunen', en: 'Addresses in the municipality' })])
    .execute()
  await db
    .insertInto('distributions')
    .values([distributionRow(`${DS_AIR}/csv`, DS_AIR, AIR_CSV, 'text/csv'), distributionRow(`${DS_ADDR}/csv`, DS_ADDR, ADDR_CSV, 'text/csv', SVC_ADDR)])
    .execute()
  const svc = (iri: string, endpoint: string, serves: string[]) => ({
    iri, source_id: 'vg', organisation_iri: ORG_B, publisher_iri: ORG_B, title: json({ sv: 'API' }), description: json({}), endpoint_urls: json([endpoint]),
    endpoint_description: `${endpoint}/openapi.json`, conforms_to: json([]), serves_datasets: json(serves), hvd_categories: json([]), applicable_legislation: json([]), host: new URL(endpoint).host, record_hash: 'x',
  })
  await db.insertInto('data_services').values([svc(SVC_AIR, AIR_API, [DS_AIR]), svc(SVC_ADDR, ADDR_API, [])]).execute()
  const result = (target: string | null, dataset: string, checkId: string, findings: unknown[], facts: Record<string, unknown>) => ({
    run_id: null, distribution_iri: target, dataset_iri: dataset, check_id: checkId, dimension: checkId === 'metadata' ? ('metadata' as const) : ('conformance' as const),
    status: findings.length ? ('fail' as const) : ('pass' as const), findings: json(findings), metrics: json({}), facts: json(facts), at: DAY_2,
  })
  await db
    .insertInto('check_results')
    .values([
      result(null, DS_AIR, 'metadata', [{ code: 'hvd-no-english', severity: 'error', params: { properties: ['dct:title', 'dct:description'] } }], { hvd: true, hvdCompliant: false }),
      result(null, DS_ADDR, 'metadata', [], { hvd: true, hvdCompliant: true }),
      result(SVC_AIR, SVC_AIR, 'endpoint-description', [], { kind: 'openapi', version: '3.0.3' }),
      result(SVC_ADDR, SVC_ADDR, 'endpoint-description', [], { kind: 'openapi', version: '3.1.0' }),
    ])
    .execute()
  // One probe a day for 30 days; Luftkvalitet's file failed on three of them.
  const probes = []
  for (const [iri, url, failing] of [[`${DS_AIR}/csv`, AIR_CSV, 3], [`${DS_ADDR}/csv`, ADDR_CSV, 0], [SVC_AIR, AIR_API, 0], [SVC_ADDR, ADDR_API, 0]] as const) {
    for (let i = 0; i < 30; i++) {
      const ok = i < 30 - failing
      probes.push({
        sweep_id: null, distribution_iri: iri, url, host: '127.0.0.5', at: new Date(now.getTime() - (i + 0.5) * DAY), outcome: ok ? ('ok' as const) : ('failing' as const),
        code: ok ? 'ok' : 'http-503', http_status: ok ? 200 : 503, final_url: url, elapsed_ms: 20, content_type: 'text/csv', content_length: 10, etag: null, last_modified: null,
        tls_valid_to: null, tls_days_left: null, retry_after_seconds: null, findings: json([]), worker_id: null, state_before: null, state_after: null,
      })
    }
    await db
      .insertInto('availability_state')
      .values({ distribution_iri: iri, state: 'ok', consecutive_failures: 0, first_failure_at: null, last_ok_at: now, last_probe_at: now, last_outcome: 'ok', last_code: 'ok', last_http_status: 200, last_etag: null, last_modified: null, state_since: now })
      .execute()
  }
  await db.insertInto('probes').values(probes).execute()
}
