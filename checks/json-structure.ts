/**
 * The `json-structure` check: is a JSON or GeoJSON file well-formed? The JSON counterpart
 * of csv-structure: it needs no schema, so a broken file is found whether or not it claims
 * a specification (conformance then checks the content against the schema).
 *
 * Finding codes (shared with conformance, words in findings-content-table.ts, `kind: 'json'`):
 * - `format-error` (error): the file is not valid JSON; `position` is where parsing broke.
 * - `source-error` (error): the file is empty (as Frictionless says), or larger than the cap
 *   and could not be parsed whole.
 * - `nesting-too-deep` (error): arrays and objects nest deeper than the budget `jsonNesting`.
 * JSON Lines (one JSON value per line, e.g. GeoJSON sequences) are well-formed too.
 *
 * Facts: jsonLines. Metrics: bytes, elapsedMs.
 */
import { targetContentKind } from './content-kind.js'
import { statusOf } from './status-of.js'
import { jsonErrorToFinding, parseJsonDocument } from './table-schema/validate-json.js'
import type { Check, CheckContext, CheckResult, CheckTarget, Finding } from './types.js'

/** The largest document parsed whole, as for conformance. */
const MAX_BYTES = 100 * 1024 * 1024

/** True when every non-empty line is a JSON value of its own (at least two lines). */
function isJsonLines(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '')
  if (lines.length < 2) return false
  try {
    for (const l of lines) JSON.parse(l)
    return true
  } catch {
    return false
  }
}

/** The json-structure check (see module comment). */
export const jsonStructureCheck: Check = {
  id: 'json-structure',
  dimension: 'format',
  appliesTo(target: CheckTarget): boolean {
    const kind = targetContentKind(target)
    return kind === 'json' || kind === 'geojson'
  },
  async run(target: CheckTarget, ctx: CheckContext): Promise<CheckResult> {
    const content = target.content
    if (!content) return { status: 'skipped', findings: [] }
    const started = performance.now()
    const parsed = await parseJsonDocument(content.stream(), MAX_BYTES, ctx.budgets?.jsonNesting)
    const jsonLines = 'error' in parsed && parsed.error.type === 'format-error' && parsed.text !== null && isJsonLines(parsed.text)
    // An empty file is Frictionless's source-error ("the source is empty"), not a parse error.
    const empty: Finding = { code: 'source-error', severity: 'error', params: {} }
    const findings = parsed.bytes === 0 ? [empty] : 'error' in parsed && !jsonLines ? [jsonErrorToFinding(parsed.error)] : []
    return {
      status: statusOf(findings),
      findings,
      metrics: { bytes: parsed.bytes, elapsedMs: Math.round(performance.now() - started) },
      facts: { jsonLines },
    }
  },
}
