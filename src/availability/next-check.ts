import type { AvailabilityState } from '../domain/availability-state.js'
import type { BrokenPolicy } from './next-availability-state.js'

/** When a distribution's URL is probed again (config.availability). */
export interface CheckSchedulePolicy {
  /**
   * After a failing probe: the first recheck after this many hours, the second after the
   * next entry, and so on (the last one repeats). Default [1, 6]: a failure is confirmed
   * or cleared within the hour.
   */
  recheckFailingHours: number[]
  /** A URL that has just become healthy, or that could not be told (rate limit, bot wall), waits this many hours ... */
  minIntervalHours: number
  /** ... and one that stays healthy waits as long as it has been healthy, up to this many hours. */
  maxIntervalHours: number
  /**
   * Each wait is shortened by a random share of up to this much (0–1), so that URLs
   * probed in the same minute drift apart and a host is not hit by all of them at once.
   */
  splay: number
}

/** What the scheduling rule reads of config.availability: the breaking thresholds and the intervals. */
export type AvailabilityPolicy = BrokenPolicy & CheckSchedulePolicy

const HOUR_MS = 3_600_000

/**
 * When to probe a URL next, after a probe at `at` left it in state `after`. Pure (the
 * randomness of the splay is passed in).
 *
 * - failing: after the n-th failure in a row, `recheckFailingHours[n - 1]` (the last
 *   entry repeats). A degraded URL that will break once its failures span
 *   `brokenAfterHours` is rechecked at that moment, not later: broken is confirmed as
 *   soon as the rule allows.
 * - ok: as long as it has been ok (since `stateSince`), between `minIntervalHours` and
 *   `maxIntervalHours`: a URL that just healed is watched closely, a long-healthy one
 *   waits the whole interval.
 * - unverified (could not tell): `minIntervalHours`.
 *
 * Every wait is shortened by up to `splay` of itself, at random; the result is never
 * earlier than `at` and never later than the wait the rule gives.
 */
export function nextCheckAt(after: AvailabilityState, at: Date, policy: AvailabilityPolicy, random: () => number = Math.random): Date {
  const t = at.getTime()
  const splayed = (hours: number) => t + hours * HOUR_MS * (1 - clamp(policy.splay, 0, 1) * random())
  if (after.lastOutcome === 'failing') {
    const steps = policy.recheckFailingHours
    const hours = steps[Math.min(Math.max(after.consecutiveFailures, 1), steps.length) - 1] ?? policy.minIntervalHours
    let next = splayed(hours)
    const breaksAt = breakingMoment(after, policy)
    if (breaksAt !== null && breaksAt > t && breaksAt < next) next = breaksAt
    return new Date(next)
  }
  if (after.lastOutcome === 'ok' && after.stateSince) {
    const healthyHours = (t - after.stateSince.getTime()) / HOUR_MS
    return new Date(splayed(clamp(healthyHours, policy.minIntervalHours, Math.max(policy.minIntervalHours, policy.maxIntervalHours))))
  }
  return new Date(splayed(policy.minIntervalHours))
}

/**
 * The moment a degraded URL breaks if it keeps failing: when its failures span
 * `brokenAfterHours`, provided the probe then is the `brokenAfterFailures`-th or later.
 * Null when it is broken already, or when more failures are needed than one more probe.
 */
function breakingMoment(after: AvailabilityState, policy: BrokenPolicy): number | null {
  if (after.state !== 'degraded' || !after.firstFailureAt) return null
  if (after.consecutiveFailures + 1 < policy.brokenAfterFailures) return null
  return after.firstFailureAt.getTime() + policy.brokenAfterHours * HOUR_MS
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v))
}
