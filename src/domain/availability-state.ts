import type { ProbeOutcome } from './probe-codes.js'

/**
 * The availability state of one distribution: the shape the state machine
 * (src/availability) computes, the store (src/db) keeps, and readers show.
 */

/** The per-distribution availability state. Stored: only ever add values. */
export type AvailabilityStateName = 'unknown' | 'ok' | 'degraded' | 'broken'

/** The state of one distribution (times as Date). */
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

/** What of a probe moves the state. */
export interface ProbeForState {
  outcome: ProbeOutcome
  code: string
  httpStatus: number | null
  etag: string | null
  lastModified: string | null
  at: Date
}

/** The new state after one probe, and what changed. */
export interface StateTransition {
  next: AvailabilityState
  /** Became broken with this probe. */
  newlyBroken: boolean
  /** Was degraded or broken and is ok again. */
  healed: boolean
}

/** A transition and when the distribution is due to be probed again (src/availability/next-check.ts). */
export interface ScheduledTransition extends StateTransition {
  nextCheckAt: Date
}

/**
 * One step of the state machine: the state after `probe`, given the state before it, and
 * the next check it leads to. The store keeps both (availability_state, distributions.next_check_at).
 */
export type AvailabilityStep = (before: AvailabilityState, probe: ProbeForState) => ScheduledTransition

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
