import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { harvestSource } from '../../src/harvest/harvest-source.js'
import { entryscapeQuery, entryscapeTarget } from '../../src/harvest/read-entryscape.js'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { testDeps } from './deps.js'
import { send, serve, type TestServer } from './serve.js'

/*
 * A loopback EntryStore. The shapes are taken from real recorded replies of EntryStore
 * registries, not guessed:
 * - the Solr search reply `{ offset, resource: { children: [...] }, limit, results,
 *   facetFields }`, each child `{ metadata, rights, contextId, relations, entryId, info }`
 *   with `info["<base>/store/<ctx>/entry/<id>"]["http://entrystore.org/terms/resource"]`
 *   naming the dataset IRI: nordicintel/dataportalen (MIT) tests/fixtures/search_datasets.json,
 *   recorded from admin.dataportal.se; also madlad-code/tender-scan
 *   tests/fixtures/payments/vgr_catalogue.json (vgregion.entryscape.net, context 7);
 * - the per-entry graph of `/store/<ctx>/metadata/<id>?recursive=dcat` (dataset, its
 *   distributions, contact point and publisher agent; distribution IRIs are the file URLs,
 *   dct:format a media-type literal, publisher `http://dataportal.se/organisation/SE<orgnr>`
 *   with dct:identifier): nordicintel/dataportalen tests/fixtures/dataset_recursive.json,
 *   served here as RDF/XML since that is what `format=application/rdf+xml` asks for;
 * - the query syntax and the publisher field metadata.predicate.uri.9259d4c1:
 *   nordicintel/dataportalen src/dataportalen/query.py.
 */

const GBG = 'http://dataportal.se/organisation/SE2120001355'
const OTHER = 'http://dataportal.se/organisation/SE2021005521'

interface Entry {
  ctx: string
  id: string
  resource: string
  publisher: string
  title: string
  fail?: boolean
  /** A data service entry (EntryScape lists them apart from datasets). */
  service?: { serves: string }
}

/** An RDF/XML document of `descriptions`, declaring the namespaces EntryScape's graphs use. */
function rdfXml(...descriptions: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcterms="http://purl.org/dc/terms/"
  xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:foaf="http://xmlns.com/foaf/0.1/" xmlns:vcard="http://www.w3.org/2006/vcard/ns#"
  xmlns:dcatap="http://data.europa.eu/r5r/">
${descriptions.join('\n')}
</rdf:RDF>`
}

/** The entry's own resource, a dcat:`type`: its Swedish title and publisher, then `properties` (lines of RDF/XML). */
function entryDescription(e: Entry, type: 'Dataset' | 'DataService', properties: string): string {
  return `  <rdf:Description rdf:about="${e.resource}">
    <rdf:type rdf:resource="http://www.w3.org/ns/dcat#${type}"/>
    <dcterms:title xml:lang="sv">${e.title}</dcterms:title>
    <dcterms:publisher rdf:resource="${e.publisher}"/>
${properties}
  </rdf:Description>`
}

/** A data service entry's graph, as EntryScape keeps it: an entry of its own. */
function serviceRdf(e: Entry): string {
  return rdfXml(
    entryDescription(
      e,
      'DataService',
      `    <dcat:endpointURL rdf:resource="https://api.goteborg.se/${e.id}/v1"/>
    <dcat:endpointDescription rdf:resource="https://api.goteborg.se/${e.id}/openapi.json"/>
    <dcat:servesDataset rdf:resource="${e.service!.serves}"/>
    <dcterms:conformsTo rdf:resource="https://spec.openapis.org/oas/v3.0.3"/>
    <dcterms:license rdf:resource="http://creativecommons.org/licenses/by/4.0/"/>
    <dcatap:hvdCategory rdf:resource="http://data.europa.eu/bna/c_b79e35eb"/>
    <dcatap:applicableLegislation rdf:resource="http://data.europa.eu/eli/reg_impl/2023/138/oj"/>`,
    ),
  )
}

/** A dataset entry's graph (`?recursive=dcat`): the dataset, its distribution, contact point and publisher. */
function entryRdf(e: Entry): string {
  const dist = `https://catalog.goteborg.se/store/${e.ctx}/resource/${Number(e.id) + 100000}`
  const contact = `https://catalog.goteborg.se/store/${e.ctx}/resource/46`
  return rdfXml(
    entryDescription(
      e,
      'Dataset',
      `    <dcterms:accrualPeriodicity rdf:resource="http://publications.europa.eu/resource/authority/frequency/ANNUAL"/>
    <dcat:contactPoint rdf:resource="${contact}"/>
    <dcat:distribution rdf:resource="${dist}"/>`,
    ),
    `  <rdf:Description rdf:about="${dist}">
    <rdf:type rdf:resource="http://www.w3.org/ns/dcat#Distribution"/>
    <dcat:accessURL rdf:resource="https://data.goteborg.se/files/${e.id}.csv"/>
    <dcat:downloadURL rdf:resource="https://data.goteborg.se/files/${e.id}.csv"/>
    <dcterms:format>text/csv</dcterms:format>
    <dcterms:license rdf:resource="http://creativecommons.org/publicdomain/zero/1.0/"/>
    <dcatap:availability rdf:resource="http://data.europa.eu/r5r/availability/stable"/>
  </rdf:Description>
  <rdf:Description rdf:about="${contact}">
    <rdf:type rdf:resource="http://www.w3.org/2006/vcard/ns#Organization"/>
    <vcard:fn>Statistikservice</vcard:fn>
    <vcard:hasEmail rdf:resource="mailto:opendata@goteborg.se"/>
  </rdf:Description>
  <rdf:Description rdf:about="${e.publisher}">
    <rdf:type rdf:resource="http://xmlns.com/foaf/0.1/Agent"/>
    <foaf:name xml:lang="sv">Göteborgs Stad</foaf:name>
    <dcterms:identifier>${e.publisher.slice(-10)}</dcterms:identifier>
  </rdf:Description>`,
  )
}

function searchChild(base: string, e: Entry) {
  return {
    metadata: {
      [e.resource]: {
        'http://purl.org/dc/terms/title': [{ type: 'literal', lang: 'sv', value: e.title }],
        'http://www.w3.org/1999/02/22-rdf-syntax-ns#type': [{ type: 'uri', value: 'http://www.w3.org/ns/dcat#Dataset' }],
      },
    },
    rights: ['readmetadata', 'readresource'],
    contextId: e.ctx,
    relations: {},
    entryId: e.id,
    info: {
      [`${base}/store/${e.ctx}/entry/${e.id}`]: {
        'http://entrystore.org/terms/metadata': [{ type: 'uri', value: `${base}/store/${e.ctx}/metadata/${e.id}` }],
        'http://entrystore.org/terms/resource': [{ type: 'uri', value: e.resource }],
        'http://www.w3.org/1999/02/22-rdf-syntax-ns#type': [{ type: 'uri', value: 'http://entrystore.org/terms/Link' }],
      },
    },
  }
}

describe(`EntryScape harvest from a loopback EntryStore (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestDb
  let server: TestServer
  let entries: Entry[] = []
  const queries: string[] = []
  const hitTimes: number[] = []
  const deps = testDeps({ entryscapeRequestsPerSecond: 1000 })

  beforeAll(async () => {
    t = await createTestDb()
    server = await serve((_req, res, url) => {
      hitTimes.push(Date.now())
      if (url.pathname === '/store/search') {
        const query = url.searchParams.get('query') ?? ''
        queries.push(query)
        expect(url.searchParams.get('type')).toBe('solr')
        const limit = Number(url.searchParams.get('limit'))
        const offset = Number(url.searchParams.get('offset'))
        // Solr's own filtering, reduced to what these queries use.
        const services = query.includes('dcat#DataService')
        const hits = entries.filter((e) => query.includes(e.publisher.replace(/[:/]/g, (c) => `\\${c}`)) && !!e.service === services)
        const page = hits.slice(offset, offset + limit)
        send(res, JSON.stringify({ offset, resource: { children: page.map((e) => searchChild(server.origin, e)) }, limit, results: hits.length, facetFields: [] }), 'application/json')
        return
      }
      const m = /^\/store\/(\w+)\/metadata\/(\w+)$/.exec(url.pathname)
      if (!m) return false
      expect(url.searchParams.get('recursive')).toBe('dcat')
      expect(url.searchParams.get('format')).toBe('application/rdf+xml')
      const e = entries.find((x) => x.ctx === m[1] && x.id === m[2])
      if (!e) return false
      if (e.fail) return send(res, 'Internal Server Error', 'text/plain', 500)
      send(res, e.service ? serviceRdf(e) : entryRdf(e), 'application/rdf+xml;charset=UTF-8')
    })
    for (let i = 0; i < 250; i++) {
      entries.push({ ctx: '66', id: String(70000 + i), resource: `https://catalog.goteborg.se/store/6/resource/${20000 + i}`, publisher: GBG, title: `Datamängd ${i}` })
    }
    entries.push({ ctx: '66', id: '90001', resource: 'https://catalog.goteborg.se/store/6/resource/90001', publisher: GBG, title: 'Trafik-API', service: { serves: 'https://catalog.goteborg.se/store/6/resource/20003' } })
    for (let i = 0; i < 30; i++) {
      entries.push({ ctx: '50', id: String(6000 + i), resource: `https://catalog.other.se/store/9/resource/${i}`, publisher: OTHER, title: `Annan ${i}` })
    }
  })
  afterAll(async () => {
    await deps.engine.close()
    await server?.close()
    await t?.drop()
  })

  it('builds the Solr query with the escaping dataportal.se expects', () => {
    expect(entryscapeQuery('https://admin.dataportal.se', null, GBG)).toBe(
      'rdfType:http\\:\\/\\/www.w3.org\\/ns\\/dcat#Dataset AND metadata.predicate.uri.9259d4c1:http\\:\\/\\/dataportal.se\\/organisation\\/SE2120001355 AND public:true',
    )
    expect(entryscapeTarget('https://catalog.goteborg.se/store/6')).toEqual({ base: 'https://catalog.goteborg.se', context: '6' })
    expect(entryscapeTarget('https://admin.dataportal.se')).toEqual({ base: 'https://admin.dataportal.se', context: null })
    expect(entryscapeQuery('https://catalog.goteborg.se', '6')).toBe(
      'rdfType:http\\:\\/\\/www.w3.org\\/ns\\/dcat#Dataset AND context:https\\:\\/\\/catalog.goteborg.se\\/store\\/6 AND public:true',
    )
  })

  it('harvests one publisher over three pages of Solr results, each dataset read as RDF/XML', async () => {
    const source = { id: 'dp-goteborg', kind: 'entryscape' as const, url: server.origin, publisher: GBG, organisation: GBG }
    server.requests.length = 0
    const r = await harvestSource(t.db, source, deps)
    if (r.status !== 'ok') throw new Error(JSON.stringify(r.failure))
    expect(r.counts.datasets).toMatchObject({ added: 250, withdrawn: 0 })
    expect(r.counts.distributions).toMatchObject({ added: 250 })
    const searches = server.requests.filter((p) => p.startsWith('/store/search'))
    // Three pages of datasets, then the one page of data services.
    expect(searches.map((p) => new URL(p, server.origin).searchParams.get('offset'))).toEqual(['0', '100', '200', '0'])
    expect(server.requests.filter((p) => p.includes('/metadata/'))).toHaveLength(251)
    expect(queries.slice(-2)).toEqual([entryscapeQuery(server.origin, null, GBG), entryscapeQuery(server.origin, null, GBG, 'http://www.w3.org/ns/dcat#DataService')])
    expect(r.counts.dataServices).toMatchObject({ added: 1 })
    const svc = await t.db.selectFrom('data_services').selectAll().where('iri', '=', 'https://catalog.goteborg.se/store/6/resource/90001').executeTakeFirstOrThrow()
    expect(svc).toMatchObject({
      title: { sv: 'Trafik-API' },
      endpoint_urls: ['https://api.goteborg.se/90001/v1'],
      endpoint_description: 'https://api.goteborg.se/90001/openapi.json',
      serves_datasets: ['https://catalog.goteborg.se/store/6/resource/20003'],
      conforms_to: ['https://spec.openapis.org/oas/v3.0.3'],
      license: 'http://creativecommons.org/licenses/by/4.0/',
      hvd_categories: ['http://data.europa.eu/bna/c_b79e35eb'],
      applicable_legislation: ['http://data.europa.eu/eli/reg_impl/2023/138/oj'],
      host: 'api.goteborg.se',
    })

    const ds = await t.db.selectFrom('datasets').selectAll().where('iri', '=', 'https://catalog.goteborg.se/store/6/resource/20007').executeTakeFirstOrThrow()
    expect(ds).toMatchObject({
      source_id: 'dp-goteborg',
      publisher_iri: GBG,
      organisation_iri: GBG,
      title: { sv: 'Datamängd 7' },
      contact_email: 'opendata@goteborg.se',
      contact_name: 'Statistikservice',
      accrual_periodicity: 'http://publications.europa.eu/resource/authority/frequency/ANNUAL',
    })
    const dist = await t.db.selectFrom('distributions').selectAll().where('dataset_iri', '=', ds.iri).executeTakeFirstOrThrow()
    expect(dist).toMatchObject({ download_url: 'https://data.goteborg.se/files/70007.csv', format: 'text/csv', media_type: 'text/csv', host: 'data.goteborg.se' })
    const org = await t.db.selectFrom('organisations').selectAll().where('iri', '=', GBG).executeTakeFirstOrThrow()
    expect(org).toMatchObject({ name: { sv: 'Göteborgs Stad' }, org_number: '212000-1355' })
    const others = await t.db.selectFrom('datasets').select('iri').where('iri', 'like', 'https://catalog.other.se/%').execute()
    expect(others).toHaveLength(0)
  })

  it('an entry that fails is kept as it was; a dataset gone from the index is withdrawn', async () => {
    const source = { id: 'dp-goteborg', kind: 'entryscape' as const, url: server.origin, publisher: GBG, organisation: GBG }
    entries.find((e) => e.id === '70007')!.fail = true
    entries.find((e) => e.id === '90001')!.fail = true
    entries = entries.filter((e) => e.id !== '70009')
    entries.find((e) => e.id === '70011')!.title = 'Datamängd 11, nytt namn'
    const r = await harvestSource(t.db, source, deps)
    if (r.status !== 'ok') throw new Error(JSON.stringify(r.failure))
    expect(r.counts.datasets).toEqual({ added: 0, changed: 1, unchanged: 247, withdrawn: 1, restored: 0, skipped: 0 })
    const kept = await t.db.selectFrom('datasets').select(['withdrawn_at', 'title']).where('iri', '=', 'https://catalog.goteborg.se/store/6/resource/20007').executeTakeFirstOrThrow()
    expect(kept).toEqual({ withdrawn_at: null, title: { sv: 'Datamängd 7' } })
    const keptDist = await t.db.selectFrom('distributions').select('withdrawn_at').where('dataset_iri', '=', 'https://catalog.goteborg.se/store/6/resource/20007').executeTakeFirstOrThrow()
    expect(keptDist.withdrawn_at).toBeNull()
    const gone = await t.db.selectFrom('datasets').select('withdrawn_at').where('iri', '=', 'https://catalog.goteborg.se/store/6/resource/20009').executeTakeFirstOrThrow()
    expect(gone.withdrawn_at).toBeInstanceOf(Date)
    // The service entry that failed is kept too, not withdrawn.
    expect(r.counts.dataServices.withdrawn).toBe(0)
    const keptService = await t.db.selectFrom('data_services').select('withdrawn_at').where('iri', '=', 'https://catalog.goteborg.se/store/6/resource/90001').executeTakeFirstOrThrow()
    expect(keptService.withdrawn_at).toBeNull()
    const run = await t.db.selectFrom('harvest_runs').select(['warnings', 'documents']).where('id', '=', r.runId).executeTakeFirstOrThrow()
    expect(run.warnings).toEqual(
      expect.arrayContaining([{ code: 'entry-unreadable', subject: 'https://catalog.goteborg.se/store/6/resource/20007', params: expect.objectContaining({ reason: 'http-error', status: 500 }) }]),
    )
    expect(run.documents).toBe(4 + 248)
  })

  it('stays at the configured request rate', async () => {
    const slow = testDeps({ entryscapeRequestsPerSecond: 20 })
    hitTimes.length = 0
    try {
      const r = await harvestSource(t.db, { id: 'dp-other', kind: 'entryscape', url: server.origin, publisher: OTHER }, slow)
      if (r.status !== 'ok') throw new Error(JSON.stringify(r.failure))
      expect(r.counts.datasets.added).toBe(30)
    } finally {
      await slow.engine.close()
    }
    // 1 search + 30 entries + 1 (empty) search for data services at 20/s: the starts are at
    // least 50 ms apart, so the 32 requests span at least 1.55 s. (Arrival times at this in-process server jitter under load, so
    // the span is asserted, with a little slack, not each gap.)
    expect(hitTimes).toHaveLength(32)
    expect(hitTimes.at(-1)! - hitTimes[0]).toBeGreaterThanOrEqual(1450)
  })
})
