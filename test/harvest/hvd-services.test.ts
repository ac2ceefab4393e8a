import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import jsonld from 'jsonld'
import { Parser } from 'n3'
import { describe, expect, it } from 'vitest'
import { parseRdf } from '../../src/harvest/parse-rdf.js'
import { readDcatGraph } from '../../src/harvest/read-dcat-graph.js'

/*
 * dcat:DataService in full, and dcatap:hvdCategory / dcatap:applicableLegislation on
 * datasets, distributions and services, read the same from RDF/XML, Turtle and JSON-LD
 * (fixtures/hvd: our own graph, written after DCAT-AP HVD 2.2).
 */
const DIR = join(import.meta.dirname, 'fixtures/hvd/')
const HVD = 'http://data.europa.eu/eli/reg_impl/2023/138/oj'
const ENVIRONMENT = 'http://data.europa.eu/bna/c_dd313021'
const CC_BY = 'http://creativecommons.org/licenses/by/4.0/'

async function fromTurtleOrXml(ext: 'ttl' | 'rdf') {
  const body = readFileSync(`${DIR}hvd.${ext}`)
  const parsed = await parseRdf(body, { url: `http://127.0.0.1/hvd.${ext}`, contentType: ext === 'rdf' ? 'application/rdf+xml' : 'text/turtle' })
  return readDcatGraph(parsed).model
}

/** The Turtle graph as expanded JSON-LD (through N-Quads, with the libraries), read as JSON-LD. */
async function fromJsonLd() {
  const quads = new Parser({ format: 'Turtle' }).parse(readFileSync(`${DIR}hvd.ttl`, 'utf8'))
  type Term = { termType: string; value: string; language?: string; datatype?: { value: string } }
  const term = (t: Term) =>
    t.termType === 'NamedNode' ? `<${t.value}>` : t.termType === 'BlankNode' ? `_:${t.value}` : `${JSON.stringify(t.value)}${t.language ? `@${t.language}` : ''}`
  const nquads = quads.map((q) => `${term(q.subject)} ${term(q.predicate)} ${term(q.object)} .`).join('\n')
  const doc = await jsonld.fromRDF(nquads, { format: 'application/n-quads' })
  const parsed = await parseRdf(Buffer.from(JSON.stringify(doc)), { url: 'http://127.0.0.1/hvd.jsonld', contentType: 'application/ld+json' })
  return readDcatGraph(parsed).model
}

describe('data services and HVD properties in all three DCAT syntaxes', () => {
  it('RDF/XML, Turtle and JSON-LD give the same datasets, distributions and services, with no warnings', async () => {
    const ttl = await fromTurtleOrXml('ttl')
    for (const other of [await fromTurtleOrXml('rdf'), await fromJsonLd()]) {
      expect(other.datasets).toEqual(ttl.datasets)
      // JSON-LD lists subjects in its own order; the services are compared by IRI.
      const byIri = (xs: { iri: string }[]) => [...xs].sort((a, b) => a.iri.localeCompare(b.iri))
      expect(byIri(other.dataServices)).toEqual(byIri(ttl.dataServices))
      expect(other.warnings).toEqual([])
    }
    expect(ttl.warnings).toEqual([])
  })

  for (const syntax of ['ttl', 'rdf', 'jsonld'] as const) {
    it(`${syntax}: every field of a data service, and HVD on the dataset and its distribution`, async () => {
      const m = syntax === 'jsonld' ? await fromJsonLd() : await fromTurtleOrXml(syntax)
      const api = m.dataServices.find((s) => s.iri === 'https://data.example.se/service/luft-api')
      expect(api).toEqual({
        iri: 'https://data.example.se/service/luft-api',
        publisherIri: 'http://dataportal.se/organisation/SE2120001111',
        title: { sv: 'Luftkvalitets-API', en: 'Air quality API' },
        description: { sv: 'REST-API med mätvärden.' },
        contactEmail: 'miljo@example.se',
        license: CC_BY,
        accessRights: 'http://publications.europa.eu/resource/authority/access-right/PUBLIC',
        conformsTo: ['https://spec.openapis.org/oas/v3.0.3'],
        hvdCategories: [ENVIRONMENT],
        applicableLegislation: [HVD],
        endpointUrls: ['https://api.example.se/luft/v1', 'https://api.example.se/luft/v1-mirror'],
        endpointDescription: 'https://api.example.se/luft/v1/openapi.json',
        servesDatasets: ['https://data.example.se/dataset/luft'],
      })
      const wms = m.dataServices.find((s) => s.iri === 'https://data.example.se/service/karta-wms')
      expect(wms).toMatchObject({
        endpointUrls: ['https://geo.example.se/wms'],
        endpointDescription: 'https://geo.example.se/wms?service=WMS&request=GetCapabilities',
        conformsTo: ['http://www.opengis.net/def/serviceType/ogc/wms'],
        license: 'http://creativecommons.org/publicdomain/zero/1.0/',
        hvdCategories: [],
        applicableLegislation: [],
      })
      const ds = m.datasets[0]!
      expect(ds).toMatchObject({ hvdCategories: [ENVIRONMENT], applicableLegislation: [HVD], license: CC_BY, title: { sv: 'Luftkvalitet', en: 'Air quality' } })
      expect(ds.distributions).toEqual([
        expect.objectContaining({
          iri: 'https://data.example.se/dist/luft-csv',
          hvdCategories: [ENVIRONMENT],
          applicableLegislation: [HVD],
          license: CC_BY,
          accessServiceIri: 'https://data.example.se/service/luft-api',
        }),
      ])
    })
  }
})
