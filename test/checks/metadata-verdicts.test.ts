/**
 * The metadata check's verdicts as data: its reachability indicators read the availability
 * verdict (state), never a raw status code; every code it can emit has words in both
 * languages; the MQA indicators' names and the HVD categories live in the catalogue.
 */
import { describe, expect, it } from 'vitest'
import { availabilityVerdict, reachabilityOf } from '../../checks/availability-verdict.js'
import { computeMqaScore, metadataCheck } from '../../checks/metadata.js'
import type { CheckContext, CheckTarget, DatasetInfo, DistributionInfo, ProbeSummary } from '../../checks/types.js'
import { classifyHvdCategory, HVD_LEGISLATION } from '../../checks/vocabularies/hvd-categories.js'
import { MQA_INDICATORS } from '../../checks/vocabularies/mqa-points.js'
import { describeFinding, isFindingCode } from '../../src/i18n/catalogue.js'
import { looksSwedish } from '../helpers/language.js'
import { datasetRecord, distributionRecord } from '../helpers/check-records.js'

const ctx: CheckContext = { lang: 'sv', now: new Date('2026-12-01T12:00:00Z'), errorLimit: 100, resolveSchema: async () => null }

function probe(state: ProbeSummary['state'], httpStatus: number | null, code = state === 'ok' ? 'ok' : 'http-404'): ProbeSummary {
  const failing = state === 'degraded' || state === 'broken'
  return {
    outcome: state === 'ok' ? 'ok' : failing ? 'failing' : 'unverified', code, httpStatus, finalUrl: null, contentType: null, contentLength: null,
    etag: null, lastModified: null, at: '2026-12-01T10:00:00.000Z', state, consecutiveFailures: failing ? 2 : 0,
    failingSince: failing ? '2026-11-30T10:00:00.000Z' : null, findings: [], tlsDaysLeft: null,
  }
}

const dataset = (over: Partial<DatasetInfo> = {}): DatasetInfo =>
  datasetRecord({
    iri: 'http://127.0.0.1/ds', title: { sv: 'Titel' }, description: { sv: 'Beskrivning' }, publisherIri: 'http://127.0.0.1/org', contactEmail: 'a@example.org',
    keywords: [{ sv: 'ord' }], themes: ['x'], ...over,
  })

const dist = (n: number, url: string | null, download = true): DistributionInfo =>
  distributionRecord({ iri: `http://127.0.0.1/ds/${n}`, datasetIri: 'http://127.0.0.1/ds', accessUrl: url, downloadUrl: download ? url : null })

describe('reachability in the MQA score', () => {
  it('reads the availability state: a 304, a 206 and a redirect in state ok are reachable; degraded and broken are not', () => {
    const urls = ['http://127.0.0.1/304', 'http://127.0.0.1/206', 'http://127.0.0.1/moved', 'http://127.0.0.1/degraded', 'http://127.0.0.1/broken']
    const target: CheckTarget = {
      dataset: dataset(),
      dataServices: [],
      distributions: urls.map((u, i) => dist(i, u)),
      probesByUrl: {
        [urls[0]!]: probe('ok', 304),
        [urls[1]!]: probe('ok', 206),
        [urls[2]!]: probe('ok', 200, 'redirected'),
        [urls[3]!]: probe('degraded', 500, 'http-5xx'),
        [urls[4]!]: probe('broken', 404),
      },
    }
    expect(urls.map((u) => reachabilityOf(target.probesByUrl![u]))).toEqual(['reachable', 'reachable', 'reachable', 'unreachable', 'unreachable'])
    const s = computeMqaScore(target, true)
    expect(s.indicators['access-url-status']).toBe(30) // 3 of 5 × 50
    expect(s.indicators['download-url-status']).toBe(18) // 3 of 5 × 30
  })

  it('leaves out what is not known yet (never probed, only unverified) and a missing download URL, instead of calling it unreachable', async () => {
    const target: CheckTarget = {
      dataset: dataset(),
      dataServices: [],
      distributions: [dist(0, 'http://127.0.0.1/ok'), dist(1, 'http://127.0.0.1/never'), dist(2, 'http://127.0.0.1/walled'), dist(3, 'http://127.0.0.1/page', false)],
      probesByUrl: { 'http://127.0.0.1/ok': probe('ok', 206), 'http://127.0.0.1/walled': probe('unknown', 403, 'blocked'), 'http://127.0.0.1/page': probe('ok', 200) },
    }
    const s = computeMqaScore(target, true)
    expect(s.indicators['access-url-status']).toBe(50)
    expect(s.indicators['download-url-status']).toBe(30)
    const r = await metadataCheck.run(target, ctx)
    expect(r.findings.map((f) => f.code)).not.toContain('mqa-access-url-status')
    expect(r.findings.map((f) => f.code)).not.toContain('mqa-download-url-status')
    expect(r.findings.map((f) => f.code)).toContain('mqa-download-url')
  })

  it('gives no reachability finding and no points when no URL could be judged', async () => {
    const target: CheckTarget = { dataset: dataset(), dataServices: [], distributions: [dist(0, 'http://127.0.0.1/never')], probesByUrl: {} }
    const r = await metadataCheck.run(target, ctx)
    expect(r.facts?.mqaAccessibilityMeasured).toBe(false)
    expect(r.findings.filter((f) => f.code.endsWith('-url-status'))).toEqual([])
  })
})

describe('the metadata check speaks in codes and params', () => {
  it('emits MQA findings as warnings that carry their points, and words for every indicator in both languages', async () => {
    for (const ind of MQA_INDICATORS) expect(isFindingCode(`mqa-${ind.id}`), ind.id).toBe(true)
    const r = await metadataCheck.run({ dataset: dataset({ keywords: [] }), dataServices: [], distributions: [dist(0, 'http://127.0.0.1/x')] }, ctx)
    const keyword = r.findings.find((f) => f.code === 'mqa-keyword')!
    expect(keyword).toMatchObject({ severity: 'warning', params: { points: 0, max: 30, gain: 30 }, location: { property: 'dcat:keyword' } })
    expect(describeFinding(keyword, 'sv').message).toBe('MQA-indikatorn "nyckelord": 0 av 30 poäng; 30 poäng att vinna.')
    expect(describeFinding(keyword, 'en').message).toBe('MQA indicator "keywords": 0 of 30 points; 30 points to gain.')
  })

  it('has words, without stored text, for every DCAT-AP-SE and HVD finding it makes', async () => {
    const target: CheckTarget = {
      dataset: dataset({ title: {}, description: {}, publisherIri: null, contactEmail: null, keywords: [], themes: [], applicableLegislation: [HVD_LEGISLATION], hvdCategories: ['http://example.org/not-hvd'] }),
      dataServices: [{ iri: 'http://127.0.0.1/api', title: {}, publisherIri: null, contactEmail: null, endpointUrls: ['http://127.0.0.1/api/v1'], endpointDescription: null, license: null, accessRights: null, conformsTo: [], servesDatasets: [], hvdCategories: [] }],
      distributions: [{ ...dist(0, null), downloadUrl: 'http://127.0.0.1/file.csv', format: 'http://publications.europa.eu/resource/authority/file-type/CSV' }],
      probesByUrl: { 'http://127.0.0.1/file.csv': probe('broken', 404), 'http://127.0.0.1/api/v1': probe('degraded', 503, 'http-5xx') },
    }
    const r = await metadataCheck.run(target, ctx)
    const codes = r.findings.map((f) => f.code)
    for (const code of ['missing-title', 'missing-access-url', 'missing-service-title', 'hvd-invalid-category', 'hvd-licence-not-open', 'hvd-bulk-download-unreachable', 'hvd-endpoint-unreachable', 'hvd-missing-endpoint-description']) {
      expect(codes).toContain(code)
    }
    for (const f of r.findings) {
      expect(isFindingCode(f.code), f.code).toBe(true)
      expect(Object.keys(f)).not.toContain('message')
      const sv = describeFinding(f, 'sv')
      const en = describeFinding(f, 'en')
      expect(sv.hint, f.code).toBeTruthy()
      expect(looksSwedish(en.message + ' ' + en.hint), `${f.code}: ${en.message}`).toBe(false)
    }
    expect(describeFinding(r.findings.find((f) => f.code === 'hvd-endpoint-unreachable')!, 'sv').message).toContain('http://127.0.0.1/api/v1')
  })

  it('names exactly the six HVD categories of the vocabulary in its advice', () => {
    const hint = describeFinding({ code: 'hvd-missing-category', params: {} }, 'en').hint!
    const iris = [...hint.matchAll(/\((http:\/\/data\.europa\.eu\/bna\/[^)]+)\)/g)].map((m) => m[1]!)
    expect(iris).toHaveLength(6)
    for (const iri of iris) expect(classifyHvdCategory(iri), iri).toBe('valid')
  })
})

describe('the availability verdict', () => {
  it('is the state: broken fails, degraded warns, ok passes, unknown is unverified; with the failure run as params', () => {
    expect(availabilityVerdict(probe('broken', 404))).toMatchObject({
      status: 'fail',
      findings: [{ code: 'availability-broken', severity: 'error', weight: 1, params: { probeCode: 'http-404', failures: 2, since: '2026-11-30' } }],
    })
    expect(availabilityVerdict(probe('degraded', 500, 'http-5xx'))).toMatchObject({ status: 'warn', findings: [{ code: 'availability-degraded', weight: 0.5 }] })
    expect(availabilityVerdict(probe('ok', 304))).toMatchObject({ status: 'pass', findings: [] })
    expect(availabilityVerdict(probe('unknown', 429, 'rate-limited'))).toMatchObject({ status: 'unverified', findings: [{ code: 'availability-unverified', severity: 'info', weight: 0 }] })
    const words = describeFinding(availabilityVerdict(probe('broken', 404)).findings[0]!, 'en')
    expect(words.message).toBe('Broken: The server answers 404: the file is not at this address. Failed 2 times in a row since 30 November 2026.')
    expect(words.hint).toMatch(/Check the address in the catalogue/)
  })
})
