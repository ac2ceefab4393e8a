import type { AvailabilityStateName } from '../db/tables/availability.js'
import type { ProbeOutcome } from '../domain/probe-codes.js'

/** The state of one distribution as the state machine sees it (times as Date). */
export interface AvailabilityState {
  state: AvailabilityStateName
  consecutiveFailures: number
  /** When the current run of failures began; null when not failing. */
  firstFailureAt: Date | null
  lastOkAt: Date | null
  lastProbeAt: Date | null
  lastOutcome: ProbeOutcome | null
  lastCode: string | null
  lastHttpStatus: number | null
  lastEtag: string | null
  lastModified: string | null
  /** When `state` last changed. */
  stateSince: Date | null
}

/** What of a probe the state machine needs. */
export interface ProbeForState {
  outcome: ProbeOutcome
  code: string
  httpStatus: number | null
  etag: string | null
  lastModified: string | null
  at: Date
}

/** The thresholds (config.availability). */
export interface BrokenPolicy {
  /** Broken only after at least this many consecutive failing probes ... */
  brokenAfterFailures: number
  /** ... whose first and last are at least this many hours apart. */
  brokenAfterHours: number
}

/** The new state and what changed. */
export interface StateTransition {
  next: AvailabilityState
  /** Became broken with this probe. */
  newlyBroken: boolean
  /** Was degraded or broken and is ok again. */
  healed: boolean
}

/** The state of a distribution never probed. */
export function initialAvailabilityState(): AvailabilityState {
  return {
    state: 'unknown',
    consecutiveFailures: 0,
    firstFailureAt: null,
    lastOkAt: null,
    lastProbeAt: null,
    lastOutcome: null,
    lastCode: null,
    lastHttpStatus: null,
    lastEtag: null,
    lastModified: null,
    stateSince: null,
  }
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
