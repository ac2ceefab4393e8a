/**
 * Every live data service's endpoint description is fetched over HTTP and judged, stored
 * as a check result of the service in a run of its own. Real database (PGlite or
 * PostgreSQL), real loopback server.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config/config.js'
import { runServiceChecks } from '../../src/content/check-services.js'
import { json } from '../../src/db/json.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { DESCRIPTIONS } from '../checks/helpers/endpoint-descriptions.js'
import { describeEachDb } from '../helpers/test-db.js'
import { startServer, type LoopbackServer } from '../fetch/loopback-server.js'

let server: LoopbackServer
beforeAll(async () => {
  server = await startServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x')
    if (u.pathname === '/openapi.yaml') return void res.writeHead(200, { 'content-type': 'application/yaml' }).end(DESCRIPTIONS.openapiYaml)
    if (u.pathname === '/wms') return void res.writeHead(200, { 'content-type': 'text/xml' }).end(DESCRIPTIONS.wms)
    if (u.pathname === '/om-api') return void res.writeHead(200, { 'content-type': 'text/html' }).end(DESCRIPTIONS.html)
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
  })
})
afterAll(() => server.close())

describeEachDb('endpoint descriptions of data services', (getDb) => {
  it('fetches each live description once and stores its verdict under the service', async () => {
    const { db } = getDb()
    await db.insertInto('catalogue_sources').values({ id: 'svc', kind: 'dcat', url: `${server.url}/catalog` }).execute()
    const service = (iri: string, description: string | null, withdrawn = false) => ({
      iri, source_id: 'svc', record_hash: 'x', title: json({}), description: json({}), endpoint_urls: json([`${server.url}/api`]),
      endpoint_description: description, conforms_to: json([]), serves_datasets: json([]), hvd_categories: json([]), applicable_legislation: json([]),
      ...(withdrawn ? { withdrawn_at: new Date() } : {}),
    })
    await db
      .insertInto('data_services')
      .values([
        service('urn:svc:yaml', `${server.url}/openapi.yaml`),
        service('urn:svc:wms', `${server.url}/wms?service=WMS&request=GetCapabilities`),
        service('urn:svc:page', `${server.url}/om-api`),
        service('urn:svc:missing', `${server.url}/openapi.json`),
        service('urn:svc:none', null),
        service('urn:svc:withdrawn', `${server.url}/openapi.yaml`, true),
      ])
      .execute()
    const engine = createFetchEngine({ ...defaultConfig.http, perHostGapMs: 0 }, { allowPrivateNetworks: true })
    try {
      expect(await runServiceChecks({ db, engine, now: new Date(), maxBytes: 1_000_000 })).toBe(4)
    } finally {
      await engine.close()
    }
    const rows = await db.selectFrom('check_results').select(['distribution_iri', 'dataset_iri', 'check_id', 'status', 'findings', 'facts']).orderBy('distribution_iri').execute()
    expect(rows.map((r) => [r.distribution_iri, r.dataset_iri === r.distribution_iri, r.check_id, r.status, r.findings.map((f) => f.code), r.facts])).toEqual([
      ['urn:svc:missing', true, 'endpoint-description', 'fail', ['endpoint-description-unreachable'], {}],
      ['urn:svc:page', true, 'endpoint-description', 'fail', ['endpoint-description-unknown'], {}],
      ['urn:svc:wms', true, 'endpoint-description', 'pass', [], { kind: 'ogc-capabilities', version: '1.3.0' }],
      ['urn:svc:yaml', true, 'endpoint-description', 'pass', [], { kind: 'openapi', version: '3.1.0' }],
    ])
    const run = await db.selectFrom('check_runs').select(['kind', 'status']).executeTakeFirstOrThrow()
    expect(run).toEqual({ kind: 'services', status: 'ok' })
  })
})
