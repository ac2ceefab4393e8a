import { describe, expect, it } from 'vitest'
import { availabilityStep } from '../../src/availability/next-availability-state.js'
import { nextCheckAt, type AvailabilityPolicy } from '../../src/availability/next-check.js'
import { defaultConfig } from '../../src/config/config.js'
import { initialAvailabilityState, type AvailabilityState, type ProbeForState } from '../../src/domain/availability-state.js'
import { probeForState } from './probe-for-state.js'

const policy: AvailabilityPolicy = { ...defaultConfig.availability, splay: 0 }
const t0 = new Date('2026-03-01T00:00:00Z')
const h = (hours: number) => new Date(t0.getTime() + hours * 3_600_000)
const hoursAfter = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 3_600_000
const probe = probeForState

/**
 * Follows the schedule the rule makes: each probe happens exactly when the previous one
 * said it was due, with the outcome `outcomeAt` gives for that hour. Returns the hours of
 * the probes and the state after each.
 */
function follow(outcomeAt: (hour: number) => ProbeForState['outcome'], probes: number, p = policy, random = () => 0) {
  const step = availabilityStep(p, random)
  let s: AvailabilityState = initialAvailabilityState()
  let at = t0
  const hours: number[] = []
  const states: string[] = []
  for (let i = 0; i < probes; i++) {
    const hour = hoursAfter(t0, at)
    const t = step(s, probe(outcomeAt(hour), at))
    hours.push(Math.round(hour * 1000) / 1000)
    states.push(t.next.state)
    s = t.next
    at = t.nextCheckAt
  }
  return { hours, states }
}

describe('nextCheckAt', () => {
  it('rechecks a failing URL after 1 h, then every 6 h, and checks it at the very hour it can break', () => {
    const r = follow(() => 'failing', 7)
    // 0, +1 h, +6 h ... and the probe that breaks it is pulled in to 24 h (not 25 h).
    expect(r.hours).toEqual([0, 1, 7, 13, 19, 24, 30])
    expect(r.states).toEqual(['degraded', 'degraded', 'degraded', 'degraded', 'degraded', 'broken', 'broken'])
  })

  it('clears a one-off failure within the hour, then lets the healthy URL wait longer and longer, up to the interval', () => {
    const r = follow((hour) => (hour < 0.5 ? 'failing' : 'ok'), 8)
    // ok since 1 h: waits 6 h (minimum), then as long as it has been ok (6, 12 h), then 24 h at most.
    expect(r.hours).toEqual([0, 1, 7, 13, 25, 49, 73, 97])
    expect(r.states.slice(0, 3)).toEqual(['degraded', 'ok', 'ok'])
  })

  it('waits the shortest interval after a probe that could not tell (rate limit, bot wall)', () => {
    const s = availabilityStep(policy)(initialAvailabilityState(), probe('unverified', h(0)))
    expect(hoursAfter(h(0), s.nextCheckAt)).toBe(policy.minIntervalHours)
  })

  it('shortens each wait at random by up to the splay, never more and never beyond the rule', () => {
    const healthy: AvailabilityState = { ...initialAvailabilityState(), state: 'ok', lastOutcome: 'ok', stateSince: h(-1000) }
    const p = { ...policy, splay: 0.1 }
    expect(hoursAfter(h(0), nextCheckAt(healthy, h(0), p, () => 0))).toBeCloseTo(24)
    expect(hoursAfter(h(0), nextCheckAt(healthy, h(0), p, () => 0.5))).toBeCloseTo(22.8)
    expect(hoursAfter(h(0), nextCheckAt(healthy, h(0), p, () => 0.999999))).toBeCloseTo(21.6)
    // Math.random spreads 1,000 URLs probed in the same minute over more than two hours.
    const minutes = new Set(Array.from({ length: 1000 }, () => Math.floor(nextCheckAt(healthy, h(0), p).getTime() / 60_000)))
    expect(minutes.size).toBeGreaterThan(100)
    for (const m of minutes) expect(m * 60_000).toBeGreaterThanOrEqual(h(21.6).getTime() - 60_000)
  })

  it('follows the configured steps and interval', () => {
    const p: AvailabilityPolicy = { ...policy, recheckFailingHours: [0.5, 2, 12], minIntervalHours: 2, maxIntervalHours: 8, brokenAfterHours: 1000 }
    expect(follow(() => 'failing', 6, p).hours).toEqual([0, 0.5, 2.5, 14.5, 26.5, 38.5])
    expect(follow(() => 'ok', 6, p).hours).toEqual([0, 2, 4, 8, 16, 24])
  })
})
