/**
 * The host of a URL as politeness counts it: `host:port` as the WHATWG URL parser gives it
 * (lower-case, the scheme's default port left out), the same key the fetch engine's
 * per-host limits use. Null when the address is not a URL. The queue's `host` column, the
 * content sweep's grouping, `datavakt check` and the telemetry spans all read it from here.
 */
export function hostOf(url: string | null | undefined): string | null {
  if (!url || !URL.canParse(url)) return null
  return new URL(url).host || null
}
