import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeMqaScore, metadataCheck } from '../../checks/metadata.js'
import type { CheckContext, CheckTarget, DataServiceInfo, DistributionInfo, ProbeSummary } from '../../checks/types.js'
import { HVD_LEGISLATION } from '../../checks/vocabularies/hvd-categories.js'
import { MQA_DIMENSION_MAX, MQA_INDICATORS, MQA_MAX, mqaRating } from '../../checks/vocabularies/mqa-points.js'
import { harvestedTargets, type HarvestedTargets } from './helpers/harvested-target.js'
import type { ProbeCode } from '../../src/domain/probe-codes.js'
import { describeFinding } from '../../src/i18n/catalogue.js'

const ctx: CheckContext = { lang: 'sv', now: new Date('2026-11-26T12:00:00Z'), errorLimit: 1000, resolveSchema: async () => null }

/** A probe summary; `code` is a ProbeCode, so a code that does not exist does not compile. */
function probe(url: string, status: number | null, outcome: ProbeSummary['outcome'] = status !== null && status < 300 ? 'ok' : 'failing'): ProbeSummary {
  const failing = outcome === 'failing'
  const code: ProbeCode = outcome === 'ok' ? 'ok' : 'http-4xx'
  return { outcome, code, httpStatus: status, finalUrl: url, contentType: null, contentLength: null, etag: null, lastModified: null, at: '2026-11-26T11:00:00Z', state: outcome === 'ok' ? 'ok' : failing ? 'degraded' : 'unknown', consecutiveFailures: failing ? 1 : 0, failingSince: failing ? '2026-11-26T11:00:00Z' : null, findings: [], tlsDaysLeft: null }
}

// Every target below is harvested from DIGG's examples through the production path.
let harvested: HarvestedTargets
beforeAll(async () => {
  harvested = await harvestedTargets()
})
afterAll(async () => {
  await harvested?.close()
})

async function fixtureTarget(file: string, probes: Record<string, number> = {}, edit?: (text: string) => string): Promise<CheckTarget> {
  const probesByUrl = Object.fromEntries(Object.entries(probes).map(([u, s]) => [u, probe(u, s)]))
  return harvested.target(file, { probesByUrl, edit })
}

const codes = (r: { findings: { code: string }[] }): string[] => r.findings.map((f) => f.code)
const nonMqa = (r: { findings: { code: string; severity: string }[] }) => r.findings.filter((f) => !f.code.startsWith('mqa-'))

describe('MQA point table', () => {
  it('sums to the published dimension maxima and 405 in all', () => {
    const sums: Record<string, number> = {}
    for (const i of MQA_INDICATORS) sums[i.dimension] = (sums[i.dimension] ?? 0) + i.points
    expect(sums).toEqual({ findability: 100, accessibility: 100, interoperability: 110, reusability: 75, contextuality: 20 })
    expect(sums).toEqual(MQA_DIMENSION_MAX)
    expect(MQA_INDICATORS.reduce((a, i) => a + i.points, 0)).toBe(MQA_MAX)
    expect(MQA_MAX).toBe(405)
    expect(new Set(MQA_INDICATORS.map((i) => i.id)).size).toBe(MQA_INDICATORS.length)
  })

  it('rates on the methodology boundaries', () => {
    expect([405, 351, 350.5, 221, 220, 121, 120, 0].map(mqaRating)).toEqual(['excellent', 'excellent', 'good', 'good', 'sufficient', 'sufficient', 'bad', 'bad'])
  })
})

describe('metadata check on the DCAT-AP-SE examples', () => {
  for (const ext of ['rdf', 'ttl']) {
    it(`obligatoriskt.${ext} passes the mandatory check; recommended gaps are warnings`, async () => {
      const target = await fixtureTarget(`obligatoriskt.${ext}`)
      expect(metadataCheck.appliesTo(target)).toBe(true)
      const r = await metadataCheck.run(target, ctx)
      expect(r.findings.filter((f) => f.severity === 'error')).toEqual([])
      expect(r.facts).toMatchObject({ dcatApSeMandatory: true, hvd: false, hvdCompliant: null })
      expect(r.status).toBe('warn')
      expect(nonMqa(r).map((f) => f.code).sort()).toEqual(['missing-format', 'missing-keyword', 'missing-license', 'missing-theme'])
      // contact point 20 + publisher 10 + DCAT-AP compliance 30; nothing probed yet.
      expect(r.metrics?.['mqa.total']).toBe(60)
      expect(r.facts).toMatchObject({ mqaRating: 'bad', mqaAccessibilityMeasured: false })
      for (const f of r.findings) {
        expect(f.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
        expect(describeFinding(f, 'sv').hint).toBeTruthy()
      }
    })

    it(`rekommenderat.${ext} has no DCAT-AP-SE findings and scores Excellent`, async () => {
      const target = await fixtureTarget(`rekommenderat.${ext}`, { 'http://example.com/download': 200, 'http://example.com/api': 200 })
      const r = await metadataCheck.run(target, ctx)
      expect(nonMqa(r)).toEqual([])
      // The MQA indicators it misses are warnings: they cost metadata points.
      expect(r.status).toBe('warn')
      expect(r.metrics).toMatchObject({
        'mqa.findability': 100,
        // The API distribution has no download URL: that costs download-url, and its
        // download-url-status is left out (nothing to reach), not counted as unreachable.
        'mqa.accessibility': 90,
        // dct:format "text/csv" names a media type: the harvester reads it as one.
        'mqa.interoperability': 105,
        'mqa.reusability': 75,
        // No dct:rights, no byte size: only the modification date counts.
        'mqa.contextuality': 5,
        'mqa.total': 375,
        'mqa.indicator.download-url': 10,
        'mqa.indicator.download-url-status': 30,
        'mqa.indicator.media-type': 10,
        'mqa.indicator.rights': 0,
      })
      expect(r.facts?.mqaRating).toBe('excellent')
      // Each lost indicator says what fixing it is worth.
      const rights = r.findings.find((f) => f.code === 'mqa-rights')!
      expect(rights.severity).toBe('warning')
      expect(describeFinding(rights, 'sv').message).toContain('5 poäng att vinna')
    })
  }

  it('scores dct:rights that the catalogue gives: harvested, stored and read back into the check target', async () => {
    const withRights = (ttl: string) =>
      ttl.replace(/(<https:\/\/example\.com\/distribution\d> a dcat:Distribution ;)/g, '$1\n\tdcterms:rights <http://127.0.0.1/rights> ;')
    const target = await fixtureTarget('rekommenderat.ttl', { 'http://example.com/download': 200, 'http://example.com/api': 200 }, withRights)
    expect(target.distributions!.map((d) => d.rights)).toEqual(['http://127.0.0.1/rights', 'http://127.0.0.1/rights'])
    const r = await metadataCheck.run(target, ctx)
    expect(r.metrics).toMatchObject({ 'mqa.indicator.rights': 5, 'mqa.contextuality': 10, 'mqa.total': 380 })
    expect(codes(r)).not.toContain('mqa-rights')
    // dct:rights is a rights statement, not access rights: it does not stand in for dct:accessRights.
    expect(target.distributions!.map((d) => d.accessRights)).toEqual([null, null])
  })

  it('counts a failing access URL against accessibility', async () => {
    const target = await fixtureTarget('rekommenderat.ttl', { 'http://example.com/download': 404, 'http://example.com/api': 200 })
    const s = computeMqaScore(target, true)
    expect(s.indicators['access-url-status']).toBe(25)
    expect(s.indicators['download-url-status']).toBe(0)
  })

  it('reports missing mandatory properties as errors', async () => {
    const f = await fixtureTarget('obligatoriskt.ttl')
    const target: CheckTarget = {
      dataset: { ...f.dataset, title: { sv: '  ' }, description: {}, publisherIri: null },
      distributions: [{ ...f.distributions![0]!, accessUrl: null }],
      dataServices: [{ ...f.dataServices[0]!, endpointUrls: [] }],
    }
    const r = await metadataCheck.run(target, { ...ctx, lang: 'en' })
    expect(r.status).toBe('fail')
    expect(r.findings.filter((x) => x.severity === 'error').map((x) => x.code).sort()).toEqual([
      'missing-access-url',
      'missing-description',
      'missing-endpoint-url',
      'missing-publisher',
      'missing-title',
    ])
    expect(r.facts?.dcatApSeMandatory).toBe(false)
    expect(r.metrics?.['mqa.indicator.dcat-ap-compliance']).toBe(0)
    expect(describeFinding(r.findings.find((x) => x.code === 'missing-title')!, 'en').message).toMatch(/has no title/)
  })

  it('gives a complete dataset the full 405 points', async () => {
    const f = await fixtureTarget('rekommenderat.ttl')
    const dists: DistributionInfo[] = f.distributions!.map((d) => ({
      ...d,
      downloadUrl: d.accessUrl,
      format: 'http://publications.europa.eu/resource/authority/file-type/CSV',
      mediaType: 'text/csv',
      byteSize: 1000,
      rights: 'http://127.0.0.1/rights',
    }))
    const target: CheckTarget = {
      dataset: { ...f.dataset, modified: '2026-01-01' },
      distributions: dists,
      dataServices: f.dataServices,
      probesByUrl: { 'http://example.com/download': probe('http://example.com/download', 200), 'http://example.com/api': probe('http://example.com/api', 200) },
    }
    const s = computeMqaScore(target, true)
    expect(s.total).toBe(405)
    expect(s.rating).toBe('excellent')
  })
})

describe('HVD rules (regulation 2023/138)', () => {
  const base = async (): Promise<CheckTarget> => {
    const f = await fixtureTarget('rekommenderat.ttl')
    return { dataset: { ...f.dataset, applicableLegislation: [HVD_LEGISLATION] }, distributions: f.distributions, dataServices: [], probesByUrl: {} }
  }
  const hvdCodes = (r: { findings: { code: string }[] }) => codes(r).filter((c) => c.startsWith('hvd-')).sort()

  it('finds every missing HVD requirement', async () => {
    const t = await base()
    t.distributions = t.distributions!.map((d) => ({ ...d, license: 'http://creativecommons.org/licenses/by-sa/4.0/', downloadUrl: null }))
    const r = await metadataCheck.run(t, ctx)
    expect(r.facts).toMatchObject({ hvd: true, hvdCompliant: false })
    expect(r.status).toBe('fail')
    expect(hvdCodes(r)).toEqual(['hvd-licence-not-open', 'hvd-licence-not-open', 'hvd-missing-category', 'hvd-no-bulk-download', 'hvd-no-data-service', 'hvd-no-english'])
    // The fixture has an English title but a Swedish description only.
    expect(r.findings.find((f) => f.code === 'hvd-no-english')?.params).toEqual({ properties: ['dct:description'] })
    t.dataset.title = { sv: 'Bibliotek' }
    expect((await metadataCheck.run(t, ctx)).findings.find((f) => f.code === 'hvd-no-english')?.params).toEqual({ properties: ['dct:title', 'dct:description'] })
  })

  it('accepts a compliant HVD dataset: category, CC BY 4.0 in both IRI forms, live bulk download, described live API', async () => {
    const t = await base()
    t.dataset.hvdCategories = ['http://data.europa.eu/bna/c_e1da4e07']
    t.dataset.description = { ...t.dataset.description, en: 'Where and when every library in Sweden is open' }
    t.distributions = [
      { ...t.distributions![0], license: 'https://creativecommons.org/licenses/by/4.0/' },
      { ...t.distributions![1], license: 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0' },
    ]
    const api: DataServiceInfo = {
      iri: 'http://127.0.0.1/api-service',
      title: { sv: 'API' },
      publisherIri: null,
      contactEmail: null,
      endpointUrls: ['http://127.0.0.1:9/api'],
      endpointDescription: 'http://127.0.0.1:9/api/openapi.json',
      license: null,
      accessRights: null,
      conformsTo: [],
      servesDatasets: [t.dataset.iri],
      hvdCategories: [],
    }
    t.dataServices = [api]
    t.probesByUrl = { 'http://example.com/download': probe('http://example.com/download', 200), 'http://127.0.0.1:9/api': probe('http://127.0.0.1:9/api', 200) }
    const r = await metadataCheck.run(t, ctx)
    expect(hvdCodes(r)).toEqual([])
    expect(r.facts).toMatchObject({ hvd: true, hvdCompliant: true })

    // The same dataset with its API down and its bulk file gone.
    t.probesByUrl = { 'http://example.com/download': probe('http://example.com/download', 404), 'http://127.0.0.1:9/api': probe('http://127.0.0.1:9/api', 503) }
    t.dataServices = [{ ...api, endpointDescription: null }]
    const down = await metadataCheck.run(t, ctx)
    expect(hvdCodes(down)).toEqual(['hvd-bulk-download-unreachable', 'hvd-endpoint-unreachable', 'hvd-missing-endpoint-description'])
    expect(down.facts?.hvdCompliant).toBe(false)
  })

  it('rejects a category outside the HVD vocabulary and only notes an unknown sub-category', async () => {
    const t = await base()
    t.dataset.hvdCategories = ['http://publications.europa.eu/resource/authority/data-theme/ENVI']
    expect(hvdCodes(await metadataCheck.run(t, ctx))).toContain('hvd-invalid-category')
    t.dataset.hvdCategories = ['http://data.europa.eu/bna/c_60182062']
    const r = await metadataCheck.run(t, ctx)
    expect(r.findings.find((f) => f.code === 'hvd-category-unverified')?.severity).toBe('info')
  })
})
