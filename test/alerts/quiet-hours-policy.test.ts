import { describe, expect, it } from 'vitest'
import { inQuietHours, sendableAt } from '../../src/alerts/quiet-hours.js'
import { defaultConfig } from '../../src/config/config.js'

const quiet = defaultConfig.alerts.quietHours
const utc = (s: string) => new Date(`${s}Z`)

describe('quiet hours (22:00–07:00 Europe/Stockholm by default)', () => {
  it.each([
    // Winter (CET, UTC+1)
    ['2026-12-03T20:59', false],
    ['2026-12-03T21:00', true],
    ['2026-12-04T05:59', true],
    ['2026-12-04T06:00', false],
    // Summer (CEST, UTC+2)
    ['2026-07-03T19:59', false],
    ['2026-07-03T20:00', true],
    ['2026-07-04T04:59', true],
    ['2026-07-04T05:00', false],
  ])('%s UTC quiet: %s', (at, expected) => expect(inQuietHours(utc(at), quiet)).toBe(expected))

  it('waits until 07:00 local time, on ordinary nights in winter and summer', () => {
    expect(sendableAt(utc('2026-12-03T23:30'), quiet)).toEqual(utc('2026-12-04T06:00'))
    expect(sendableAt(utc('2026-07-03T23:30'), quiet)).toEqual(utc('2026-07-04T05:00'))
    const day = utc('2026-12-03T12:34:56')
    expect(sendableAt(day, quiet)).toBe(day)
  })

  it('the night clocks go forward (29 March 2026, 02:00 → 03:00): 07:00 is CEST, 8 hours of quiet', () => {
    expect(inQuietHours(utc('2026-03-28T20:59'), quiet)).toBe(false)
    expect(sendableAt(utc('2026-03-28T21:00'), quiet)).toEqual(utc('2026-03-29T05:00'))
  })

  it('the night clocks go back (25 October 2026, 03:00 → 02:00): 07:00 is CET, 10 hours of quiet', () => {
    expect(inQuietHours(utc('2026-10-24T19:59'), quiet)).toBe(false)
    expect(sendableAt(utc('2026-10-24T20:00'), quiet)).toEqual(utc('2026-10-25T06:00'))
    // Inside the repeated hour (02:30 CEST and 02:30 CET): still quiet, same end.
    expect(sendableAt(utc('2026-10-25T00:30'), quiet)).toEqual(utc('2026-10-25T06:00'))
    expect(sendableAt(utc('2026-10-25T01:30'), quiet)).toEqual(utc('2026-10-25T06:00'))
  })

  it('a span that ends in the skipped hour ends at the first minute after it', () => {
    const q = { from: '01:00', to: '02:30', timeZone: 'Europe/Stockholm' }
    // 01:00 CET = 00:00 UTC; 02:30 does not exist; 03:00 CEST = 01:00 UTC.
    expect(sendableAt(utc('2026-03-29T00:10'), q)).toEqual(utc('2026-03-29T01:00'))
  })

  it('a span within one day, and none at all', () => {
    const q = { from: '12:00', to: '13:00', timeZone: 'Europe/Stockholm' }
    expect(inQuietHours(utc('2026-12-03T11:30'), q)).toBe(true)
    expect(inQuietHours(utc('2026-12-03T21:30'), q)).toBe(false)
    expect(inQuietHours(utc('2026-12-03T23:30'), null)).toBe(false)
  })
})
