/**
 * Data services are probed in the same sweep as the distributions: a REST service at its
 * endpoint, an OGC service with a GetCapabilities request (and an HTML page there is
 * failing). Their probes and availability state are kept under the service's IRI.
 * Real database (PGlite or PostgreSQL), real loopback server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig, type HttpConfig } from '../../src/config/config.js'
import { json } from '../../src/db/json.js'
import { serviceProbe } from '../../src/domain/service-probe.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { runSweep } from '../../src/queue/run-sweep.js'
import { emptyDatasetColumns, emptyDistributionColumns } from '../helpers/empty-dataset-columns.js'
import { describeEachDb } from '../helpers/test-db.js'
import { startServer, type LoopbackServer } from '../fetch/loopback-server.js'

const CAPABILITIES = '<?xml version="1.0"?><WMS_Capabilities version="1.3.0" xmlns="http://www.opengis.net/wms"><Service><Name>WMS</Name></Service></WMS_Capabilities>'

let server: LoopbackServer
const seen: string[] = []
beforeAll(async () => {
  server = await startServer((req, res) => {
    seen.push(req.url ?? '')
    const u = new URL(req.url ?? '/', 'http://x')
    if (u.pathname === '/api/v1') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"links":[]}')
    if (u.pathname === '/wms' && u.searchParams.get('request') === 'GetCapabilities') {
      return void res.writeHead(200, { 'content-type': 'text/xml' }).end(CAPABILITIES)
    }
    if (u.pathname === '/locked/wms') return void res.writeHead(302, { location: '/Account/Login?ReturnUrl=%2Fwms' }).end()
    if (u.pathname === '/Account/Login') {
      return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body><form><input type="password" name="pw"></form></body></html>')
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
  })
})
afterAll(() => server.close())

const http: HttpConfig = { ...defaultConfig.http, perHostGapMs: 0 }

describe('serviceProbe', () => {
  const facts = (endpoint: string, conformsTo: string[] = [], description: string | null = null) => ({ endpointUrls: [endpoint], endpointDescription: description, conformsTo })
  it('probes a REST endpoint as it is, and an OGC service with GetCapabilities', () => {
    expect(serviceProbe(facts('https://api.example.se/v1'))).toEqual({ url: 'https://api.example.se/v1', expectData: false, ogc: null })
    expect(serviceProbe(facts('https://geo.example.se/ows', ['http://www.opengis.net/def/serviceType/ogc/wfs']))).toEqual({
      url: 'https://geo.example.se/ows?service=WFS&request=GetCapabilities',
      expectData: true,
      ogc: 'WFS',
    })
    expect(serviceProbe(facts('https://geo.example.se/wms'))?.url).toBe('https://geo.example.se/wms?service=WMS&request=GetCapabilities')
    expect(serviceProbe(facts('https://geo.example.se/ows?service=WMTS&version=1.0.0'))?.url).toBe('https://geo.example.se/ows?service=WMTS&version=1.0.0&request=GetCapabilities')
    expect(serviceProbe(facts('https://geo.example.se/ows?SERVICE=WMS&REQUEST=GetCapabilities'))?.url).toBe('https://geo.example.se/ows?SERVICE=WMS&REQUEST=GetCapabilities')
    expect(serviceProbe(facts('https://geo.example.se/ows', [], 'https://geo.example.se/ows?service=WCS&request=GetCapabilities'))?.ogc).toBe('WCS')
    expect(serviceProbe({ endpointUrls: [], endpointDescription: null, conformsTo: [] })).toBeNull()
  })
})

describeEachDb('a sweep probes data services', (getDb) => {
  it('the endpoint, GetCapabilities for OGC, a sign-in page failing; stored under the service IRI', async () => {
    const { db } = getDb()
    await db.insertInto('catalogue_sources').values({ id: 'svc', kind: 'dcat', url: `${server.url}/catalog` }).execute()
    await db.insertInto('datasets').values({ iri: 'urn:ds', source_id: 'svc', record_hash: 'x', ...emptyDatasetColumns() }).execute()
    const service = (iri: string, endpoint: string, o: { conformsTo?: string[]; withdrawn?: boolean } = {}) => ({
      iri,
      source_id: 'svc',
      record_hash: 'x',
      title: json({}),
      description: json({}),
      endpoint_urls: json([endpoint]),
      endpoint_description: null,
      conforms_to: json(o.conformsTo ?? []),
      serves_datasets: json(['urn:ds']),
      hvd_categories: json([]),
      applicable_legislation: json([]),
      host: server.host,
      ...(o.withdrawn ? { withdrawn_at: new Date() } : {}),
    })
    await db
      .insertInto('data_services')
      .values([
        service('urn:svc:api', `${server.url}/api/v1`),
        service('urn:svc:wms', `${server.url}/wms`, { conformsTo: ['http://www.opengis.net/def/serviceType/ogc/wms'] }),
        service('urn:svc:locked', `${server.url}/locked/wms`),
        service('urn:svc:gone', `${server.url}/api/v1`, { withdrawn: true }),
      ])
      .execute()
    await db
      .insertInto('distributions')
      .values({ iri: 'urn:dist', dataset_iri: 'urn:ds', download_url: `${server.url}/missing.csv`, host: server.host, record_hash: 'x', ...emptyDistributionColumns() })
      .execute()
    const engine = createFetchEngine(http, { allowPrivateNetworks: true })
    try {
      const run = await runSweep({ db, engine, config: { ...defaultConfig, http, availability: defaultConfig.availability }, trigger: 'test' })
      expect(run.summary.urls).toBe(4)
      const rows = await db.selectFrom('probes').select(['distribution_iri', 'url', 'outcome', 'code']).where('sweep_id', '=', run.summary.sweepId).orderBy('distribution_iri').execute()
      expect(rows.map((r) => [r.distribution_iri, r.url.replace(server.url, ''), r.outcome, r.code])).toEqual([
        ['urn:dist', '/missing.csv', 'failing', 'http-404'],
        ['urn:svc:api', '/api/v1', 'ok', 'ok'],
        ['urn:svc:locked', '/locked/wms?service=WMS&request=GetCapabilities', 'failing', 'login-wall'],
        ['urn:svc:wms', '/wms?service=WMS&request=GetCapabilities', 'ok', 'ok'],
      ])
      const states = await db.selectFrom('availability_state').select(['distribution_iri', 'last_outcome']).where('distribution_iri', 'like', 'urn:svc:%').orderBy('distribution_iri').execute()
      // A service's failing probe raises no file alert.
      const subjects = await db.selectFrom('alerts').select('subject').execute()
      expect(subjects.map((r) => r.subject)).not.toContain('urn:svc:locked')
      expect(states).toEqual([
        { distribution_iri: 'urn:svc:api', last_outcome: 'ok' },
        { distribution_iri: 'urn:svc:locked', last_outcome: 'failing' },
        { distribution_iri: 'urn:svc:wms', last_outcome: 'ok' },
      ])
    } finally {
      await engine.close()
    }
  })
})
