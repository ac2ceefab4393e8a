/**
 * What `datavakt validate` judges a file by, and its report. Validate runs exactly the
 * checks the content sweep runs on a distribution's bytes (the registered content checks:
 * those that apply to a target because it has content), on the same kind of content
 * source, so a file gets the same verdict before it is published as after. This module
 * picks those checks, builds the target they judge, and turns their results into one
 * report shaped like Frictionless's: `valid`, `stats` and `errors` (each with `type`,
 * `rowNumber`, `fieldNumber`, `fieldName`, `message`), plus every other finding in
 * `findings`. Messages are made from the catalogue (`describeFinding`) in the chosen
 * language. It needs no database and runs no check itself (src/cli/validate.ts does, with
 * the sweep's runner).
 *
 * `valid` is the sweep's verdict: no check failed. `errors` are the findings whose code is
 * a Frictionless error type (structure, schema, encoding, JSON), whatever their severity,
 * so a blank row is listed there but, as in the sweep, only warns.
 */
import { describeFinding, t } from '../src/i18n/catalogue.js'
import type { Lang } from '../src/i18n/lang.js'
import { targetContentKind, type ContentKind } from './content-kind.js'
import type { Check, CheckResult, CheckTarget, ContentSource, DatasetInfo, DistributionInfo, Finding, ResolvedSchema } from './types.js'

/** One error in the report, Frictionless-shaped, with the check that found it. */
export interface ReportError {
  type: string
  /** The data row; absent for label and header errors, which carry `rowNumbers` instead (as Frictionless's do). */
  rowNumber?: number | null
  /** The header's row numbers, for label and header errors. */
  rowNumbers?: number[]
  fieldNumber: number | null
  fieldName: string | null
  /** JSON pointer, for JSON Schema errors. */
  pointer?: string
  /** Physical line, for parse and encoding errors. */
  line?: number
  check: string
  severity: Finding['severity']
  params?: Finding['params']
  message: string
  hint?: string
}

/** A finding of the report that is not a Frictionless error, in words. */
export interface ReportFinding extends Finding {
  check: string
  message: string
  hint?: string
}

/** The report of one file. */
export interface ValidationReport {
  valid: boolean
  source: string
  format: ContentKind
  encoding: string | null
  /** As Frictionless describes it; `headerRows` is the header's row (rows above it were skipped). */
  dialect: { delimiter: string; quote: string; skipInitialSpace: boolean; header: boolean; headerRows: number[] } | null
  schema: { uri: string | null; origin: string; kind: ResolvedSchema['kind'] } | null
  stats: { rows: number; fields: number; errors: number; bytes: number; seconds: number; truncatedAtCap: boolean }
  /** Why the report may be incomplete (checking stopped at the error limit or the byte cap), in words. */
  warnings: string[]
  errors: ReportError[]
  findings: ReportFinding[]
}

/** A check that ran and what it returned (src/content/run-checks.ts's RanCheck). */
export interface RanContentCheck {
  check: Pick<Check, 'id'>
  result: CheckResult
}

/** Frictionless's error types (and ours for JSON Schema): these findings are the report's `errors`. */
const ERROR_TYPES: ReadonlySet<string> = new Set([
  'blank-label', 'duplicate-label', 'extra-label', 'missing-label', 'incorrect-label', 'blank-header', 'unmatched-header',
  'extra-cell', 'missing-cell', 'blank-row', 'type-error', 'constraint-error', 'unique-error', 'primary-key', 'foreign-key',
  'encoding-error', 'format-error', 'source-error', 'json-schema-error', 'schema-error', 'field-too-long', 'nesting-too-deep',
])

/** Findings that say the report covers only part of the file. */
const INCOMPLETE = new Set(['error-limit-reached', 'checked-up-to-cap'])

const noText = () => ({}) as Record<string, string>

/**
 * The target a file is judged as: a distribution of a dataset with no other metadata, its
 * declared format the `--format` given (else none), its media type what the source says,
 * and `conformsTo` the specification (or schema file) to check it against.
 */
export function validationTarget(content: ContentSource, opts: { format?: string | null; conformsTo?: string[] }): CheckTarget {
  const conformsTo = opts.conformsTo ?? []
  const dataset: DatasetInfo = {
    iri: content.url, title: noText(), description: noText(), publisherIri: null, contactEmail: null, license: null,
    accessRights: null, rights: null, accrualPeriodicity: null, conformsTo: [], spatial: [], temporal: [], keywords: [], themes: [],
    landingPage: null, issued: null, modified: null, hvdCategories: [], applicableLegislation: [],
  }
  const distribution: DistributionInfo = {
    iri: content.url, datasetIri: content.url, title: noText(), description: noText(), accessUrl: content.url,
    downloadUrl: content.url, format: opts.format ?? null, mediaType: content.contentType, byteSize: null, license: null,
    accessRights: null, rights: null, conformsTo, accessServiceIri: null, issued: null, modified: null, hvdCategories: [], applicableLegislation: [],
  }
  return { dataset, distribution, dataServices: [], content }
}

/**
 * The checks of `checks` that judge the content of `target`: those that apply to it with
 * its bytes and not without them. Availability (needs a probe), freshness (history) and
 * metadata (a dataset) are left out; their verdicts need what a lone file does not have.
 */
export function contentChecksFor(checks: readonly Check[], target: CheckTarget): Check[] {
  const without: CheckTarget = { ...target, content: undefined }
  return checks.filter((c) => c.appliesTo(target) && !c.appliesTo(without))
}

function toError(check: string, f: Finding, lang: Lang): ReportError {
  const loc = f.location ?? {}
  const row: Pick<ReportError, 'rowNumber' | 'rowNumbers'> = loc.rowNumbers ? { rowNumbers: [...loc.rowNumbers] } : { rowNumber: loc.rowNumber ?? null }
  const out: ReportError = { type: f.code, ...row, fieldNumber: loc.fieldNumber ?? null, fieldName: loc.fieldName ?? null, check, severity: f.severity, ...describeFinding(f, lang) }
  if (f.params !== undefined) out.params = f.params
  if (loc.pointer !== undefined) out.pointer = loc.pointer
  if (loc.line !== undefined) out.line = loc.line
  return out
}

function factOf(ran: RanContentCheck[], checkId: string, fact: string): string | number | boolean | null | undefined {
  return ran.find((r) => r.check.id === checkId)?.result.facts?.[fact]
}

function schemaOf(ran: RanContentCheck[], schemaFile: { uri: string; origin: string } | null): ValidationReport['schema'] {
  const origin = factOf(ran, 'conformance', 'schemaOrigin')
  const kind = factOf(ran, 'conformance', 'schemaKind')
  if (typeof origin !== 'string' || (kind !== 'table-schema' && kind !== 'json-schema')) return null
  const uri = factOf(ran, 'conformance', 'specification')
  // A schema file is checked as a made-up specification URI: report where it came from instead.
  if (schemaFile && uri === schemaFile.uri) return { uri: null, origin: schemaFile.origin, kind }
  return { uri: typeof uri === 'string' ? uri : null, origin, kind }
}

function dialectOf(ran: RanContentCheck[]): ValidationReport['dialect'] {
  const delimiter = factOf(ran, 'csv-structure', 'delimiter')
  const quote = factOf(ran, 'csv-structure', 'quote')
  if (typeof delimiter !== 'string' || typeof quote !== 'string') return null
  const header = factOf(ran, 'csv-structure', 'header') === true
  const headerRow = factOf(ran, 'csv-structure', 'headerRow')
  return {
    delimiter,
    quote,
    skipInitialSpace: factOf(ran, 'csv-structure', 'skipInitialSpace') === true,
    header,
    headerRows: header && typeof headerRow === 'number' && headerRow > 0 ? [headerRow] : [],
  }
}

/** What building a report needs besides the results. */
export interface ReportInput {
  content: ContentSource
  target: CheckTarget
  ran: RanContentCheck[]
  /** Bytes of the (capped) body. */
  bytes: number
  seconds: number
  lang: Lang
  /** The schema file given, as the made-up URI it was checked under and where it came from. */
  schemaFile?: { uri: string; origin: string } | null
}

/** The report of a file from the results of its content checks (see the module comment). */
export function buildValidationReport(input: ReportInput): ValidationReport {
  const { ran, lang } = input
  const errors: ReportError[] = []
  const findings: ReportFinding[] = []
  for (const { check, result } of ran) {
    for (const f of result.findings) {
      if (ERROR_TYPES.has(f.code)) errors.push(toError(check.id, f, lang))
      else findings.push({ check: check.id, ...f, ...describeFinding(f, lang) })
    }
  }
  const rows = factOf(ran, 'csv-structure', 'rows')
  const fields = factOf(ran, 'csv-structure', 'fields')
  const encoding = factOf(ran, 'encoding', 'encoding')
  const warnings = [...new Set(findings.filter((f) => INCOMPLETE.has(f.code)).map((f) => f.message))]
  return {
    valid: !ran.some((r) => r.result.status === 'fail'),
    source: input.content.url,
    format: targetContentKind(input.target) ?? 'other',
    encoding: typeof encoding === 'string' ? encoding : null,
    dialect: dialectOf(ran),
    schema: schemaOf(ran, input.schemaFile ?? null),
    stats: {
      rows: typeof rows === 'number' ? rows : 0,
      fields: typeof fields === 'number' ? fields : 0,
      errors: errors.length,
      bytes: input.bytes,
      seconds: input.seconds,
      truncatedAtCap: input.content.truncatedAtCap(),
    },
    warnings,
    errors,
    findings,
  }
}

/**
 * The report of a file that could not be fetched (`source-error`), or of a declared schema
 * that could not be fetched or read (`schema-error`): invalid, with one error saying why.
 */
export function sourceErrorReport(url: string, reason: string, lang: Lang, kind: 'source' | 'schema' = 'source'): ValidationReport {
  const error: ReportError = {
    type: `${kind}-error`,
    rowNumber: null,
    fieldNumber: null,
    fieldName: null,
    check: kind === 'source' ? 'source' : 'conformance',
    severity: 'error',
    message: t(lang, kind === 'source' ? 'validate.source-error.message' : 'validate.schema-error.message', { reason, url }),
    hint: t(lang, kind === 'source' ? 'validate.source-error.hint' : 'validate.schema-error.hint'),
  }
  return {
    valid: false,
    source: url,
    format: 'other',
    encoding: null,
    dialect: null,
    schema: null,
    stats: { rows: 0, fields: 0, errors: 1, bytes: 0, seconds: 0, truncatedAtCap: false },
    warnings: [],
    errors: [error],
    findings: [],
  }
}
