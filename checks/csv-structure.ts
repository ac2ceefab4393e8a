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
 * - `type-error`      without a Table Schema: a value not of the type inferred for its
 *                     column from the first rows, as Frictionless infers it (infer-fields.ts)
 * - `format-error`    the CSV cannot be parsed there (quote errors), with the line
 * - `source-error`    nothing to read (an empty file)
 * - `rows-above-header` (warning) the header is not the first row: the rows above it
 *                     (a title, a comment line) were skipped, as Frictionless skips them
 * - `error-limit-reached` (warning) checking stopped after ctx.errorLimit errors
 * - `field-too-long`  a record is longer than the `fieldBytes` budget; checking stopped there
 * - `too-many-columns` the header is wider than the `columns` budget; not checked
 * Encoding problems are the `encoding` check's; the file is decoded with its guess.
 *
 * Status: fail on any error finding, warn on warnings only, pass otherwise.
 * Facts: delimiter, quote, skipInitialSpace, header, headerRow, rows, fields, typesInferred.
 */
import { hasTableSchema } from './conformance.js'
import { targetContentKind } from './content-kind.js'
import { validateTable } from './table-schema/validate-table.js'
import { errorLimitFinding, tableErrorToFinding } from './table-schema/table-error-to-finding.js'
import { statusOf } from './status-of.js'
import { guessDecodingFromHead } from './text-encoding.js'
import type { Check, CheckContext, CheckResult, CheckTarget, Finding } from './types.js'

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
    const inferTypes = !(await hasTableSchema(target, ctx))
    const report = await validateTable(content.stream(), {
      errorLimit: ctx.errorLimit,
      encoding: guessDecodingFromHead(content.head),
      maxRecordBytes: ctx.budgets?.fieldBytes,
      maxColumns: ctx.budgets?.columns,
      inferTypes,
    })
    const findings = report.errors.map((e) => tableErrorToFinding(e))
    if (report.headerRow > 1) findings.push({ code: 'rows-above-header', severity: 'warning', params: { rows: report.headerRow - 1, headerRow: report.headerRow }, location: { rowNumbers: [report.headerRow] } })
    if (report.limitReached) findings.push(errorLimitFinding(ctx.errorLimit))
    return {
      status: statusOf(findings),
      findings,
      metrics: { elapsedMs: Math.round(report.stats.seconds * 1000), rows: report.stats.rows, fields: report.stats.fields, bytes: report.stats.bytes, errors: report.stats.errors },
      facts: {
        delimiter: report.dialect.delimiter,
        quote: report.dialect.quote,
        skipInitialSpace: report.dialect.skipInitialSpace,
        header: report.dialect.header,
        headerRow: report.headerRow,
        typesInferred: inferTypes,
        rows: report.stats.rows,
        fields: report.stats.fields,
        errorLimitReached: report.limitReached,
      },
    }
  },
}
