import { describe, expect, it } from 'vitest'
import type { ProbeView } from '../../src/read-model/distribution-history.js'
import { responseTimesPerDay, stateChanges, uptimeSince } from '../../src/read-model/probe-timeline.js'

const NOW = new Date('2026-12-05T12:00:00Z')
const probe = (daysAgo: number, outcome: ProbeView['outcome'], ms: number, before: ProbeView['state_before'], after: ProbeView['state_after']): ProbeView =>
  ({ at: new Date(NOW.getTime() - daysAgo * 86_400_000), outcome, code: outcome === 'ok' ? 'ok' : 'http-503', http_status: outcome === 'ok' ? 200 : 503, elapsed_ms: ms, state_before: before, state_after: after }) as ProbeView

/** Newest first, as readDistributionHistory gives them. */
const PROBES = [
  probe(0.5, 'ok', 100, 'broken', 'ok'),
  probe(1, 'failing', 300, 'degraded', 'broken'),
  probe(1.2, 'unverified', 50, 'degraded', 'degraded'),
  probe(2, 'failing', 200, 'ok', 'degraded'),
  probe(40, 'ok', 80, null, 'ok'),
]

describe("a file's probe timeline", () => {
  it('counts uptime over conclusive probes only, per window', () => {
    expect(uptimeSince(PROBES, new Date(NOW.getTime() - 30 * 86_400_000))).toBe(33.3) // 1 of 3; the unverified one does not count
    expect(uptimeSince(PROBES, new Date(NOW.getTime() - 90 * 86_400_000))).toBe(50)
    expect(uptimeSince([], NOW)).toBeNull()
  })

  it('gives the median response time of each day, a gap where nothing was probed', () => {
    const days = responseTimesPerDay(PROBES, 4, NOW)
    expect(days).toEqual([
      { day: '2026-12-02', value: null },
      { day: '2026-12-03', value: 200 },
      { day: '2026-12-04', value: 175 }, // 300 and 50
      { day: '2026-12-05', value: 100 },
    ])
  })

  it('lists every change of state, newest first, and not a probe that kept the state', () => {
    expect(stateChanges(PROBES).map((c) => `${c.from}→${c.to}`)).toEqual(['broken→ok', 'degraded→broken', 'ok→degraded', 'null→ok'])
  })
})
