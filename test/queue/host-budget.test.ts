/**
 * The rule by which a worker takes more hosts (src/queue/host-budget.ts), stretch by
 * stretch. The worker tests (run-worker.test.ts) show it on a real sweep: no more hosts
 * than the slots can serve at no gap, more when gaps leave the slots idle.
 */
import { expect, it } from 'vitest'
import type { SlotLoad } from '../../src/fetch/politeness.js'
import { HostBudget, LOAD_STRETCH_MS } from '../../src/queue/host-budget.js'

function budget(maxHosts = 256) {
  let now = 0
  let load: SlotLoad = { peakInFlight: 0, limit: 128, waited: false, heldByGap: false }
  let behind = false
  const b = new HostBudget({ globalConcurrency: 128, perHostConnections: 2, maxHosts, sampleLoad: () => load, fellBehind: () => behind, now: () => now })
  return {
    b,
    /** One stretch passes with this load. */
    stretch(l: Partial<SlotLoad>, writerBehind = false) {
      load = { peakInFlight: 0, limit: 128, waited: false, heldByGap: false, ...l }
      behind = writerBehind
      now += LOAD_STRETCH_MS
      return b.current()
    },
  }
}

it('starts with as many hosts as fill the slots when every host keeps its connections busy', () => {
  expect(budget().b.current()).toBe(64)
  expect(budget(10).b.current()).toBe(10)
})

it('grows by the hosts the idle slots could serve, only when politeness held requests back', () => {
  const { b, stretch } = budget()
  // Within a stretch nothing changes, whatever the load.
  expect(b.current()).toBe(64)
  expect(stretch({ peakInFlight: 28, heldByGap: true })).toBe(64 + 50)
  expect(stretch({ peakInFlight: 120, heldByGap: true })).toBe(114 + 4)
  // Idle slots without a gap or pause holding anyone: the network or the processor is the limit.
  expect(stretch({ peakInFlight: 20, heldByGap: false })).toBe(118)
  // A request waited for a global slot: they are full.
  expect(stretch({ peakInFlight: 20, heldByGap: true, waited: true })).toBe(118)
  // The writer held probes back: the database is the limit.
  expect(stretch({ peakInFlight: 20, heldByGap: true }, true)).toBe(118)
  expect(stretch({ peakInFlight: 0, heldByGap: true })).toBe(182)
  expect(stretch({ peakInFlight: 0, heldByGap: true })).toBe(246)
  expect(stretch({ peakInFlight: 0, heldByGap: true })).toBe(256)
})
