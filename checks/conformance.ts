/**
 * The `conformance` check: does the file follow the specification it claims
 * (`dct:conformsTo` on the distribution, else on the dataset)? The schema comes from
 * ctx.resolveSchema (the schema registry): a Table Schema (CSVW already mapped onto it)
 * for CSV, a JSON Schema for JSON and GeoJSON.
 *
 * Finding codes (Frictionless's names; rows count the header as row 1, fields from 1):
 * - `extra-label`      a column the specification does not have (a conforming file may
 *                      not add columns)
 * - `missing-label`    a column of the specification is absent
 * - `incorrect-label`  a header label differs from the schema's field name at that place
 * - `unmatched-header` (fieldsMatch partial) no label matches any schema field
 * - `type-error`       a cell is not of its field's type
 * - `constraint-error` a cell breaks required/minimum/maximum/minLength/maxLength/pattern/enum
 * - `unique-error`     a unique field repeats a value
 * - `primary-key`      a primary key repeats
 * - `foreign-key`      a self-referencing foreign key points nowhere
 * - `json-schema-error` a JSON/GeoJSON document breaks its JSON Schema (with a pointer)
 * A JSON document that cannot be parsed (or is too large) is json-structure's finding;
 * conformance is then unverified.
 * - `unknown-specification` (info) no schema is known for the conformsTo URI: status
 *                      skipped, never a failure
 * - `specification-not-applicable` (info) the specification has a schema, but for another
 *                      form of the data (a CSV schema, a JSON file): status skipped
 * - `schema-error` (error) the schema itself is unusable (bad regex, unknown type or field,
 *                      a bound not of the field's type): status fail, since the file cannot
 *                      be valid against a schema that cannot be used
 * - `error-limit-reached` (warning) checking stopped after ctx.errorLimit errors
 * - `extra-cell`, `missing-cell` only where the schema's width makes them: a cell under a
 *                      label the schema lacks, a missing cell of a field the header lacks
 * Other structure errors (blank-row, cells beyond the header, ...) are csv-structure's
 * and not repeated here.
 *
 * Facts: specification (the URI checked), schemaOrigin, schemaKind.
 */
import { targetContentKind } from './content-kind.js'
import { statusOf } from './status-of.js'
import { compileTableSchema } from './table-schema/compile-table-schema.js'
import { TableSchemaError } from './table-schema/field-types.js'
import { SCHEMA_ERROR_TYPES, type TableError } from './table-schema/table-error.js'
import { errorLimitFinding, tableErrorToFinding } from './table-schema/table-error-to-finding.js'
import { JsonSchemaError, jsonErrorToFinding, validateJson } from './table-schema/validate-json.js'
import { validateTable } from './table-schema/validate-table.js'
import { guessDecodingFromHead } from './text-encoding.js'
import type { Check, CheckContext, CheckResult, CheckTarget, Finding, ResolvedSchema } from './types.js'

/** The conformsTo URIs of a target: the distribution's first, then the dataset's. */
function conformsToOf(target: CheckTarget): string[] {
  return [...new Set([...(target.distribution?.conformsTo ?? []), ...target.dataset.conformsTo])]
}

/**
 * Whether the target's CSV is checked against a Table Schema (the one conformance picks).
 * Without one, csv-structure infers the columns' types, as Frictionless does for a file
 * without a schema; with one, the declared types are conformance's to check.
 */
export async function hasTableSchema(target: CheckTarget, ctx: Pick<CheckContext, 'resolveSchema'>): Promise<boolean> {
  for (const uri of conformsToOf(target)) if ((await ctx.resolveSchema(uri))?.kind === 'table-schema') return true
  return false
}

/** The finding for a conformsTo URI with no known schema. */
function unknownSpecificationFinding(uri: string): Finding {
  return { code: 'unknown-specification', severity: 'info', params: { specification: uri }, location: { property: 'dct:conformsTo' } }
}

/**
 * The schema itself is unusable: `error` is the compiler's error code (its words are in the
 * catalogue, in the reader's language) and the error's params come along.
 */
function schemaErrorFinding(uri: string, origin: string, err: unknown): Finding {
  if (!(err instanceof TableSchemaError || err instanceof JsonSchemaError)) throw err
  return { code: 'schema-error', severity: 'error', params: { ...err.params, specification: uri, origin, error: err.code }, location: { property: 'dct:conformsTo' } }
}

/**
 * A cell-count error that only the schema's width causes, so csv-structure (which counts
 * against the header) cannot see it: an extra cell under a header label the schema does
 * not have, a missing cell of a schema field the header lacks. Frictionless reports both.
 */
function bySchemaWidth(e: TableError, headerWidth: number): boolean {
  if (e.fieldNumber === undefined) return false
  return (e.type === 'extra-cell' && e.fieldNumber <= headerWidth) || (e.type === 'missing-cell' && e.fieldNumber > headerWidth)
}

/** Validates `target.content` against one resolved schema; the shared core of check and CLI. */
async function checkAgainstSchema(
  target: CheckTarget,
  resolved: ResolvedSchema,
  uri: string,
  ctx: Pick<CheckContext, 'lang' | 'errorLimit' | 'budgets'>,
): Promise<CheckResult> {
  const content = target.content!
  const kind = targetContentKind(target)
  const started = performance.now()
  const facts = { specification: uri, schemaOrigin: resolved.origin, schemaKind: resolved.kind }
  if (resolved.kind === 'table-schema') {
    if (kind !== 'csv') return { status: 'skipped', findings: [], facts }
    let compiled
    try {
      compiled = compileTableSchema(resolved.schema)
    } catch (err) {
      return { status: 'fail', findings: [schemaErrorFinding(uri, resolved.origin, err)], facts }
    }
    const report = await validateTable(content.stream(), {
      schema: compiled,
      errorLimit: ctx.errorLimit,
      encoding: guessDecodingFromHead(content.head),
      maxRecordBytes: ctx.budgets?.fieldBytes,
      maxColumns: ctx.budgets?.columns,
    })
    const width = report.labels.length
    const findings = report.errors.filter((e) => SCHEMA_ERROR_TYPES.has(e.type) || bySchemaWidth(e, width)).map((e) => tableErrorToFinding(e))
    if (report.limitReached) findings.push(errorLimitFinding(ctx.errorLimit))
    return {
      status: statusOf(findings),
      findings,
      metrics: { elapsedMs: Math.round(performance.now() - started), rows: report.stats.rows, bytes: report.stats.bytes, errors: findings.length },
      facts,
    }
  }
  if (kind !== 'json' && kind !== 'geojson') return { status: 'skipped', findings: [], facts }
  let report
  try {
    report = await validateJson(content.stream(), resolved.schema, { errorLimit: ctx.errorLimit, maxNesting: ctx.budgets?.jsonNesting })
  } catch (err) {
    return { status: 'fail', findings: [schemaErrorFinding(uri, resolved.origin, err)], facts }
  }
  // A document that cannot be parsed is json-structure's finding: here it just was not checked.
  if (report.errors.some((e) => e.type !== 'json-schema-error')) return { status: 'unverified', findings: [], facts: { ...facts, jsonSchemaDraft: report.draft } }
  const findings: Finding[] = report.errors.map(jsonErrorToFinding)
  if (report.limitReached) findings.push(errorLimitFinding(ctx.errorLimit))
  return {
    status: statusOf(findings),
    findings,
    metrics: { elapsedMs: Math.round(performance.now() - started), bytes: report.bytes, errors: report.errors.length },
    facts: { ...facts, jsonSchemaDraft: report.draft },
  }
}

/** The conformance check (see module comment). */
export const conformanceCheck: Check = {
  id: 'conformance',
  dimension: 'conformance',
  appliesTo(target: CheckTarget): boolean {
    const kind = targetContentKind(target)
    return (kind === 'csv' || kind === 'json' || kind === 'geojson') && conformsToOf(target).length > 0
  },
  async run(target: CheckTarget, ctx: CheckContext): Promise<CheckResult> {
    if (!target.content) return { status: 'skipped', findings: [] }
    const kind = targetContentKind(target)
    const wanted = kind === 'csv' ? 'table-schema' : 'json-schema'
    const unknown: string[] = []
    let fallback: { uri: string; resolved: ResolvedSchema } | null = null
    for (const uri of conformsToOf(target)) {
      const resolved = await ctx.resolveSchema(uri)
      if (!resolved) {
        unknown.push(uri)
        continue
      }
      if (resolved.kind === wanted) return checkAgainstSchema(target, resolved, uri, ctx)
      fallback ??= { uri, resolved }
    }
    if (fallback) {
      // A schema exists but for another form of the data (e.g. the CSV schema of a spec
      // whose JSON form we were given): say so instead of pretending to check.
      return {
        status: 'skipped',
        findings: [
          {
            code: 'specification-not-applicable',
            severity: 'info',
            params: { specification: fallback.uri, kind: fallback.resolved.kind, fileKind: kind === 'csv' ? 'csv' : 'json' },
            location: { property: 'dct:conformsTo' },
          },
        ],
        facts: { specification: fallback.uri, schemaOrigin: fallback.resolved.origin },
      }
    }
    return { status: 'skipped', findings: unknown.map(unknownSpecificationFinding), facts: { specification: unknown[0] ?? null } }
  },
}
