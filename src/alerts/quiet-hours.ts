/**
 * Quiet hours: a daily span of local time (default 22:00–07:00 Europe/Stockholm,
 * `alerts.quietHours`) in which no e-mail is sent; what is due then waits until the span
 * ends. Pure: wall-clock times are read in the configured time zone, so the span follows
 * daylight saving time (it is 22:00–07:00 local on both sides of a change).
 */
import type { QuietHours } from '../config/config.js'

const MINUTE_MS = 60_000
const formats = new Map<string, Intl.DateTimeFormat>()

/** Minutes since local midnight of `at` in `timeZone`. */
export function localMinutes(at: Date, timeZone: string): number {
  let f = formats.get(timeZone)
  if (!f) formats.set(timeZone, (f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })))
  const parts = f.formatToParts(at)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  return get('hour') * 60 + get('minute')
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** True when `at` falls in the quiet span (from inclusive, to exclusive; it may wrap midnight). */
export function inQuietHours(at: Date, quiet: QuietHours | null): boolean {
  if (!quiet) return false
  const from = minutesOf(quiet.from)
  const to = minutesOf(quiet.to)
  if (from === to) return false
  const m = localMinutes(at, quiet.timeZone)
  return from < to ? m >= from && m < to : m >= from || m < to
}

/**
 * The first moment at or after `at` when sending is allowed: `at` itself outside quiet
 * hours, else the end of the span. Found by stepping whole minutes from `at`'s minute, so
 * a local time that a DST change skips or repeats needs no special case (a span that ends
 * in a skipped hour ends at the first minute after it).
 */
export function sendableAt(at: Date, quiet: QuietHours | null): Date {
  if (!inQuietHours(at, quiet)) return at
  let t = Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS
  // A span is at most a day long (25 hours on the night clocks go back).
  for (let i = 0; i < 26 * 60; i++) {
    t += MINUTE_MS
    if (!inQuietHours(new Date(t), quiet)) return new Date(t)
  }
  return at
}
