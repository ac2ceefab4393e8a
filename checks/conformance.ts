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
 * - `format-error`     the JSON cannot be parsed; `source-error` it is too large to parse
 * - `unknown-specification` (info) no schema is known for the conformsTo URI: status
 *                      skipped, never a failure
 * - `specification-not-applicable` (info) the specification has a schema, but for another
 *                      form of the data (a CSV schema, a JSON file): status skipped
 * - `schema-error` (warning) the schema itself is unusable: status unverified
 * - `error-limit-reached` (warning) checking stopped after ctx.errorLimit errors
 * Structure errors (extra-cell, blank-row, ...) are csv-structure's and not repeated here.
 *
 * Facts: specification (the URI checked), schemaOrigin, schemaKind.
 */
import { targetContentKind } from './content-kind.js'
import { statusOf } from './csv-structure.js'
import { compileTableSchema } from './table-schema/compile-table-schema.js'
import { SCHEMA_ERROR_TYPES } from './table-schema/table-error.js'
import { errorLimitFinding, tableErrorToFinding } from './table-schema/table-error-to-finding.js'
import { describeJsonError, validateJson } from './table-schema/validate-json.js'
import { validateTable } from './table-schema/validate-table.js'
import { guessDecodingFromHead } from './text-encoding.js'
import type { Check, CheckContext, CheckResult, CheckTarget, Finding, ResolvedSchema } from './types.js'

/** The conformsTo URIs of a target: the distribution's first, then the dataset's. */
export function conformsToOf(target: CheckTarget): string[] {
  return [...new Set([...(target.distribution?.conformsTo ?? []), ...target.dataset.conformsTo])]
}

/** The finding for a conformsTo URI with no known schema. */
export function unknownSpecificationFinding(uri: string, lang: 'sv' | 'en'): Finding {
  return lang === 'sv'
    ? {
        code: 'unknown-specification',
        severity: 'info',
        message: `Ingen maskinläsbar specifikation hittades för ${uri}; filen kunde inte kontrolleras mot den.`,
        hint: 'Kontrollera att dct:conformsTo pekar på specifikationens officiella URI. Regionen kan lägga till schemat i sin schemamapp.',
        location: { property: 'dct:conformsTo' },
      }
    : {
        code: 'unknown-specification',
        severity: 'info',
        message: `No machine-readable specification was found for ${uri}; the file could not be checked against it.`,
        hint: "Check that dct:conformsTo gives the specification's official URI. The operator can add the schema to its schemas folder.",
        location: { property: 'dct:conformsTo' },
      }
}

function schemaErrorFinding(uri: string, origin: string, detail: string, lang: 'sv' | 'en'): Finding {
  return {
    code: 'schema-error',
    severity: 'warning',
    message: lang === 'sv' ? `Schemat för ${uri} (${origin}) kan inte användas: ${detail}` : `The schema for ${uri} (${origin}) cannot be used: ${detail}`,
    hint: lang === 'sv' ? 'Det är schemat, inte filen, som behöver rättas.' : 'The schema, not the file, needs fixing.',
    location: { property: 'dct:conformsTo' },
  }
}

/** Validates `target.content` against one resolved schema; the shared core of check and CLI. */
export async function checkAgainstSchema(
  target: CheckTarget,
  resolved: ResolvedSchema,
  uri: string,
  ctx: Pick<CheckContext, 'lang' | 'errorLimit'>,
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
      return { status: 'unverified', findings: [schemaErrorFinding(uri, resolved.origin, (err as Error).message, ctx.lang)], facts }
    }
    const report = await validateTable(content.stream(), { schema: compiled, errorLimit: ctx.errorLimit, encoding: guessDecodingFromHead(content.head) })
    const findings = report.errors.filter((e) => SCHEMA_ERROR_TYPES.has(e.type)).map((e) => tableErrorToFinding(e, ctx.lang))
    if (report.limitReached) findings.push(errorLimitFinding(ctx.errorLimit, ctx.lang))
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
    report = await validateJson(content.stream(), resolved.schema, { errorLimit: ctx.errorLimit })
  } catch (err) {
    return { status: 'unverified', findings: [schemaErrorFinding(uri, resolved.origin, (err as Error).message, ctx.lang)], facts }
  }
  const findings: Finding[] = report.errors.map((e) => ({
    code: e.type,
    severity: 'error',
    ...describeJsonError(e, ctx.lang),
    location: e.pointer !== undefined ? { pointer: e.pointer } : undefined,
  }))
  if (report.limitReached) findings.push(errorLimitFinding(ctx.errorLimit, ctx.lang))
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
      const sv = ctx.lang === 'sv'
      return {
        status: 'skipped',
        findings: [
          {
            code: 'specification-not-applicable',
            severity: 'info',
            message: sv
              ? `Specifikationen ${fallback.uri} har ett schema för ${fallback.resolved.kind === 'table-schema' ? 'CSV' : 'JSON'}, men filen är ${kind === 'csv' ? 'CSV' : 'JSON'}; den kunde inte kontrolleras.`
              : `The specification ${fallback.uri} has a schema for ${fallback.resolved.kind === 'table-schema' ? 'CSV' : 'JSON'}, but the file is ${kind === 'csv' ? 'CSV' : 'JSON'}; it could not be checked.`,
            hint: sv ? 'Publicera filen i den form specifikationen har ett schema för.' : 'Publish the file in the form the specification has a schema for.',
            location: { property: 'dct:conformsTo' },
          },
        ],
        facts: { specification: fallback.uri, schemaOrigin: fallback.resolved.origin },
      }
    }
    return { status: 'skipped', findings: unknown.map((u) => unknownSpecificationFinding(u, ctx.lang)), facts: { specification: unknown[0] ?? null } }
  },
}
