import { describe, expect, it } from 'vitest'
import type { Observation } from '../../checks/observed-changes.js'
import { observedRhythm, rhythmFinding } from '../../checks/update-rhythm.js'
import { frequencyForInterval } from '../../checks/vocabularies/frequencies.js'
import { said } from './helpers/said.js'

const NOW = new Date('2026-12-10T06:00:00Z')
const DAY = 86_400_000
const daysAgo = (n: number): string => new Date(NOW.getTime() - n * DAY).toISOString()

/** One observation a day for `days` days, newest first; `version(d)` names the content d days ago. */
function daily(days: number, version: (daysAgo: number) => string): Observation[] {
  return Array.from({ length: days }, (_, i) => ({ at: daysAgo(i), etag: null, lastModified: null, sha256: version(i) }))
}

describe('frequencyForInterval', () => {
  it('names an interval by the common frequency within 30 %, and nothing in between', () => {
    expect(frequencyForInterval(1)).toBe('DAILY')
    expect(frequencyForInterval(7)).toBe('WEEKLY')
    expect(frequencyForInterval(9)).toBe('WEEKLY')
    expect(frequencyForInterval(15)).toBe('BIWEEKLY')
    expect(frequencyForInterval(31)).toBe('MONTHLY')
    expect(frequencyForInterval(92)).toBe('QUARTERLY')
    expect(frequencyForInterval(365)).toBe('ANNUAL')
    expect(frequencyForInterval(3)).toBeNull()
    expect(frequencyForInterval(50)).toBeNull()
  })
})

describe('observedRhythm', () => {
  it('finds a weekly rhythm in two months of daily fetches', () => {
    const r = observedRhythm(daily(60, (d) => `v${Math.floor((d + 3) / 7)}`), NOW)!
    expect(r).toMatchObject({ observations: 60, observedDays: 59, changes: 8, typicalDays: 7, shortestDays: 7, longestDays: 7, frequency: 'WEEKLY', atEveryFetch: false })
    expect(r.lastChange?.toISOString()).toBe(daysAgo(3))
    const f = rhythmFinding(r)
    expect(f).toMatchObject({ code: 'observed-update-rhythm', severity: 'info', location: { property: 'dct:accrualPeriodicity' } })
    expect(said(f).message).toBe('Filen har ändrats 8 gånger på 59 dagar (senast 7 december 2026), i regel med 7 dagars mellanrum, alltså varje vecka.')
    expect(said(f, 'en').message).toBe('The file changed 8 times in 59 days (last on 7 December 2026), usually every 7 days, that is weekly.')
    expect(said(f).hint).toContain('http://publications.europa.eu/resource/authority/frequency/WEEKLY')
  })

  it('calls uneven changes irregular, with their range', () => {
    const versions = [0, 2, 10, 40, 45]
    const r = observedRhythm(daily(50, (d) => `v${versions.filter((v) => v <= d).length}`), NOW)!
    // Changes seen 1, 9, 39 and 44 days ago: 5 to 30 days apart.
    expect(r).toMatchObject({ changes: 4, frequency: 'IRREG', shortestDays: 5, longestDays: 30 })
    const f = rhythmFinding(r)
    expect(said(f).message).toMatch(/oregelbundet: med 5 till 30 dagar mellan ändringarna\.$/)
    expect(said(f).hint).toContain('frequency/IRREG')
  })

  it('says when the file changes at every fetch: it changes at least that often', () => {
    const r = observedRhythm(daily(10, (d) => `v${d}`), NOW)!
    expect(r).toMatchObject({ changes: 9, atEveryFetch: true, typicalDays: 1, frequency: null })
    const f = rhythmFinding(r)
    expect(said(f).message).toContain('varje gång datavakt hämtade den (med ungefär 1 dags mellanrum), så den ändras minst så ofta.')
    expect(said(f, 'en').hint).toContain('UPDATE_CONT')
  })

  it('tells one change without guessing a rhythm', () => {
    const r = observedRhythm(daily(30, (d) => (d < 12 ? 'b' : 'a')), NOW)!
    expect(r).toMatchObject({ changes: 1, typicalDays: null, frequency: null })
    expect(said(rhythmFinding(r), 'en').message).toBe('The file changed 1 time in 29 days (last on 29 November 2026).')
  })

  it('tells no change as such, and nothing from less than a day', () => {
    const r = observedRhythm(daily(45, () => 'same'), NOW)!
    const f = rhythmFinding(r)
    expect(f).toMatchObject({ code: 'no-change-observed', params: { days: 44, since: daysAgo(44).slice(0, 10) } })
    expect(said(f).message).toBe('Filen har inte ändrats på 44 dagar (sedan 27 oktober 2026).')
    expect(observedRhythm(daily(1, () => 'a'), NOW)).toBeNull()
    expect(observedRhythm([{ at: daysAgo(0), etag: null, lastModified: null, sha256: 'a' }, { at: daysAgo(0.5), etag: null, lastModified: null, sha256: 'b' }], NOW)).toBeNull()
  })
})
