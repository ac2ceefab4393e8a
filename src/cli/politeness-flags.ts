/**
 * `--per-host N` (connections per host) and `--gap MS` (least time between two requests to
 * one host) for `datavakt check` and `datavakt sweep`: a publisher checking their own
 * server can go faster, and benchmarks can compare at equal politeness. Without them the
 * configured `http` section holds (defaults in `defaultConfig`: 2 and 250 ms). The ranges
 * are the configuration schema's.
 */
import type { HttpConfig } from '../config/config.js'
import { intFlag } from './parse.js'

/** The two options, for parseCommandArgs. */
export const politenessOptions = {
  'per-host': { type: 'string' },
  gap: { type: 'string' },
} as const

/** `http` with the flags given applied; a UsageError (exit 2) naming the option for a bad value. */
export function withPolitenessFlags(http: HttpConfig, values: { 'per-host'?: string | undefined; gap?: string | undefined }): HttpConfig {
  const perHost = intFlag(values['per-host'], 'per-host', 1, 16)
  const gap = intFlag(values.gap, 'gap', 0, 60_000)
  return {
    ...http,
    ...(perHost === undefined ? {} : { perHostConnections: perHost }),
    ...(gap === undefined ? {} : { perHostGapMs: gap, maxHostGapMs: Math.max(http.maxHostGapMs, gap) }),
  }
}
