import { recordProbe } from '../telemetry/instruments.js'
import { inSpan, SPANS } from '../telemetry/spans.js'
import type { ProbeResult } from './probe-types.js'
import { hostOf } from '../domain/url-host.js'

/**
 * One probe as telemetry sees it: a `datavakt.probe` span (host, outcome, code, bytes,
 * HTTP status) and the probe metrics (count by outcome and code, the time of its own
 * requests). The span covers the wait for the host's turn too; the histogram does not.
 */
export function tracedProbe(url: string, probe: () => Promise<ProbeResult>): Promise<ProbeResult> {
  return inSpan(SPANS.probe, {}, async (span) => {
    // Only a recording span pays for parsing the address (no SDK: nothing is recorded).
    if (span.isRecording()) span.setAttribute('host', hostOf(url) ?? '')
    const r = await probe()
    span.setAttributes({ outcome: r.outcome, code: r.code, bytes: r.bytesRead, ...(r.httpStatus === null ? {} : { 'http.response.status_code': r.httpStatus }) })
    recordProbe(r)
    return r
  })
}
