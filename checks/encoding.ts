/**
 * The `encoding` check: is the text valid UTF-8? Streams the whole body once.
 *
 * Finding codes:
 * - `encoding-error` (error): not UTF-8. Names the likely encoding (Windows-1252 or
 *   ISO-8859-1, the usual failure with å ä ö; or UTF-16), the first bad byte and line,
 *   and says how to fix it: "spara filen som UTF-8". The other checks decode the file
 *   with the guessed encoding (iconv-lite) so they can still judge it.
 * - `byte-order-mark` (info): a UTF-8 BOM at the start. Allowed, but some tools show it
 *   as stray characters in the first column name.
 *
 * Status: fail on encoding-error, pass otherwise. Facts: `encoding`, `bom`.
 * Applies to content that looks like text (not binary formats).
 */
import { looksBinary } from './content-kind.js'
import { detectTextEncoding, type TextEncodingName } from './text-encoding.js'
import type { Check, CheckResult, CheckTarget, Finding } from './types.js'

/** The encoding check (see module comment). */
export const encodingCheck: Check = {
  id: 'encoding',
  dimension: 'format',
  appliesTo(target: CheckTarget): boolean {
    return !!target.content && !looksBinary(target.content.head)
  },
  async run(target: CheckTarget): Promise<CheckResult> {
    const started = performance.now()
    const content = target.content
    if (!content) return { status: 'skipped', findings: [] }
    const report = await detectTextEncoding(content.stream())
    const findings: Finding[] = []
    if (!report.valid) {
      const at = report.invalidAt
      const params: Record<string, string | number> = { encoding: report.encoding }
      if (at) params.line = at.line
      if (report.sample) params.sample = report.sample.trim()
      const f: Finding = { code: 'encoding-error', severity: 'error', params }
      if (at) f.location = { line: at.line, byte: at.byte }
      findings.push(f)
    } else if (report.bom) {
      findings.push({ code: 'byte-order-mark', severity: 'info', params: {}, location: { byte: 0, line: 1 } })
    }
    return {
      status: report.valid ? 'pass' : 'fail',
      findings,
      metrics: { elapsedMs: Math.round(performance.now() - started), bytes: report.bytes },
      facts: { encoding: report.encoding, bom: report.bom },
    }
  },
}
