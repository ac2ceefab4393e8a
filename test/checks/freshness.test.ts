import { describe, expect, it } from 'vitest'
import { findLastChange, freshnessCheck, gradeAge, type Observation } from '../../checks/freshness.js'
import type { CheckContext, CheckTarget } from '../../checks/types.js'
import { FREQUENCIES, resolveFrequency, thresholdsForInterval } from '../../checks/vocabularies/frequencies.js'
import { contentFromBuffer } from '../helpers/content-from-buffer.js'
import { said } from './helpers/said.js'
import { describedDataset, describedDistribution } from '../helpers/check-records.js'

const NOW = new Date('2026-11-26T12:00:00Z')
const DAY = 86_400_000
const daysAgo = (n: number): string => new Date(NOW.getTime() - n * DAY).toISOString()
const httpDate = (iso: string): string => new Date(iso).toUTCString()

const baseDataset = describedDataset('Luftkvalitet', 'Mätvärden', { accrualPeriodicity: 'http://publications.europa.eu/resource/authority/frequency/DAILY' })
const distribution = describedDistribution('http://127.0.0.1/luft.csv', { format: 'CSV' })

function run(periodicity: string | null, history: Observation[], content?: { etag?: string; lastModified?: string }, lang: 'sv' | 'en' = 'sv') {
  const target: CheckTarget = {
    dataset: { ...baseDataset, accrualPeriodicity: periodicity },
    distribution,
    dataServices: [],
    content: content ? contentFromBuffer('a,b\n1,2\n', content) : undefined,
  }
  const ctx: CheckContext = { lang, now: NOW, errorLimit: 1000, resolveSchema: async () => null, history }
  return freshnessCheck.run(target, ctx)
}

/** A history of daily observations over `days` days, newest first, with the content hash per day. */
function daily(days: number, hashOf: (daysAgo: number) => string, lastModified?: (daysAgo: number) => string | null): Observation[] {
  return Array.from({ length: days }, (_, i) => ({
    at: daysAgo(i),
    etag: null,
    lastModified: lastModified ? lastModified(i) : null,
    sha256: hashOf(i),
  }))
}

describe('frequency vocabulary', () => {
  it('reads EU IRIs, Dublin Core freq, bare codes and Swedish labels', () => {
    expect(resolveFrequency('http://publications.europa.eu/resource/authority/frequency/DAILY')?.code).toBe('DAILY')
    expect(resolveFrequency('https://publications.europa.eu/resource/authority/frequency/ANNUAL/')?.code).toBe('ANNUAL')
    expect(resolveFrequency('http://purl.org/cld/freq/weekly')?.code).toBe('WEEKLY')
    expect(resolveFrequency('http://purl.org/cld/freq/semiannual')?.code).toBe('ANNUAL_2')
    expect(resolveFrequency('QUARTERLY')?.code).toBe('QUARTERLY')
    expect(resolveFrequency('Månadsvis')?.code).toBe('MONTHLY')
    expect(resolveFrequency('IRREG')?.kind).toBe('irregular')
    expect(resolveFrequency('http://publications.europa.eu/resource/authority/frequency/UNKNOWN')?.kind).toBe('unknown')
    expect(resolveFrequency('http://publications.europa.eu/resource/authority/frequency/NEVER')?.kind).toBe('never')
    expect(resolveFrequency('http://publications.europa.eu/resource/authority/frequency/CONT')?.kind).toBe('continuous')
    expect(resolveFrequency('varannan fullmåne')).toBeNull()
  })

  it("uses HDX's thresholds where HDX has the frequency", () => {
    expect(FREQUENCIES.DAILY.thresholds).toMatchObject({ dueDays: 1, overdueDays: 2, delinquentDays: 3, source: 'hdx' })
    expect(FREQUENCIES.WEEKLY.thresholds).toMatchObject({ dueDays: 7, overdueDays: 14, delinquentDays: 21, source: 'hdx' })
    expect(FREQUENCIES.BIWEEKLY.thresholds).toMatchObject({ dueDays: 14, overdueDays: 21, delinquentDays: 28 })
    expect(FREQUENCIES.MONTHLY.thresholds).toMatchObject({ dueDays: 30, overdueDays: 44, delinquentDays: 60 })
    expect(FREQUENCIES.QUARTERLY.thresholds).toMatchObject({ dueDays: 90, overdueDays: 120, delinquentDays: 150 })
    expect(FREQUENCIES.ANNUAL_2.thresholds).toMatchObject({ dueDays: 180, overdueDays: 210, delinquentDays: 240 })
    expect(FREQUENCIES.ANNUAL.thresholds).toMatchObject({ dueDays: 365, overdueDays: 425, delinquentDays: 455 })
    expect(thresholdsForInterval(60)).toMatchObject({ dueDays: 60, overdueDays: 74, delinquentDays: 90, source: 'extrapolated' })
    expect(FREQUENCIES.HOURLY.thresholds).toMatchObject({ dueDays: 1, overdueDays: 2, delinquentDays: 3 })
  })

  it('grades ages on the boundaries', () => {
    const th = FREQUENCIES.MONTHLY.thresholds!
    expect(gradeAge(29.9, th)).toBe('fresh')
    expect(gradeAge(30, th)).toBe('due')
    expect(gradeAge(44, th)).toBe('overdue')
    expect(gradeAge(59.9, th)).toBe('overdue')
    expect(gradeAge(60, th)).toBe('delinquent')
  })
})

describe('findLastChange', () => {
  it('dates an observed hash change by the observation after it', () => {
    const h = daily(10, (d) => (d < 4 ? 'new' : 'old'))
    const c = findLastChange(h, NOW)!
    expect(c.source).toBe('observed-sha256')
    expect(c.at.toISOString()).toBe(daysAgo(3))
  })

  it('uses Last-Modified inside the change window when it fits', () => {
    const lm = new Date(NOW.getTime() - 3.5 * DAY).toISOString()
    const h = daily(10, (d) => (d < 4 ? 'new' : 'old'), (d) => (d < 4 ? lm : daysAgo(30)))
    const c = findLastChange(h, NOW)!
    expect(c.at.toISOString()).toBe(lm)
  })

  it('does not believe a Last-Modified that moves while the bytes stay the same', () => {
    const h = daily(6, () => 'same', (d) => daysAgo(d))
    const c = findLastChange(h, NOW)!
    expect(c.lastModifiedUnreliable).toBe(true)
    expect(c.source).toBe('first-observation')
    expect(c.at.toISOString()).toBe(daysAgo(5))
  })

  it('falls back to ETag when there are no hashes', () => {
    const h: Observation[] = [
      { at: daysAgo(0), etag: 'W/"b"', lastModified: null, sha256: null },
      { at: daysAgo(2), etag: '"b"', lastModified: null, sha256: null },
      { at: daysAgo(5), etag: '"a"', lastModified: null, sha256: null },
    ]
    const c = findLastChange(h, NOW)!
    expect(c.source).toBe('observed-etag')
    expect(c.at.toISOString()).toBe(daysAgo(2))
  })
})

describe('freshness check', () => {
  it('is fresh when a daily file changed today', async () => {
    const r = await run('http://publications.europa.eu/resource/authority/frequency/DAILY', daily(5, (d) => `v${d}`))
    expect(r.status).toBe('pass')
    expect(r.facts).toMatchObject({ freshnessState: 'fresh', frequency: 'DAILY', lastChangeSource: 'observed-sha256', thresholdSource: 'hdx' })
    expect(r.facts?.lastChange).toBe(daysAgo(0))
  })

  it('walks a daily file that never changes through due, overdue and delinquent', async () => {
    const states: (string | number | boolean | null | undefined)[] = []
    for (const days of [1, 2, 3, 10]) {
      const r = await run('DAILY', daily(days + 1, () => 'same'))
      states.push(r.facts?.freshnessState)
    }
    expect(states).toEqual(['due', 'overdue', 'delinquent', 'delinquent'])
    const r = await run('DAILY', daily(11, () => 'same'))
    expect(r.status).toBe('fail')
    expect(r.findings.map((f) => f.code)).toEqual(['freshness-delinquent'])
    expect(said(r.findings[0]).message).toMatch(/\(1[01] dagar\)/)
    expect(r.findings[0].params).toMatchObject({ since: daysAgo(10).slice(0, 10), frequency: 'DAILY' })
    expect(said(r.findings[0]).hint).toContain('accrualPeriodicity')
  })

  it('uses a consistent Last-Modified to date content we have only seen unchanged', async () => {
    const lm = httpDate(daysAgo(50))
    const r = await run('MONTHLY', daily(3, () => 'same', () => lm))
    expect(r.facts).toMatchObject({ freshnessState: 'overdue', lastChangeSource: 'last-modified' })
    expect(r.status).toBe('warn')
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['freshness-overdue', 'warning']])
  })

  it('grades a first fetch by its Last-Modified header', async () => {
    const r = await run('WEEKLY', [], { lastModified: httpDate(daysAgo(8)) })
    expect(r.facts).toMatchObject({ freshnessState: 'due', lastChangeSource: 'last-modified' })
    expect(r.findings.map((f) => f.code)).toEqual(['freshness-due'])
  })

  it('gives no state for irregular, unknown, continuous and missing frequencies', async () => {
    // Irregular and unknown get the observed rhythm instead (here: no change in 399 days); continuous and never do not.
    const rhythm: Record<string, string[]> = { IRREG: ['no-change-observed'], 'http://publications.europa.eu/resource/authority/frequency/UNKNOWN': ['no-change-observed'], CONT: [], NEVER: [] }
    for (const [p, more] of Object.entries(rhythm)) {
      const r = await run(p, daily(400, () => 'same'))
      expect(r.status).toBe('skipped')
      expect(r.facts?.freshnessState).toBeNull()
      expect(r.findings.map((f) => f.code)).toEqual(['no-regular-periodicity', ...more])
    }
    expect((await run(null, [])).findings.map((f) => f.code)).toEqual(['missing-accrual-periodicity'])
    expect((await run('ibland', [])).findings.map((f) => f.code)).toEqual(['unknown-accrual-periodicity'])
  })

  it('reports an annual file last changed 14 months ago as overdue, in English with lang en', async () => {
    const r = await run('ANNUAL', [{ at: daysAgo(430), etag: '"x"', lastModified: null, sha256: 'h1' }, { at: daysAgo(0), etag: '"x"', lastModified: null, sha256: 'h1' }].reverse(), undefined, 'en')
    expect(r.facts?.freshnessState).toBe('overdue')
    expect(said(r.findings[0], 'en').message).toMatch(/declared update frequency is annual, but the file has not changed since/)
    expect(said(r.findings[0], 'sv').message).toMatch(/ska uppdateras årligen men har inte ändrats sedan/)
  })

  it('is unverified with nothing observed', async () => {
    const r = await run('DAILY', [])
    expect(r.status).toBe('unverified')
  })
})
