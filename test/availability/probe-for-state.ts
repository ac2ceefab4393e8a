import type { ProbeForState } from '../../src/domain/availability-state.js'

/** A probe as the availability state machine reads it: `outcome` at `at` with that outcome's usual code (ok, http-404, rate-limited), no HTTP details unless `extra` gives them. */
export function probeForState(outcome: ProbeForState['outcome'], at: Date, extra: Partial<ProbeForState> = {}): ProbeForState {
  return {
    outcome,
    code: outcome === 'ok' ? 'ok' : outcome === 'failing' ? 'http-404' : 'rate-limited',
    httpStatus: null,
    etag: null,
    lastModified: null,
    at,
    ...extra,
  }
}
