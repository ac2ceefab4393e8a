import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readDcatCatalogue } from '../../src/harvest/read-dcat-catalogue.js'
import { modelToDryRunJson } from '../../src/harvest/model.js'
import { testDeps } from './deps.js'
import { send, serve, type TestServer } from './serve.js'

const PREFIXES = `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix hydra: <http://www.w3.org/ns/hydra/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
`

describe('DCAT reader over loopback HTTP', () => {
  let server: TestServer
  const docs = new Map<string, [string, string]>()
  const deps = testDeps()
  beforeAll(async () => {
    server = await serve((_req, res, url) => {
      const d = docs.get(url.pathname + url.search)
      if (!d) return false
      send(res, d[0], d[1])
    })
  })
  afterAll(async () => {
    await deps.engine.close()
    await server?.close()
  })

  it('follows hydra paging (both hydra:next and the older hydra:nextPage) and dct:hasPart sub-catalogues', async () => {
    const o = server.origin
    docs.set('/paged?page=1', [
      `${PREFIXES}<${o}/cat> a dcat:Catalog ; dcat:dataset <${o}/d/1> ; dct:hasPart <${o}/sub> .
<${o}/d/1> a dcat:Dataset ; dct:title "Ett"@sv .
<${o}/paged?page=1> a hydra:PagedCollection ; hydra:next <${o}/paged?page=2> .`,
      'text/turtle',
    ])
    docs.set('/paged?page=2', [
      `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#"
  xmlns:dct="http://purl.org/dc/terms/" xmlns:hydra="http://www.w3.org/ns/hydra/core#">
  <dcat:Dataset rdf:about="${o}/d/2"><dct:title xml:lang="sv">Två</dct:title></dcat:Dataset>
  <hydra:PagedCollection rdf:about="${o}/paged?page=2"><hydra:nextPage rdf:resource="${o}/paged?page=3"/></hydra:PagedCollection>
</rdf:RDF>`,
      'application/rdf+xml',
    ])
    docs.set('/paged?page=3', [`${PREFIXES}<${o}/d/3> a dcat:Dataset ; dct:title "Tre"@sv .\n<${o}/paged?page=3> hydra:next <${o}/paged?page=1> .`, 'text/turtle'])
    docs.set('/sub', [
      JSON.stringify({
        '@context': { dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/' },
        '@graph': [
          { '@id': `${o}/sub`, '@type': 'dcat:Catalog', 'dcat:dataset': { '@id': `${o}/d/4` } },
          { '@id': `${o}/d/4`, '@type': 'dcat:Dataset', 'dct:title': { '@value': 'Fyra', '@language': 'sv' } },
        ],
      }),
      'application/ld+json',
    ])
    const r = await readDcatCatalogue(`${o}/paged?page=1`, deps)
    expect(r.model.datasets.map((d) => d.iri).sort()).toEqual([1, 2, 3, 4].map((i) => `${o}/d/${i}`))
    expect(r.documents).toBe(4)
    expect(r.httpStatus).toBe(200)
  })

  it('reads blank nodes, both org namespaces, EU file types, language preference and warns with the subject IRI', async () => {
    const o = server.origin
    docs.set('/odd.ttl', [
      `${PREFIXES}@prefix org: <https://www.w3.org/ns/org#> .
@base <${o}/base/> .
<${o}/cat> a dcat:Catalog ; dcat:dataset <${o}/ds/a>, <${o}/ds/missing> .
<http://dataportal.se/organisation/SE2120001355> a org:Organization ; foaf:name "Göteborgs Stad"@sv, "City of Gothenburg"@en .
<${o}/ds/a> a dcat:Dataset ;
  dct:title "Untagged" , "English"@en , "Svenska"@sv ;
  dct:publisher <http://dataportal.se/organisation/SE2120001355> ;
  dcat:contactPoint [ a vcard:Kind ; vcard:fn "Kontakt" ; vcard:hasEmail [ vcard:hasValue <mailto:kontakt@example.se> ] ] ;
  dct:temporal [ a dct:PeriodOfTime ; <https://schema.org/startDate> "2020-01-01"^^xsd:date ] ;
  dcat:distribution [
    dcat:downloadURL <${o}/files/a.csv> ;
    dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> ;
    dcat:byteSize "123"^^xsd:nonNegativeInteger
  ] , [
    dcat:accessURL <relative/api> ;
    dct:format "vet inte"
  ] .`,
      'text/turtle',
    ])
    const r = await readDcatCatalogue(`${o}/odd.ttl`, deps)
    const json = modelToDryRunJson(r.model)
    const d = json.datasets[0]
    expect(d.title).toBe('Svenska')
    expect(r.model.datasets[0].title).toEqual({ '': 'Untagged', en: 'English', sv: 'Svenska' })
    expect(d.contactEmail).toBe('kontakt@example.se')
    expect(r.model.datasets[0].temporal).toEqual([{ start: '2020-01-01' }])
    expect(json.organisations).toEqual([
      { iri: 'http://dataportal.se/organisation/SE2120001355', name: 'Göteborgs Stad', orgNumber: '212000-1355', homepage: null },
    ])
    const [csv, api] = d.distributions
    expect(csv).toMatchObject({
      accessUrl: null,
      downloadUrl: `${o}/files/a.csv`,
      format: 'http://publications.europa.eu/resource/authority/file-type/CSV',
      mediaType: 'text/csv',
      byteSize: 123,
    })
    expect(csv.iri).toMatch(new RegExp(`^${o}/ds/a#distribution-[0-9a-f]{16}$`))
    expect(api).toMatchObject({ accessUrl: `${o}/base/relative/api`, format: 'vet inte', mediaType: null })
    // The synthetic IRIs are stable: the same document gives the same IRIs.
    const again = await readDcatCatalogue(`${o}/odd.ttl`, deps)
    expect(again.model.datasets[0].distributions.map((x) => x.iri)).toEqual([csv.iri, api.iri])
    expect(r.model.warnings).toEqual(
      expect.arrayContaining([
        { code: 'distribution-download-only', subject: csv.iri, params: {} },
        { code: 'unknown-format', subject: api.iri, params: { format: 'vet inte' } },
        { code: 'dataset-not-described', subject: `${o}/ds/missing`, params: {} },
      ]),
    )
    // @base resolves relative IRIs in Turtle, so this one is not relative; a document
    // without a base is (next test).
    expect(r.model.warnings.some((w) => w.code === 'relative-iri')).toBe(false)
  })

  it('reads organisations typed in either form of the org namespace', async () => {
    const o = server.origin
    docs.set('/orgs.ttl', [
      `${PREFIXES}<${o}/a> a <http://www.w3.org/ns/org#Organization> ; foaf:name "A"@sv ; <http://www.w3.org/ns/org#identifier> "2120001264" .
<${o}/b> a <https://www.w3.org/ns/org#Organization> ; foaf:name "B"@sv ; <https://www.w3.org/ns/org#identifier> "212000-1298" .
<${o}/d> a dcat:Dataset ; dct:title "D"@sv .`,
      'text/turtle',
    ])
    const r = await readDcatCatalogue(`${o}/orgs.ttl`, deps)
    expect(r.model.organisations).toEqual([
      { iri: `${o}/a`, name: { sv: 'A' }, orgNumber: '212000-1264', homepage: null },
      { iri: `${o}/b`, name: { sv: 'B' }, orgNumber: '212000-1298', homepage: null },
    ])
  })

  it('warns about relative IRIs, naming the subject, and resolves them against the catalogue URL', async () => {
    const o = server.origin
    docs.set('/dir/rel.rdf', [
      `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#">
  <dcat:Dataset rdf:about="${o}/ds/r"><dcat:distribution><dcat:Distribution rdf:about="${o}/dist/r">
    <dcat:accessURL rdf:resource="files/r.csv"/><dcat:downloadURL>https://example.org/lit.csv</dcat:downloadURL>
  </dcat:Distribution></dcat:distribution></dcat:Dataset></rdf:RDF>`,
      'application/rdf+xml',
    ])
    const r = await readDcatCatalogue(`${o}/dir/rel.rdf`, deps)
    expect(r.model.datasets[0].distributions[0]).toMatchObject({ accessUrl: `${o}/dir/files/r.csv`, downloadUrl: 'https://example.org/lit.csv' })
    expect(r.model.warnings).toEqual(
      expect.arrayContaining([
        { code: 'relative-iri', subject: `${o}/dist/r`, params: { iri: `${o}/dir/files/r.csv` } },
        { code: 'url-literal', subject: `${o}/dist/r`, params: { property: 'downloadURL', value: 'https://example.org/lit.csv' } },
      ]),
    )
  })
})
