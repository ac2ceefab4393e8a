import { describe, expect, it } from 'vitest'
import { freshnessCheck } from '../../checks/freshness.js'
import { modifiedClaimFindings, readDeclaredDate, type ClaimInput } from '../../checks/freshness-claims.js'
import type { Observation } from '../../checks/observed-changes.js'
import type { CheckTarget, DatasetInfo } from '../../checks/types.js'
import { said } from './helpers/said.js'
import { datasetRecord, distributionRecord } from '../helpers/check-records.js'

const NOW = new Date('2026-12-10T12:00:00Z')
const at = (iso: string): string => new Date(iso).toISOString()
const obs = (when: string, sha: string, lastModified: string | null = null): Observation => ({ at: at(when), etag: null, lastModified, sha256: sha })

/** Seen 3 March, 1 November and 9 December, always the same bytes. */
const unchanged = [obs('2026-12-09T03:00:00Z', 'a'), obs('2026-11-01T03:00:00Z', 'a'), obs('2026-03-03T03:00:00Z', 'a')]
/** The same bytes until 1 December, new bytes seen on 2 December. */
const changedDec2 = [obs('2026-12-09T03:00:00Z', 'b'), obs('2026-12-02T03:00:00Z', 'b'), obs('2026-12-01T03:00:00Z', 'a'), obs('2026-06-01T03:00:00Z', 'a')]

function input(over: Partial<ClaimInput>): ClaimInput {
  return {
    datasetModified: null,
    distributionModified: null,
    datasetFiles: 1,
    observations: unchanged,
    unchangedSince: { at: new Date('2026-03-03T03:00:00Z'), source: 'first-observation' },
    continuous: false,
    now: NOW,
    ...over,
  }
}
const codes = (i: ClaimInput) => modifiedClaimFindings(i).map((f) => f.code)

describe('readDeclaredDate', () => {
  it('reads a year, a month, a day and an instant as the span each names', () => {
    expect(readDeclaredDate('2023')).toEqual({ value: '2023', start: new Date('2023-01-01T00:00:00Z'), end: new Date('2024-01-01T00:00:00Z') })
    expect(readDeclaredDate('2023-12')).toMatchObject({ value: '2023-12', end: new Date('2024-01-01T00:00:00Z') })
    expect(readDeclaredDate(' 2026-12-01 ')).toMatchObject({ value: '2026-12-01', start: new Date('2026-12-01T00:00:00Z'), end: new Date('2026-12-02T00:00:00Z') })
    expect(readDeclaredDate('2026-12-01T10:15:00+01:00')).toMatchObject({ value: '2026-12-01', start: new Date('2026-12-01T09:15:00Z') })
  })

  it('leaves what is not a date alone', () => {
    for (const v of [null, '', 'igår', '2023-02-30', '2023-13', '1 december 2026', '20261201']) expect(readDeclaredDate(v)).toBeNull()
  })
})

describe('declared dct:modified against the observed changes', () => {
  it('says when the catalogue claims an update the file never got', () => {
    const [f] = modifiedClaimFindings(input({ distributionModified: '2026-12-01' }))
    expect(f).toMatchObject({ code: 'declared-modified-without-change', severity: 'warning', location: { property: 'dct:modified' } })
    expect(f.params).toEqual({ declared: '2026-12-01', since: '2026-03-03', firstObservation: true, lastModified: false, level: 'distribution' })
    expect(said(f).message).toBe('Katalogen anger att filen uppdaterades den 1 december 2026, men filen har inte ändrats sedan den 3 mars 2026 (datavakt har sett samma innehåll sedan dess; den kan vara äldre).')
    expect(said(f, 'en').message).toBe('The catalogue says the file was updated on 1 December 2026, but the file has not changed since 3 March 2026 (datavakt has seen the same content since then; it may be older).')
    expect(said(f).hint).toContain('rätta dct:modified')
  })

  it("holds a dataset's dct:modified against a file only when the dataset has that one file", () => {
    expect(codes(input({ datasetModified: '2026-12-01', datasetFiles: 1 }))).toEqual(['declared-modified-without-change'])
    expect(codes(input({ datasetModified: '2026-12-01', datasetFiles: 2 }))).toEqual([])
    expect(codes(input({ datasetModified: '2026-12-01', datasetFiles: null }))).toEqual([])
    // The file's own date wins over its dataset's.
    expect(codes(input({ datasetModified: '2026-12-01', distributionModified: '2026-01-01', datasetFiles: 1 }))).toEqual([])
  })

  it('needs us to have seen the file after the claimed update, and allows two days', () => {
    expect(codes(input({ distributionModified: '2026-12-09T02:00:00Z' }))).toEqual(['declared-modified-without-change'])
    expect(codes(input({ distributionModified: '2026-12-10' }))).toEqual([])
    expect(codes(input({ distributionModified: '2026-03-05' }))).toEqual([])
    expect(codes(input({ distributionModified: '2026-03-06' }))).toEqual(['declared-modified-without-change'])
  })

  it("names the server's Last-Modified when that is what dates the file", () => {
    const [f] = modifiedClaimFindings(input({ distributionModified: '2026-12-01', unchangedSince: { at: new Date('2026-02-14T08:00:00Z'), source: 'last-modified' } }))
    expect(f.params).toMatchObject({ since: '2026-02-14', firstObservation: false, lastModified: true })
    expect(said(f, 'en').message).toContain("since 14 February 2026 (by the server's Last-Modified)")
  })

  it('says when the file changed but the catalogue still gives an old date', () => {
    const base = input({ observations: changedDec2, unchangedSince: { at: new Date('2026-12-02T03:00:00Z'), source: 'observed-sha256' }, datasetFiles: 3 })
    const [f] = modifiedClaimFindings({ ...base, datasetModified: '2023' })
    expect(f).toMatchObject({ code: 'declared-modified-behind-change', severity: 'warning', params: { declared: '2023', changed: '2026-12-02', level: 'dataset' } })
    expect(said(f).message).toBe('Filen ändrades den 2 december 2026, men katalogen anger fortfarande att datamängden senast ändrades år 2023.')
    expect(said(f, 'en').message).toBe('The file changed on 2 December 2026, but the catalogue still says the dataset was last modified in 2023.')
    expect(said({ ...f, params: { ...f.params, declared: '2023-05' } }).message).toContain('senast ändrades i maj 2023')
    // A date inside the window, or within two days of it, is not behind.
    expect(codes({ ...base, datasetModified: '2026-12-01' })).toEqual([])
    expect(codes({ ...base, datasetModified: '2026-11-29' })).toEqual([])
    expect(codes({ ...base, datasetModified: '2026-11-28' })).toEqual(['declared-modified-behind-change'])
    // Continuously updated data cannot keep its dct:modified up.
    expect(codes({ ...base, datasetModified: '2023', continuous: true })).toEqual([])
  })

  it('dates the change by Last-Modified when it falls inside the window', () => {
    const lm = new Date('2026-11-20T10:00:00Z').toUTCString()
    const o = [obs('2026-12-09T03:00:00Z', 'b', lm), obs('2026-11-25T03:00:00Z', 'b', lm), obs('2026-11-01T03:00:00Z', 'a', null)]
    const [f] = modifiedClaimFindings(input({ observations: o, unchangedSince: null, datasetModified: '2026-11-15' }))
    expect(f.params).toMatchObject({ changed: '2026-11-20' })
    // Two days before the Last-Modified is within the tolerance.
    expect(codes(input({ observations: o, unchangedSince: null, datasetModified: '2026-11-18' }))).toEqual([])
  })

  it('does not take a Last-Modified that moves alone as a change of the file', () => {
    const o: Observation[] = [
      { at: at('2026-12-09T03:00:00Z'), etag: null, lastModified: 'Wed, 09 Dec 2026 03:00:00 GMT', sha256: null },
      { at: at('2026-11-01T03:00:00Z'), etag: null, lastModified: 'Sun, 01 Nov 2026 03:00:00 GMT', sha256: null },
    ]
    expect(codes(input({ observations: o, unchangedSince: null, datasetModified: '2023' }))).toEqual([])
  })

  it('says nothing without a date or without observations', () => {
    expect(codes(input({}))).toEqual([])
    expect(codes(input({ distributionModified: '2026-12-01', observations: [] }))).toEqual([])
  })
})

describe('the freshness check reports both directions', () => {
  const dataset = datasetRecord({ iri: 'http://127.0.0.1/ds', title: { sv: 'Bygglov' }, accrualPeriodicity: 'MONTHLY', modified: '2026-12-01' })
  const distribution = distributionRecord({ iri: 'http://127.0.0.1/dist', datasetIri: dataset.iri, downloadUrl: 'http://127.0.0.1/bygglov.csv', format: 'CSV' })
  const run = (ds: Partial<DatasetInfo>, history: Observation[]) => {
    const target: CheckTarget = { dataset: { ...dataset, ...ds }, distribution, distributions: [distribution], dataServices: [] }
    return freshnessCheck.run(target, { lang: 'sv', now: NOW, errorLimit: 100, resolveSchema: async () => null, history })
  }

  it('beside the grade, and the warning counts', async () => {
    const r = await run({}, unchanged)
    expect(r.findings.map((f) => f.code)).toEqual(['freshness-delinquent', 'declared-modified-without-change'])
    expect(r.status).toBe('fail')
    const quiet = await run({ accrualPeriodicity: 'ANNUAL' }, unchanged)
    expect(quiet.status).toBe('warn')
    expect(quiet.findings.map((f) => f.code)).toEqual(['declared-modified-without-change'])
  })

  it('without a frequency: the rhythm and the claim are shown, and nothing is graded', async () => {
    const r = await run({ accrualPeriodicity: null, modified: '2023-01-15' }, changedDec2)
    expect(r.status).toBe('skipped')
    expect(r.findings.map((f) => f.code)).toEqual(['missing-accrual-periodicity', 'observed-update-rhythm', 'declared-modified-behind-change'])
    expect(r.facts).toMatchObject({ freshnessState: null, observedChanges: 1, observedDays: 191 })
  })
})
