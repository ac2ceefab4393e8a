/**
 * What the catalogue says against what happened: the declared dct:modified of a file (its
 * distribution's own, else its dataset's) compared with the changes datavakt observed
 * (observed-changes.ts), in both directions. Pure; part of the freshness check.
 *
 * Finding codes (stable, stored; warning, on dct:modified):
 * - `declared-modified-without-change`: the catalogue says the data was updated on
 *   `declared`, but the file has not changed since `since` (which is before it), and we saw
 *   it unchanged after `declared`. `firstObservation`: `since` is the oldest observation of
 *   this content in the history read (the content may be older); `lastModified`: `since` is the server's Last-Modified. A
 *   dataset's dct:modified is held against a file only when the dataset has that one file
 *   (another file may be what was updated).
 * - `declared-modified-behind-change`: the file changed on `changed` (an observed change of
 *   its SHA-256 or ETag; we date it no earlier than we can prove), but the catalogue still
 *   says `declared`. Not for continuously updated data, whose dct:modified cannot keep up.
 * Both carry `level` ('distribution' | 'dataset'): whose dct:modified it is.
 *
 * Tolerance: two days either way, for date-only values, time zones and the day a harvest
 * may lag behind the catalogue. A value that is only a year (`2023`) or a month (`2023-05`)
 * covers all of it. A value that is not a date is left to the metadata check.
 */
import type { Finding } from './types.js'
import { newestFirst, observedChanges, parseDate, type Observation } from './observed-changes.js'

const DAY = 86_400_000
const TOLERANCE_MS = 2 * DAY

/** A declared date as the span of time it names: a year, a month, a day or an instant. */
export interface DeclaredDate {
  /** As shown: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
  value: string
  start: Date
  /** Exclusive. */
  end: Date
}

/** Reads a dct:modified value; null when it is not an ISO date (or year, or month). */
export function readDeclaredDate(raw: string | null | undefined): DeclaredDate | null {
  const v = raw?.trim() ?? ''
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(v)
  if (m) {
    const [y, mo, d] = [Number(m[1]), m[2] ? Number(m[2]) - 1 : null, m[3] ? Number(m[3]) : null]
    const start = new Date(Date.UTC(y, mo ?? 0, d ?? 1))
    const end = d !== null ? new Date(Date.UTC(y, mo!, d + 1)) : mo !== null ? new Date(Date.UTC(y, mo + 1, 1)) : new Date(Date.UTC(y + 1, 0, 1))
    if (Number.isNaN(start.getTime()) || (d !== null && start.getUTCDate() !== d) || (mo !== null && start.getUTCMonth() !== mo)) return null
    return { value: v, start, end }
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v)) return null
  const at = parseDate(v)
  return at ? { value: at.toISOString().slice(0, 10), start: at, end: at } : null
}

/** What the comparison needs. */
export interface ClaimInput {
  datasetModified: string | null
  distributionModified: string | null
  /** How many files the dataset has; null when not known. */
  datasetFiles: number | null
  /** The observations of this file's content (any order). */
  observations: readonly Observation[]
  /** Since when the file is unchanged, and how we know (the freshness check's last change). */
  unchangedSince: { at: Date; source: string } | null
  /** The declared frequency is continuous. */
  continuous: boolean
  now: Date
}

const isoDate = (d: Date): string => d.toISOString().slice(0, 10)

/** The declared dct:modified this file is held to: its own, else its dataset's. */
function claimOf(input: ClaimInput): { date: DeclaredDate; level: 'distribution' | 'dataset' } | null {
  const own = readDeclaredDate(input.distributionModified)
  if (own) return { date: own, level: 'distribution' }
  const ds = readDeclaredDate(input.datasetModified)
  return ds ? { date: ds, level: 'dataset' } : null
}

/** The findings of the module comment (at most one: the two directions exclude each other). */
export function modifiedClaimFindings(input: ClaimInput): Finding[] {
  const claim = claimOf(input)
  const obs = newestFirst(input.observations)
  if (!claim || obs.length === 0) return []
  const location = { property: 'dct:modified' }
  const { date, level } = claim
  const newestSeen = parseDate(obs[0].at)!

  // Direction 1: the catalogue says updated, but we saw the same content before and after.
  const since = input.unchangedSince
  const speaksForFile = level === 'distribution' || input.datasetFiles === 1
  if (since && speaksForFile && date.start.getTime() > since.at.getTime() + TOLERANCE_MS && date.end.getTime() <= newestSeen.getTime()) {
    const params = { declared: date.value, since: isoDate(since.at), firstObservation: since.source === 'first-observation', lastModified: since.source === 'last-modified', level }
    return [{ code: 'declared-modified-without-change', severity: 'warning', params, location }]
  }

  // Direction 2: the content changed after the date the catalogue still gives.
  if (input.continuous) return []
  const change = observedChanges(obs, input.now).find((c) => c.by !== 'last-modified')
  if (!change) return []
  const earliest = change.datedByLastModified ? change.at : change.after
  if (date.end.getTime() + TOLERANCE_MS < earliest.getTime()) {
    return [{ code: 'declared-modified-behind-change', severity: 'warning', params: { declared: date.value, changed: isoDate(change.at), level }, location }]
  }
  return []
}
