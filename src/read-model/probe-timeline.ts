import type { ProbeView } from './distribution-history.js'

/**
 * What a file's probes say over time, for its page: uptime, response times per day and the
 * moments its availability state changed. Pure: it reads the probes readDistributionHistory
 * gave, newest first.
 */

/** The share (in %, one decimal) of conclusive probes (ok or failing) since `since` that were ok; null when none. The badge's uptime counts the same way. */
export function uptimeSince(probes: readonly ProbeView[], since: Date): number | null {
  let ok = 0
  let all = 0
  for (const p of probes) {
    if (new Date(p.at) < since || p.outcome === 'unverified') continue
    all++
    if (p.outcome === 'ok') ok++
  }
  return all ? Math.round((ok / all) * 1000) / 10 : null
}

/** The median of some numbers (they are sorted in place). */
function median(values: number[]): number {
  values.sort((a, b) => a - b)
  const mid = values.length >> 1
  return values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2
}

/** One day of response times: the median time to answer of that day's probes, in ms; null for a day without probes. */
export interface ResponseDay {
  day: string
  value: number | null
}

/**
 * The median response time of each day from `days` days before `until` to that day (UTC),
 * oldest first, every day present (null where nothing was probed, a gap and not a zero).
 */
export function responseTimesPerDay(probes: readonly ProbeView[], days: number, until: Date): ResponseDay[] {
  const byDay = new Map<string, number[]>()
  for (const p of probes) {
    const day = new Date(p.at).toISOString().slice(0, 10)
    const list = byDay.get(day) ?? []
    list.push(p.elapsed_ms)
    byDay.set(day, list)
  }
  const last = Date.parse(`${until.toISOString().slice(0, 10)}T00:00:00Z`)
  const out: ResponseDay[] = []
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(last - i * 86_400_000).toISOString().slice(0, 10)
    const list = byDay.get(day)
    out.push({ day, value: list ? Math.round(median(list)) : null })
  }
  return out
}

/** A moment the file's availability state changed (ok → broken, broken → ok …), with the probe code that made it. */
export interface StateChange {
  at: Date
  /** The state before; null when it was the first probe. */
  from: string | null
  to: string
  code: string
  httpStatus: number | null
}

/** Every change of state the probes recorded, newest first. */
export function stateChanges(probes: readonly ProbeView[]): StateChange[] {
  return probes
    .filter((p) => p.state_after !== null && p.state_after !== p.state_before)
    .map((p) => ({ at: new Date(p.at), from: p.state_before, to: p.state_after!, code: p.code, httpStatus: p.http_status }))
}
