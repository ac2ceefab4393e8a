import { describe, expect, it } from 'vitest'
import { RdfXmlParser } from 'rdfxml-streaming-parser'
import type { Quad } from '@rdfjs/types'
import { vastraGotaland } from '../../src/demo/vastra-gotaland.js'
import { DCAT, DCATAP, DCT, FOAF, VCARD } from '../../src/harvest/dcat-values.js'
import { fetchRaw, header, useWorld } from './world-helpers.js'

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'
const HVD = 'http://data.europa.eu/eli/reg_impl/2023/138/oj'

const demo = useWorld({ seed: 3 })

function parseRdfXml(text: string, baseIRI: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = []
    const parser = new RdfXmlParser({ baseIRI })
    parser.on('data', (q: Quad) => quads.push(q))
    parser.on('error', reject)
    parser.on('end', () => resolve(quads))
    parser.write(text)
    parser.end()
  })
}

describe('catalogues', () => {
  it('has the 49 municipalities and the region with their real names', () => {
    expect(demo.world.catalogues).toHaveLength(50)
    const names = demo.world.catalogues.map((c) => c.name)
    expect(names).toContain('Göteborgs Stad')
    expect(names).toContain('Härryda kommun')
    expect(names).toContain('Västra Götalandsregionen')
    expect(names).toContain('Alingsås kommun')
    expect(demo.world.catalogues.find((c) => c.name === 'Göteborgs Stad')?.organisationIri).toBe('http://dataportal.se/organisation/SE2120001355')
    expect(demo.world.catalogues.find((c) => c.name === 'Västra Götalandsregionen')?.organisationIri).toBe('http://dataportal.se/organisation/SE2321000131')
    expect(vastraGotaland.filter((o) => o.code.length === 4)).toHaveLength(49)
  })

  it('every catalogue is valid RDF/XML with the counts the ground truth promises', async () => {
    const truth = [...demo.world.truth()]
    let datasets = 0
    let distributions = 0
    let services = 0
    let conformsTo = 0
    const hvd = { datasets: 0, noEnglish: 0, services: 0 }
    const themes = new Set<string>()
    const frequencies = new Set<string>()
    const formats = new Set<string>()
    for (const c of demo.world.catalogues) {
      const res = await fetchRaw(demo.agent, c.url)
      expect(res.status).toBe(200)
      expect(header(res.headers, 'content-type')).toMatch(/application\/rdf\+xml/)
      const quads = await parseRdfXml(res.body.toString(), c.url)
      const typed = (t: string) => quads.filter((q) => q.predicate.value === `${RDF}type` && q.object.value === t).map((q) => q.subject.value)
      expect(typed(`${DCAT}Catalog`)).toHaveLength(1)
      expect(typed(`${FOAF}Agent`)).toEqual([c.organisationIri])
      expect(quads.some((q) => q.subject.value === c.organisationIri && q.predicate.value === `${FOAF}name` && q.object.value === c.name)).toBe(true)
      const ds = typed(`${DCAT}Dataset`)
      const dist = typed(`${DCAT}Distribution`)
      const mine = truth.filter((e) => e.organisationIri === c.organisationIri)
      expect(dist.sort()).toEqual(mine.map((e) => e.distributionIri).sort())
      expect(new Set(ds)).toEqual(new Set(mine.map((e) => e.datasetIri)))
      datasets += ds.length
      distributions += dist.length
      services += typed(`${DCAT}DataService`).length
      hvd.services += typed(`${DCAT}DataService`).filter((x) => quads.some((q) => q.subject.value === x && q.predicate.value === `${DCATAP}applicableLegislation`)).length
      for (const q of quads) {
        if (q.predicate.value === `${DCAT}theme`) themes.add(q.object.value)
        if (q.predicate.value === `${DCT}accrualPeriodicity`) frequencies.add(q.object.value)
        if (q.predicate.value === `${DCT}format`) formats.add(q.object.value)
        if (q.predicate.value === `${DCT}conformsTo`) conformsTo++
      }
      // Swedish and English titles on every dataset, but some high-value datasets lack the English one.
      const hvdOf = (s: string) => quads.some((q) => q.subject.value === s && q.predicate.value === `${DCATAP}applicableLegislation` && q.object.value === HVD)
      for (const d of ds) {
        const titles = quads.filter((q) => q.subject.value === d && q.predicate.value === `${DCT}title`)
        const languages = titles.map((t) => (t.object as { language?: string }).language).sort()
        if (hvdOf(d)) {
          hvd.datasets++
          if (languages.length === 1) hvd.noEnglish++
          const own = quads.filter((q) => q.subject.value === d && q.predicate.value === `${DCAT}distribution`).map((q) => q.object.value)
          expect(own.every(hvdOf)).toBe(true)
          continue
        }
        expect(languages).toEqual(['en', 'sv'])
      }
      // The URL in the truth is the distribution's downloadURL or accessURL.
      for (const e of mine.slice(0, 20)) {
        const urls = quads.filter((q) => q.subject.value === e.distributionIri && (q.predicate.value === `${DCAT}downloadURL` || q.predicate.value === `${DCAT}accessURL`)).map((q) => q.object.value)
        expect(urls).toContain(e.url)
      }
      // Metadata defects are really missing from the RDF.
      for (const e of mine) {
        const has = (p: string, s = e.distributionIri) => quads.some((q) => q.subject.value === s && q.predicate.value === p)
        expect(has(`${DCT}license`)).toBe(!e.defects.includes('missing-license'))
        expect(has(`${DCT}format`)).toBe(!e.defects.includes('missing-format'))
        expect(has(`${DCAT}contactPoint`, e.datasetIri)).toBe(!e.defects.includes('missing-contact'))
      }
      const emails = quads.filter((q) => q.predicate.value === `${VCARD}hasEmail`)
      expect(emails.length).toBeGreaterThan(0)
    }
    expect(distributions).toBe(demo.world.distributionCount)
    expect(datasets).toBe(demo.world.datasetCount)
    expect(services).toBeGreaterThan(0)
    // High-value datasets with their services, some without English (src/demo/hvd-demo.world.ts).
    expect(hvd.services).toBe(hvd.datasets)
    expect(hvd.datasets).toBeGreaterThan(hvd.noEnglish)
    expect(hvd.noEnglish).toBeGreaterThan(0)
    expect(conformsTo).toBeGreaterThan(0)
    expect([...themes].every((t) => t.startsWith('http://publications.europa.eu/resource/authority/data-theme/'))).toBe(true)
    expect(frequencies).toContain('http://publications.europa.eu/resource/authority/frequency/DAILY')
    expect(formats).toContain('text/csv')
    expect(truth.filter((e) => e.defects.includes('missing-license')).length).toBeGreaterThan(0)
    expect(truth.filter((e) => e.defects.includes('missing-contact')).length).toBeGreaterThan(0)
    expect(truth.filter((e) => e.defects.includes('missing-format')).length).toBeGreaterThan(0)
  })

  it('serves each specification as CSVW at its URI and at <uri>/schema.json', async () => {
    expect(demo.world.specs.map((s) => s.name)).toEqual(['World badplatser 1.0', 'World lekplatser 1.0', 'World offentliga toaletter 1.0', 'World laddplatser 1.0'])
    for (const s of demo.world.specs) {
      for (const url of [s.uri, `${s.uri}/schema.json`]) {
        const res = await fetchRaw(demo.agent, url)
        expect(res.status).toBe(200)
        expect(header(res.headers, 'content-type')).toMatch(/json/)
        const doc = JSON.parse(res.body.toString())
        expect(doc['@context']).toBe('http://www.w3.org/ns/csvw')
        for (const col of doc.tableSchema.columns) {
          expect(typeof col.name).toBe('string')
          expect(typeof col.titles).toBe('string')
          expect(typeof col.datatype.base).toBe('string')
          expect(typeof col.required).toBe('boolean')
        }
      }
    }
  })

  it('spreads distributions over the hosts and keeps ground truth consistent with the table', () => {
    const byHost = new Map<string, number>()
    for (const e of demo.world.truth()) byHost.set(e.host, (byHost.get(e.host) ?? 0) + 1)
    expect(byHost.size).toBeGreaterThan(50)
    for (const h of demo.world.hosts) expect(h).toMatch(/^127\.0\.\d+\.\d+:\d+$/)
    for (const e of demo.world.truth()) {
      if (e.defects.includes('http-404')) expect(e.expected).toMatchObject({ outcome: 'failing', code: 'http-404' })
      if (e.defects.includes('bot-challenge')) expect(e.expected).toMatchObject({ outcome: 'unverified', code: 'blocked' })
      if (e.defects.includes('redirect-chain')) expect(e.expected).toMatchObject({ outcome: 'ok', code: 'redirected' })
      if (e.defects.includes('csv-ragged')) expect(e.expected.contentFindings).toEqual(['extra-cell', 'missing-cell'])
      if (e.defects.length === 0) expect(e.expected).toMatchObject({ outcome: 'ok', code: 'ok', contentFindings: [], metadataFindings: [] })
    }
  })
})
