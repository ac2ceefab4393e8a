import { describe, expect, it } from 'vitest'
import { nextAvailabilityState } from '../../src/availability/next-availability-state.js'
import { initialAvailabilityState, type AvailabilityState, type ProbeForState } from '../../src/domain/availability-state.js'
import { probeForState } from './probe-for-state.js'

const policy = { brokenAfterFailures: 3, brokenAfterHours: 24 }
const t0 = new Date('2026-03-01T00:00:00Z')
const h = (hours: number) => new Date(t0.getTime() + hours * 3_600_000)
const probe = probeForState
function run(steps: [ProbeForState['outcome'], number][], p = policy): { s: AvailabilityState; states: string[]; broke: number[]; healed: number[] } {
  let s = initialAvailabilityState()
  const states: string[] = []
  const broke: number[] = []
  const healed: number[] = []
  steps.forEach(([o, hours], i) => {
    const t = nextAvailabilityState(s, probe(o, h(hours)), p)
    s = t.next
    states.push(s.state)
    if (t.newlyBroken) broke.push(i)
    if (t.healed) healed.push(i)
  })
  return { s, states, broke, healed }
}

describe('nextAvailabilityState', () => {
  it('breaks only after 3 failures spanning 24 h; degraded before', () => {
    // Every 6 h: failures at 0, 6, 12, 18, 24 → the 5th (24 h after the first) breaks.
    const r = run([['failing', 0], ['failing', 6], ['failing', 12], ['failing', 18], ['failing', 24], ['failing', 30]])
    expect(r.states).toEqual(['degraded', 'degraded', 'degraded', 'degraded', 'broken', 'broken'])
    expect(r.broke).toEqual([4])
    expect(r.s.consecutiveFailures).toBe(6)
  })

  it('does not break on two failures a day apart (count too low)', () => {
    expect(run([['failing', 0], ['failing', 48]]).states).toEqual(['degraded', 'degraded'])
    expect(run([['failing', 0], ['failing', 24], ['failing', 48]]).states).toEqual(['degraded', 'degraded', 'broken'])
  })

  it('an ok in between restarts the run', () => {
    const r = run([['failing', 0], ['failing', 12], ['ok', 18], ['failing', 24], ['failing', 36], ['failing', 47]])
    expect(r.states).toEqual(['degraded', 'degraded', 'ok', 'degraded', 'degraded', 'degraded'])
    expect(r.healed).toEqual([2])
    expect(r.s.firstFailureAt).toEqual(h(24))
  })

  it('unverified probes neither break nor heal', () => {
    const r = run([['failing', 0], ['unverified', 6], ['failing', 12], ['unverified', 18], ['failing', 24]])
    expect(r.states).toEqual(['degraded', 'degraded', 'degraded', 'degraded', 'broken'])
    expect(r.s.consecutiveFailures).toBe(3)
    const b = run([['failing', 0], ['failing', 12], ['failing', 24], ['unverified', 30], ['unverified', 36]])
    expect(b.states.slice(2)).toEqual(['broken', 'broken', 'broken'])
    expect(b.s.lastOutcome).toBe('unverified')
    expect(run([['unverified', 0]]).states).toEqual(['unknown'])
  })

  it('ok heals a broken distribution and records validators, keeping them across a bare 304', () => {
    let s = run([['failing', 0], ['failing', 12], ['failing', 24]]).s
    expect(s.state).toBe('broken')
    const t = nextAvailabilityState(s, probe('ok', h(30), { etag: '"v1"', lastModified: 'Mon, 02 Mar 2026 00:00:00 GMT' }), policy)
    expect(t.healed).toBe(true)
    s = t.next
    expect([s.state, s.consecutiveFailures, s.firstFailureAt, s.lastOkAt]).toEqual(['ok', 0, null, h(30)])
    s = nextAvailabilityState(s, probe('ok', h(36), { httpStatus: 304 }), policy).next
    expect([s.lastEtag, s.lastModified, s.stateSince]).toEqual(['"v1"', 'Mon, 02 Mar 2026 00:00:00 GMT', h(30)])
  })

  it('follows configured thresholds', () => {
    expect(run([['failing', 0]], { brokenAfterFailures: 1, brokenAfterHours: 0 }).states).toEqual(['broken'])
    expect(run([['failing', 0], ['failing', 1], ['failing', 2]], { brokenAfterFailures: 3, brokenAfterHours: 2 }).states).toEqual([
      'degraded',
      'degraded',
      'broken',
    ])
  })
})
