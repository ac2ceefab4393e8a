import {
  type AvailabilityState,
  type AvailabilityStateName,
  type AvailabilityStep,
  type ProbeForState,
  type StateTransition,
} from '../domain/availability-state.js'
import { nextCheckAt, type AvailabilityPolicy } from './next-check.js'

/** The thresholds (config.availability). */
export interface BrokenPolicy {
  /** Broken only after at least this many consecutive failing probes ... */
  brokenAfterFailures: number
  /** ... whose first and last are at least this many hours apart. */
  brokenAfterHours: number
}

/**
 * The state machine of availability over time. Pure: the probe's own time is "now".
 *
 * - ok: the state becomes ok and the failure run is forgotten (heals degraded/broken).
 * - failing: the run grows; the state is broken once the run has at least
 *   `brokenAfterFailures` probes AND spans at least `brokenAfterHours` (first failure to
 *   this one), degraded before that. One bad evening never breaks a file, and four
 *   sweeps within an hour do not either. Once broken it stays broken until an ok.
 * - unverified (rate-limited, bot wall, our budget): neither breaks nor heals; only the
 *   "last probe" facts move, so the dashboard can say when we last tried.
 *
 * Refuses nothing: a probe older than the last one is applied as given (callers apply
 * probes in time order).
 */
export function nextAvailabilityState(prev: AvailabilityState, probe: ProbeForState, policy: BrokenPolicy): StateTransition {
  const base: AvailabilityState = {
    ...prev,
    lastProbeAt: probe.at,
    lastOutcome: probe.outcome,
    lastCode: probe.code,
    lastHttpStatus: probe.httpStatus,
  }
  if (probe.outcome === 'unverified') return { next: base, newlyBroken: false, healed: false }

  if (probe.outcome === 'ok') {
    // A 304 carries no new validators: keep the ones we sent.
    const hasValidators = probe.etag !== null || probe.lastModified !== null
    const next: AvailabilityState = {
      ...base,
      state: 'ok',
      consecutiveFailures: 0,
      firstFailureAt: null,
      lastOkAt: probe.at,
      lastEtag: hasValidators ? probe.etag : prev.lastEtag,
      lastModified: hasValidators ? probe.lastModified : prev.lastModified,
      stateSince: prev.state === 'ok' ? prev.stateSince : probe.at,
    }
    return { next, newlyBroken: false, healed: prev.state === 'degraded' || prev.state === 'broken' }
  }

  const failures = prev.consecutiveFailures + 1
  const firstFailureAt = prev.firstFailureAt ?? probe.at
  const spanHours = (probe.at.getTime() - firstFailureAt.getTime()) / 3_600_000
  const broken =
    prev.state === 'broken' || (failures >= policy.brokenAfterFailures && spanHours >= policy.brokenAfterHours)
  const state: AvailabilityStateName = broken ? 'broken' : 'degraded'
  const next: AvailabilityState = {
    ...base,
    state,
    consecutiveFailures: failures,
    firstFailureAt,
    stateSince: prev.state === state ? prev.stateSince : probe.at,
  }
  return { next, newlyBroken: broken && prev.state !== 'broken', healed: false }
}

/**
 * The state machine with its thresholds fixed, and the scheduling rule after it: the step
 * the store applies to each probe it writes. `random` drives the splay (tests fix it).
 */
export function availabilityStep(policy: AvailabilityPolicy, random: () => number = Math.random): AvailabilityStep {
  return (before, probe) => {
    const t = nextAvailabilityState(before, probe, policy)
    return { ...t, nextCheckAt: nextCheckAt(t.next, probe.at, policy, random) }
  }
}
