import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import jsonld from 'jsonld'
import { Parser } from 'n3'
import { parseRdf } from '../../src/harvest/parse-rdf.js'
import { readDcatGraph } from '../../src/harvest/read-dcat-graph.js'
import { harvestSource } from '../../src/harvest/harvest-source.js'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { testDeps } from './deps.js'
import { send, serve, type TestServer } from './serve.js'

// DIGG's official DCAT-AP-SE examples (CC BY 4.0, see fixtures/dcat-ap-se/README.md), copied unchanged.
const DIR = join(import.meta.dirname, 'fixtures/dcat-ap-se/')
const files = ['obligatoriskt', 'rekommenderat'] as const

async function read(name: string, ext: 'rdf' | 'ttl') {
  const body = readFileSync(`${DIR}${name}.${ext}`)
  const parsed = await parseRdf(body, { url: `http://127.0.0.1/${name}.${ext}`, contentType: ext === 'rdf' ? 'application/rdf+xml' : 'text/turtle' })
  return readDcatGraph(parsed).model
}

describe('DCAT-AP-SE fixtures: RDF/XML and Turtle give the same catalogue', () => {
  for (const name of files) {
    it(`${name}: identical catalogues, datasets, distributions and data services`, async () => {
      const xml = await read(name, 'rdf')
      const ttl = await read(name, 'ttl')
      expect(xml.catalogues).toEqual(ttl.catalogues)
      expect(xml.datasets).toEqual(ttl.datasets)
      expect(xml.dataServices).toEqual(ttl.dataServices)
      expect(xml.organisations.map((o) => o.iri)).toEqual(ttl.organisations.map((o) => o.iri))
      expect(xml.warnings).toEqual([])
      expect(ttl.warnings).toEqual([])
      expect(xml.datasets.length).toBeGreaterThan(0)
    })
  }

  it('JSON-LD of the same graph gives the same model as the Turtle', async () => {
    for (const name of files) {
      // Turtle → N-Quads text → JSON-LD (expanded) with the libraries, then read as JSON-LD.
      const quads = new Parser({ format: 'Turtle' }).parse(readFileSync(`${DIR}${name}.ttl`, 'utf8'))
      const nquads = quads
        .map((q) => {
          const term = (t: { termType: string; value: string; language?: string; datatype?: { value: string } }) =>
            t.termType === 'NamedNode'
              ? `<${t.value}>`
              : t.termType === 'BlankNode'
                ? `_:${t.value}`
                : `${JSON.stringify(t.value)}${t.language ? `@${t.language}` : t.datatype && t.datatype.value !== 'http://www.w3.org/2001/XMLSchema#string' ? `^^<${t.datatype.value}>` : ''}`
          return `${term(q.subject)} ${term(q.predicate)} ${term(q.object)} .`
        })
        .join('\n')
      const doc = await jsonld.fromRDF(nquads, { format: 'application/n-quads' })
      const parsed = await parseRdf(Buffer.from(JSON.stringify(doc)), { url: `http://127.0.0.1/${name}.jsonld`, contentType: 'application/ld+json' })
      const fromJsonLd = readDcatGraph(parsed).model
      const ttl = await read(name, 'ttl')
      expect(fromJsonLd.catalogues).toEqual(ttl.catalogues)
      expect(fromJsonLd.datasets).toEqual(ttl.datasets)
      expect(fromJsonLd.dataServices).toEqual(ttl.dataServices)
      expect(fromJsonLd.organisations).toEqual(ttl.organisations)
    }
  })

  it('obligatoriskt: exact fields', async () => {
    const m = await read('obligatoriskt', 'rdf')
    expect(m.catalogues).toEqual([
      { iri: 'https://example.com/catalog1', title: { sv: 'Katalog med obligatoriska fält' }, publisherIri: 'https://example.com/publisher1', parts: [] },
    ])
    expect(m.datasets).toHaveLength(1)
    const d = m.datasets[0]
    expect(d.iri).toBe('https://example.com/dataset1')
    expect(d.title).toEqual({ sv: 'Matvaruaffärer i Sverige' })
    expect(d.publisherIri).toBe('https://example.com/publisher1')
    expect(d.contactEmail).toBe('oppnadata@example.com')
    expect(d.contactName).toBe('Öppna data gruppen på exempel organisationen')
    expect(d.distributions).toEqual([
      expect.objectContaining({
        iri: 'https://example.com/distribution1',
        datasetIri: 'https://example.com/dataset1',
        accessUrl: 'http://example.com/api',
        downloadUrl: null,
        format: null,
        mediaType: null,
        accessServiceIri: 'https://example.com/dataservice1',
      }),
    ])
    expect(m.dataServices).toEqual([
      expect.objectContaining({ iri: 'https://example.com/dataservice1', title: { sv: 'Exempel API' }, endpointUrls: ['http://example.com/api'] }),
    ])
    // The two files differ in one character: the RDF/XML names the publisher
    // "Exampel organization." and the Turtle "Exampel organization" (no full stop).
    expect(m.organisations).toEqual([{ iri: 'https://example.com/publisher1', name: { '': 'Exampel organization.' }, orgNumber: null, homepage: null }])
    expect((await read('obligatoriskt', 'ttl')).organisations[0].name).toEqual({ '': 'Exampel organization' })
  })

  it('rekommenderat: exact fields, both languages, blank-node period, formats and download URLs', async () => {
    for (const ext of ['rdf', 'ttl'] as const) {
      const m = await read('rekommenderat', ext)
      const d = m.datasets[0]
      expect(d.title).toEqual({ sv: 'Bibliotek i Sverige', en: 'Libraries in Sweden' })
      expect(d.description).toEqual({ sv: 'Plats och öppettider för alla bibliotek i Sverige' })
      expect(d.contactEmail).toBe('oppnadata@exemple.com')
      expect(d.keywords).toEqual([{ sv: 'bibliotek' }, { en: 'library' }])
      expect(d.themes).toEqual(['http://publications.europa.eu/resource/authority/data-theme/EDUC'])
      expect(d.spatial).toEqual(['http://sws.geonames.org/2661886'])
      expect(d.temporal).toEqual([{ start: '2010-01-01', end: '2012-01-01' }])
      expect(d.issued).toBe('2020-01-01')
      expect(d.accessRights).toBe('http://publications.europa.eu/resource/authority/access-right/PUBLIC')
      expect(d.distributions.map((x) => [x.iri, x.format, x.mediaType, x.accessUrl, x.downloadUrl, x.license])).toEqual([
        [
          'https://example.com/distribution1',
          'text/csv',
          'text/csv',
          'http://example.com/download',
          'http://example.com/download',
          'http://creativecommons.org/publicdomain/zero/1.0/',
        ],
        ['https://example.com/distribution2', 'application/json', 'application/json', 'http://example.com/api', null, 'http://creativecommons.org/publicdomain/zero/1.0/'],
      ])
      expect(m.dataServices[0]).toEqual(
        expect.objectContaining({
          iri: 'https://example.com/dataservice1',
          endpointUrls: ['http://example.com/api'],
          endpointDescription: 'http://example.com/apidescription',
          contactEmail: 'oppnadata@exemple.com',
          license: 'http://creativecommons.org/publicdomain/zero/1.0/',
        }),
      )
      expect(m.organisations[0]).toEqual({ iri: 'https://example.com/publisher1', name: { '': 'Exempel organisation' }, orgNumber: null, homepage: null })
    }
  })
})

describe(`DCAT-AP-SE fixtures harvested over HTTP into ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let t: TestDb
  let server: TestServer
  const deps = testDeps()
  beforeAll(async () => {
    t = await createTestDb()
    server = await serve((_req, res, url) => {
      const m = /^\/(\w+)\.(rdf|ttl)$/.exec(url.pathname)
      if (!m) return false
      send(res, readFileSync(`${DIR}${m[1]}.${m[2]}`), m[2] === 'rdf' ? 'application/rdf+xml' : 'text/turtle; charset=utf-8')
    })
  })
  afterAll(async () => {
    await deps.engine.close()
    await server?.close()
    await t?.drop()
  })

  it('stores the same rows from the RDF/XML and the Turtle file', async () => {
    const rows: unknown[] = []
    for (const ext of ['rdf', 'ttl']) {
      const r = await harvestSource(t.db, { id: `rek-${ext}`, kind: 'dcat', url: `${server.origin}/rekommenderat.${ext}` }, deps)
      expect(r.status).toBe('ok')
      const ds = await t.db.selectFrom('datasets').selectAll().where('source_id', '=', `rek-${ext}`).where('withdrawn_at', 'is', null).execute()
      const dist = await t.db
        .selectFrom('distributions')
        .select(['iri', 'format', 'media_type', 'download_url', 'access_url', 'host', 'license'])
        .where('dataset_iri', 'in', ds.map((d) => d.iri))
        .orderBy('iri')
        .execute()
      // record_hash covers source_id, which differs by design.
      rows.push({ ds: ds.map(({ first_seen: _f, last_seen: _l, source_id: _s, record_hash: _h, ...rest }) => rest), dist })
      if (ext === 'rdf') {
        expect(ds).toHaveLength(1)
        expect(ds[0].contact_email).toBe('oppnadata@exemple.com')
        expect(ds[0].title).toEqual({ sv: 'Bibliotek i Sverige', en: 'Libraries in Sweden' })
        expect(dist).toEqual([
          {
            iri: 'https://example.com/distribution1',
            format: 'text/csv',
            media_type: 'text/csv',
            download_url: 'http://example.com/download',
            access_url: 'http://example.com/download',
            host: 'example.com',
            license: 'http://creativecommons.org/publicdomain/zero/1.0/',
          },
          {
            iri: 'https://example.com/distribution2',
            format: 'application/json',
            media_type: 'application/json',
            download_url: null,
            access_url: 'http://example.com/api',
            host: 'example.com',
            license: 'http://creativecommons.org/publicdomain/zero/1.0/',
          },
        ])
        // Move the dataset to the next source: the first source keeps it (skipped there).
        await t.db.updateTable('datasets').set({ withdrawn_at: new Date() }).where('source_id', '=', 'rek-rdf').execute()
      }
    }
    expect(rows[0]).toEqual(rows[1])
  })
})
