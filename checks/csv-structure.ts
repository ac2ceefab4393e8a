/**
 * The `csv-structure` check: can the file be read as a table? Streams the body through
 * csv-parse (memory stays flat), sniffs the delimiter (`,` `;` tab `|`), quote character
 * and header row, and checks the structure without any schema.
 *
 * Finding codes (Frictionless's names; rows count the header as row 1, fields from 1):
 * - `blank-label`     a header cell is empty
 * - `duplicate-label` a header label repeats an earlier one
 * - `blank-header`    the header row is empty
 * - `extra-cell`      a row has more cells than the header
 * - `missing-cell`    a row has fewer cells than the header
 * - `blank-row`       a row has no values (warning)
 * - `format-error`    the CSV cannot be parsed there (quote errors), with the line
 * - `source-error`    nothing to read (an empty file)
 * - `error-limit-reached` (warning) checking stopped after ctx.errorLimit errors
 * Encoding problems are the `encoding` check's; the file is decoded with its guess.
 *
 * Status: fail on any error finding, warn on warnings only, pass otherwise.
 * Facts: delimiter, quote, header, rows, fields.
 */
import { targetContentKind } from './content-kind.js'
import { validateTable } from './table-schema/validate-table.js'
import { errorLimitFinding, tableErrorToFinding } from './table-schema/table-error-to-finding.js'
import { guessDecodingFromHead } from './text-encoding.js'
import type { Check, CheckContext, CheckResult, CheckTarget, Finding } from './types.js'

/** Status from findings: any error → fail, any warning → warn, else pass. */
export function statusOf(findings: Finding[]): CheckResult['status'] {
  if (findings.some((f) => f.severity === 'error')) return 'fail'
  if (findings.some((f) => f.severity === 'warning')) return 'warn'
  return 'pass'
}

/** The csv-structure check (see module comment). */
export const csvStructureCheck: Check = {
  id: 'csv-structure',
  dimension: 'format',
  appliesTo(target: CheckTarget): boolean {
    return targetContentKind(target) === 'csv'
  },
  async run(target: CheckTarget, ctx: CheckContext): Promise<CheckResult> {
    const content = target.content
    if (!content) return { status: 'skipped', findings: [] }
    const report = await validateTable(content.stream(), {
      errorLimit: ctx.errorLimit,
      encoding: guessDecodingFromHead(content.head),
    })
    const findings = report.errors.map((e) => tableErrorToFinding(e, ctx.lang))
    if (report.limitReached) findings.push(errorLimitFinding(ctx.errorLimit, ctx.lang))
    return {
      status: statusOf(findings),
      findings,
      metrics: { elapsedMs: Math.round(report.stats.seconds * 1000), rows: report.stats.rows, fields: report.stats.fields, bytes: report.stats.bytes, errors: report.stats.errors },
      facts: {
        delimiter: report.dialect.delimiter,
        quote: report.dialect.quote,
        header: report.dialect.header,
        rows: report.stats.rows,
        fields: report.stats.fields,
        errorLimitReached: report.limitReached,
      },
    }
  },
}
