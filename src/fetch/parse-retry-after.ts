/**
 * Parses a Retry-After header: delay-seconds or an HTTP-date. Returns seconds from `now`
 * (never negative), or null when the header is missing or not understood.
 */
export function parseRetryAfter(value: string | string[] | undefined | null, now = Date.now()): number | null {
  const v = Array.isArray(value) ? value[0] : value
  if (v == null) return null
  const s = v.trim()
  if (/^\d+$/.test(s)) return Number(s)
  // Only accept something that looks like a date: Date.parse is lenient with junk.
  if (!/[a-z]/i.test(s)) return null
  const t = Date.parse(s)
  if (Number.isNaN(t)) return null
  return Math.max(0, Math.ceil((t - now) / 1000))
}
