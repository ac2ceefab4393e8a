/**
 * When an alert opens, resolves, turns intermittent and reminds: pure functions over one
 * alert's state and one observation (a probe, a check result, a harvest). Nothing here
 * reads a clock, a database or a config file; `src/alerts/observe.ts` feeds them.
 */
import type { AlertsConfig } from '../config/config.js'

/** What one check said about one problem. `unverified` (rate limit, bot wall, our budget) counts for nothing. */
export type Verdict = 'bad' | 'good' | 'unverified'

/**
 * How a problem reaches its threshold:
 * - `availability`: the availability state machine's broken rule decides (`brokenNow`);
 * - `content`: `contentOpenAfter` consecutive bad checks on different days;
 * - `harvest`: `harvestOpenAfter` consecutive failed harvests (a catalogue that cannot be
 *   harvested hides all of an organisation's data, so by default the first one opens).
 */
export type ProblemKind = 'availability' | 'content' | 'harvest'

/** One observation of one problem. */
export interface Observation {
  at: Date
  verdict: Verdict
  /** Availability only: the distribution's state is broken after this probe. */
  brokenNow?: boolean
}

/**
 * The thresholds: the policy's part of `config.alerts`. Its one home is `AlertsConfig`
 * (src/config/config.ts), where each setting is described; here only which of them the
 * pure rules read.
 */
export type AlertPolicy = Pick<
  AlertsConfig,
  'contentOpenAfter' | 'harvestOpenAfter' | 'resolveAfter' | 'reminderDays' | 'flapWindowDays' | 'flapOpenAfter'
>

/** One alert's state (stored per subject and problem). */
export interface AlertState {
  open: boolean
  intermittent: boolean
  consecutiveBad: number
  consecutiveGood: number
  /** When the current run of bad checks began (what "since when" says); null when not bad. */
  badSince: Date | null
  /** The bad checks within the flap window, oldest first. */
  recentBad: Date[]
  openedAt: Date | null
  resolvedAt: Date | null
  lastObservedAt: Date | null
}

/** What an observation changed that a person hears about. */
export type AlertEvent = 'opened' | 'resolved'

export interface AlertStep {
  next: AlertState
  event: AlertEvent | null
}

export function initialAlertState(): AlertState {
  return {
    open: false,
    intermittent: false,
    consecutiveBad: 0,
    consecutiveGood: 0,
    badSince: null,
    recentBad: [],
    openedAt: null,
    resolvedAt: null,
    lastObservedAt: null,
  }
}

const DAY_MS = 86_400_000

/** The calendar day of `at` in Europe/Stockholm (content checks are daily there). */
export function stockholmDay(at: Date): string {
  return at.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' })
}

function withinWindow(times: Date[], at: Date, days: number): Date[] {
  const from = at.getTime() - days * DAY_MS
  return times.filter((t) => t.getTime() > from && t.getTime() <= at.getTime())
}

function thresholdReached(kind: ProblemKind, bad: number, obs: Observation, policy: AlertPolicy): boolean {
  if (kind === 'availability') return obs.brokenNow === true
  return bad >= (kind === 'content' ? policy.contentOpenAfter : policy.harvestOpenAfter)
}

/**
 * The next state of one alert after one observation.
 *
 * - unverified: only `lastObservedAt` moves; it never opens, resolves or counts.
 * - bad: the bad run grows (for content, a second bad check on the same Stockholm day does
 *   not count twice). A closed alert opens when the threshold is reached, or, intermittent,
 *   when `flapOpenAfter` bad checks fell within `flapWindowDays` with good ones between
 *   (broken, fine, broken never reaches a "consecutive" threshold, and must not be silent).
 *   An open alert that was recovering turns intermittent instead of opening again.
 * - good: the good run grows; an open alert resolves after `resolveAfter` good checks, an
 *   intermittent one only once no bad check is left in the flap window, so a flapping
 *   file gives one alert and not one per flap.
 */
export function nextAlertState(prev: AlertState, kind: ProblemKind, obs: Observation, policy: AlertPolicy): AlertStep {
  const base: AlertState = { ...prev, lastObservedAt: obs.at }
  if (obs.verdict === 'unverified') return { next: base, event: null }
  const recent = withinWindow(prev.recentBad, obs.at, policy.flapWindowDays)

  if (obs.verdict === 'bad') {
    const lastBad = prev.recentBad[prev.recentBad.length - 1]
    const sameDay = kind === 'content' && prev.consecutiveBad > 0 && lastBad && stockholmDay(lastBad) === stockholmDay(obs.at)
    const consecutiveBad = sameDay ? prev.consecutiveBad : prev.consecutiveBad + 1
    const recentBad = sameDay ? recent : [...recent, obs.at]
    const next: AlertState = {
      ...base,
      consecutiveBad,
      consecutiveGood: 0,
      badSince: prev.badSince ?? obs.at,
      recentBad,
    }
    if (prev.open) {
      return { next: { ...next, intermittent: prev.intermittent || prev.consecutiveGood > 0 }, event: null }
    }
    const threshold = thresholdReached(kind, consecutiveBad, obs, policy)
    const flapping = recentBad.length >= policy.flapOpenAfter && recentBad.length > consecutiveBad
    if (!threshold && !flapping) return { next, event: null }
    return {
      next: { ...next, open: true, intermittent: flapping && !threshold, openedAt: obs.at, resolvedAt: null },
      event: 'opened',
    }
  }

  const consecutiveGood = prev.consecutiveGood + 1
  const next: AlertState = { ...base, consecutiveBad: 0, consecutiveGood, badSince: null, recentBad: recent }
  if (!prev.open) return { next, event: null }
  const quiet = !prev.intermittent || recent.length === 0
  if (consecutiveGood < policy.resolveAfter || !quiet) return { next, event: null }
  return { next: { ...next, open: false, intermittent: false, resolvedAt: obs.at }, event: 'resolved' }
}

/** An open alert is due a reminder when nobody heard of it for `reminderDays`. */
export function reminderDue(state: AlertState, lastNotifiedAt: Date | null, now: Date, policy: AlertPolicy): boolean {
  if (!state.open) return false
  const since = lastNotifiedAt ?? state.openedAt
  return since === null || now.getTime() - since.getTime() >= policy.reminderDays * DAY_MS
}
