/**
 * The observed update rhythm of a file: how often its content changed while datavakt
 * followed it. Reported instead of a grade when the dataset declares no usable
 * dct:accrualPeriodicity (DCAT-AP-SE 3 makes it optional), so the publisher sees what they
 * actually do and can declare it. Pure; reads the changes of observed-changes.ts.
 *
 * Finding codes (stable, stored; info, on dct:accrualPeriodicity):
 * - `observed-update-rhythm`: the file changed `changes` times in the last `days` days
 *   (last on `lastChange`). With three changes or more, `typicalDays` is the median time
 *   between them, `shortestDays`/`longestDays` the range, and `frequency` the EU code it
 *   amounts to ('IRREG' when the intervals vary more than ±50 % around the median, null
 *   when regular but no common frequency). `atEveryFetch`: it changed at each of our
 *   fetches, so it changes at least as often as we look (`typicalDays` is then our spacing).
 * - `no-change-observed`: the content stayed the same for all `days` days, since `since`.
 */
import type { Finding } from './types.js'
import { newestFirst, observedChanges, parseDate, type Observation } from './observed-changes.js'
import { frequencyForInterval } from './vocabularies/frequencies.js'

const DAY = 86_400_000

/** What the observations say about how often the file changes. */
export interface UpdateRhythm {
  observations: number
  /** Days from our oldest to our newest observation. */
  observedDays: number
  firstSeen: Date
  changes: number
  lastChange: Date | null
  /** Median days between changes (between fetches when `atEveryFetch`); null below three changes. */
  typicalDays: number | null
  shortestDays: number | null
  longestDays: number | null
  atEveryFetch: boolean
  /** The EU frequency code of the rhythm; 'IRREG' when irregular; null when not enough to tell. */
  frequency: string | null
}

/** Fewer days than this followed tell nothing about a rhythm. */
const MIN_OBSERVED_DAYS = 1
/** Intervals within this share of the median are one rhythm. */
const REGULAR_SPREAD = 0.5

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

const days = (ms: number): number => Math.round((ms / DAY) * 10) / 10

/** Gaps in days between consecutive times (newest first). */
function gaps(times: Date[]): number[] {
  const out: number[] = []
  for (let i = 0; i + 1 < times.length; i++) out.push((times[i].getTime() - times[i + 1].getTime()) / DAY)
  return out
}

/** The rhythm of the observations (any order); null when they span less than a day. */
export function observedRhythm(observations: readonly Observation[], now: Date): UpdateRhythm | null {
  const obs = newestFirst(observations)
  if (obs.length < 2) return null
  const newest = parseDate(obs[0].at)!
  const firstSeen = parseDate(obs[obs.length - 1].at)!
  const observedDays = (newest.getTime() - firstSeen.getTime()) / DAY
  if (observedDays < MIN_OBSERVED_DAYS) return null
  const changes = observedChanges(obs, now)
  const atEveryFetch = changes.length >= 2 && changes.length === obs.length - 1
  const intervals = atEveryFetch ? gaps(obs.map((o) => parseDate(o.at)!)) : gaps(changes.map((c) => c.at))
  const base = { observations: obs.length, observedDays: Math.floor(observedDays), firstSeen, changes: changes.length, lastChange: changes[0]?.at ?? null, atEveryFetch }
  if (intervals.length < 2) return { ...base, typicalDays: null, shortestDays: null, longestDays: null, frequency: null }
  const typical = median(intervals)
  const regular = intervals.every((d) => Math.abs(d - typical) <= typical * REGULAR_SPREAD)
  return {
    ...base,
    typicalDays: days(typical * DAY),
    shortestDays: days(Math.min(...intervals) * DAY),
    longestDays: days(Math.max(...intervals) * DAY),
    frequency: atEveryFetch ? null : regular ? frequencyForInterval(typical) : 'IRREG',
  }
}

const isoDate = (d: Date): string => d.toISOString().slice(0, 10)

/** The finding that reports a rhythm (see the module comment). */
export function rhythmFinding(r: UpdateRhythm): Finding {
  const location = { property: 'dct:accrualPeriodicity' }
  if (r.changes === 0) return { code: 'no-change-observed', severity: 'info', params: { days: r.observedDays, since: isoDate(r.firstSeen) }, location }
  return {
    code: 'observed-update-rhythm',
    severity: 'info',
    params: {
      changes: r.changes,
      days: r.observedDays,
      lastChange: r.lastChange ? isoDate(r.lastChange) : null,
      typicalDays: r.typicalDays,
      shortestDays: r.shortestDays,
      longestDays: r.longestDays,
      frequency: r.frequency,
      atEveryFetch: r.atEveryFetch,
    },
    location,
  }
}
