/**
 * Fuzzing the harvesters (issue 10, "make the class impossible"): DCAT as RDF/XML, Turtle
 * and JSON-LD, CKAN's package_search JSON and EntryScape's Solr search JSON (with RDF/XML
 * entries), from fast-check generators: hostile literals, deep nesting, wide records, and
 * documents cut or spliced at random. At least 10,000 cases per reader. Each case is read
 * with `readSource`, the harvest's one entry; documents come from memory through the
 * `fetchDocument` the readers are given (the input under test, not a network stand-in).
 * Every case must end within a bound and either give a model or fail with a HarvestError
 * (a DatavaktError) whose code has words in both languages; no other error may escape.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config/config.js'
import type { HarvestDeps } from '../../src/harvest/harvest-deps.js'
import { HarvestError } from '../../src/harvest/harvest-error.js'
import { readSource } from '../../src/harvest/harvest-source.js'
import { isMessageKey } from '../../src/i18n/catalogue.js'
import { field, nastyString, RUNS, SEED } from './arbitraries.js'

const CASE_MS = 10_000
const BASE = 'http://127.0.0.1:9/fuzz'
const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const iriOf = (s: string) => {
  try {
    return encodeURI(s)
  } catch {
    return 'http://127.0.0.1:9/lone-surrogate'
  }
}
const ttl = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')

/** A document, sometimes cut short or with a string spliced in at a random place. */
function mutated(doc: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(doc, fc.constantFrom('none', 'none', 'cut', 'splice'), fc.double({ min: 0, max: 1, noNaN: true }), nastyString).map(([d, how, at, s]) => {
    const i = Math.floor(at * d.length)
    return how === 'cut' ? d.slice(0, i) : how === 'splice' ? d.slice(0, i) + s + d.slice(i) : d
  })
}

const value = fc.oneof({ weight: 6, arbitrary: nastyString }, { weight: 1, arbitrary: field })
const datasetRec = fc.record({ title: value, description: value, keywords: fc.array(value, { maxLength: 4 }), url: fc.oneof(fc.webUrl(), nastyString), depth: fc.nat({ max: 40 }), extra: fc.nat({ max: 200 }) })
const catalogue = fc.array(datasetRec, { maxLength: 6 })

const rdfXml = mutated(catalogue.map((ds) => {
  const body = ds.map((d, i) => {
    const nest = '<dcterms:relation><rdf:Description>'.repeat(d.depth) + '</rdf:Description></dcterms:relation>'.repeat(d.depth)
    const wide = Array.from({ length: d.extra }, (_, k) => `<dcat:keyword>k${k}</dcat:keyword>`).join('')
    return `<dcat:Dataset rdf:about="${BASE}/ds/${i}"><dcterms:title xml:lang="sv">${xml(d.title)}</dcterms:title><dcterms:description>${xml(d.description)}</dcterms:description>${d.keywords.map((k) => `<dcat:keyword>${xml(k)}</dcat:keyword>`).join('')}${wide}${nest}<dcat:distribution><dcat:Distribution rdf:about="${BASE}/ds/${i}/d"><dcat:accessURL rdf:resource="${xml(d.url)}"/></dcat:Distribution></dcat:distribution></dcat:Dataset>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcat="http://www.w3.org/ns/dcat#"><dcat:Catalog rdf:about="${BASE}/cat">${ds.map((_, i) => `<dcat:dataset rdf:resource="${BASE}/ds/${i}"/>`).join('')}</dcat:Catalog>${body.join('')}</rdf:RDF>`
}))

const turtle = mutated(catalogue.map((ds) => {
  const pre = '@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .\n'
  const cat = `<${BASE}/cat> a dcat:Catalog ${ds.map((_, i) => `; dcat:dataset <${BASE}/ds/${i}>`).join(' ')} .\n`
  const body = ds.map((d, i) => {
    const nest = 'dct:relation ['.repeat(d.depth) + ' dct:title "n" ' + ']'.repeat(d.depth)
    return `<${BASE}/ds/${i}> a dcat:Dataset ; dct:title "${ttl(d.title)}"@sv ; dct:description """${ttl(d.description)}""" ; ${d.keywords.map((k) => `dcat:keyword "${ttl(k)}" ;`).join(' ')} ${d.depth ? nest + ' ;' : ''} dcat:distribution [ a dcat:Distribution ; dcat:accessURL <${iriOf(d.url)}> ] .`
  })
  return pre + cat + body.join('\n')
}))

const CONTEXT = { dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/', title: 'dct:title', description: 'dct:description', keyword: 'dcat:keyword', dataset: { '@id': 'dcat:dataset', '@type': '@id' }, distribution: 'dcat:distribution', accessURL: { '@id': 'dcat:accessURL', '@type': '@id' }, relation: 'dct:relation' }
const jsonLd = mutated(fc.tuple(catalogue, fc.jsonValue({ maxDepth: 4 })).map(([ds, junk]) => {
  const nested = (n: number): unknown => (n === 0 ? { title: 'n' } : { relation: nested(n - 1) })
  const graph = ds.map((d, i) => ({ '@id': `${BASE}/ds/${i}`, '@type': 'dcat:Dataset', title: { '@value': d.title, '@language': 'sv' }, description: d.description, keyword: d.keywords, relation: nested(Math.min(d.depth, 30)), distribution: { '@type': 'dcat:Distribution', accessURL: d.url }, junk }))
  return JSON.stringify({ '@context': CONTEXT, '@graph': [{ '@id': `${BASE}/cat`, '@type': 'dcat:Catalog', dataset: ds.map((_, i) => `${BASE}/ds/${i}`) }, ...graph] })
}))

const anyJson = fc.jsonValue({ maxDepth: 5 })
const ckanPackage = fc.oneof(
  fc.record({ id: fc.oneof(nastyString, fc.integer()), name: nastyString, title: value, notes: value, url: nastyString, organization: fc.oneof(fc.constant(null), fc.record({ name: nastyString, title: value })), resources: fc.array(fc.record({ id: nastyString, url: fc.oneof(fc.webUrl(), nastyString), format: nastyString, mimetype: nastyString, size: fc.oneof(fc.integer(), nastyString) }, { requiredKeys: [] }), { maxLength: 4 }), tags: fc.array(fc.oneof(fc.record({ name: value }), anyJson), { maxLength: 4 }), extras: fc.array(fc.record({ key: fc.constantFrom('uri', 'issued', 'modified', 'spatial', 'frequency'), value: anyJson }), { maxLength: 3 }) }, { requiredKeys: [] }),
  anyJson,
)
const ckan = mutated(fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.array(ckanPackage, { maxLength: 6 }), fc.oneof(fc.nat({ max: 10 }), anyJson), fc.oneof(fc.constant(true), anyJson)).map(([results, count, success]) => JSON.stringify({ success, result: { count, results } })) },
  { weight: 1, arbitrary: anyJson.map((v) => JSON.stringify(v)) },
))

const solrChild = fc.oneof(
  fc.record({ contextId: fc.oneof(fc.constantFrom('1', '7', 'ctx-a'), nastyString), entryId: fc.oneof(fc.constantFrom('1', '2', '99'), nastyString, fc.integer()), info: fc.oneof(anyJson, fc.constant({})) }, { requiredKeys: [] }),
  anyJson,
)
const entryscape = fc.record({
  search: mutated(fc.oneof(
    { weight: 8, arbitrary: fc.tuple(fc.array(solrChild, { maxLength: 5 }), fc.oneof(fc.nat({ max: 10 }), anyJson)).map(([children, results]) => JSON.stringify({ offset: 0, results, resource: { children } })) },
    { weight: 1, arbitrary: anyJson.map((v) => JSON.stringify(v)) },
  )),
  entry: rdfXml,
})

/** The readers' dependencies, answering every URL from `answer` (in memory). */
function depsFor(answer: (url: string) => { body: string; contentType: string } | null): HarvestDeps {
  return {
    harvest: { ...defaultConfig.harvest, entryscapeRequestsPerSecond: 1e9 },
    async fetchDocument(url) {
      const a = answer(url)
      if (!a) return { url, finalUrl: url, status: 404, contentType: 'text/plain', body: Buffer.from('not found') }
      return { url, finalUrl: url, status: 200, contentType: a.contentType, body: Buffer.from(a.body) }
    },
  }
}

async function expectReadOrHarvestError(kind: 'dcat' | 'ckan' | 'entryscape', url: string, deps: HarvestDeps): Promise<void> {
  const started = performance.now()
  try {
    const r = await readSource({ kind, url }, deps)
    expect(Array.isArray(r.model.datasets)).toBe(true)
  } catch (err) {
    expect(err, (err as Error)?.stack).toBeInstanceOf(HarvestError)
    const e = err as HarvestError
    // A coded error with words in both languages.
    expect(isMessageKey(e.code), e.code).toBe(true)
    expect(e.code.startsWith('harvest.error.'), e.code).toBe(true)
    for (const lang of ['sv', 'en'] as const) expect(e.describe(lang), e.code).not.toMatch(/\bundefined\b|\[object Object\]/)
  }
  expect(performance.now() - started).toBeLessThan(CASE_MS)
}

const first = (url: string) => !/[?&](start|offset)=(?!0\b)/.test(url)

const readers: [string, () => fc.IAsyncProperty<[never]>][] = [
  ['DCAT RDF/XML', () => fc.asyncProperty(rdfXml, (doc) => expectReadOrHarvestError('dcat', `${BASE}/cat.rdf`, depsFor(() => ({ body: doc, contentType: 'application/rdf+xml' })))) as never],
  ['DCAT Turtle', () => fc.asyncProperty(turtle, (doc) => expectReadOrHarvestError('dcat', `${BASE}/cat.ttl`, depsFor(() => ({ body: doc, contentType: 'text/turtle' })))) as never],
  ['DCAT JSON-LD', () => fc.asyncProperty(jsonLd, (doc) => expectReadOrHarvestError('dcat', `${BASE}/cat.jsonld`, depsFor(() => ({ body: doc, contentType: 'application/ld+json' })))) as never],
  ['CKAN JSON', () => fc.asyncProperty(ckan, (doc) => expectReadOrHarvestError('ckan', BASE, depsFor((u) => ({ body: first(u) ? doc : '{"success":true,"result":{"count":0,"results":[]}}', contentType: 'application/json' })))) as never],
  ['EntryScape JSON', () => fc.asyncProperty(entryscape, (e) => expectReadOrHarvestError('entryscape', `${BASE}/store`, depsFor((u) => (u.includes('/search') ? { body: first(u) ? e.search : '{"results":0,"resource":{"children":[]}}', contentType: 'application/json' } : { body: e.entry, contentType: 'application/rdf+xml' })))) as never],
]

describe('fuzzing the harvesters', () => {
  for (const [name, property] of readers) {
    it(`${name}: ${RUNS} generated catalogues, each read or refused with a HarvestError`, async () => {
      const started = performance.now()
      await fc.assert(property(), { numRuns: RUNS, seed: SEED, endOnFailure: true })
      console.log(`${name}: ${RUNS} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    }, 900_000)
  }
})
