/**
 * Runs every applicable content check on one ContentSource and builds one report shaped
 * like Frictionless's: `valid`, `stats` and `errors` (each with `type`, `rowNumber`,
 * `fieldNumber`, `fieldName`, `message`), plus `findings` for the non-tabular checks.
 * This is the engine of `datavakt validate`; it needs no database.
 *
 * The tabular part is ONE pass of the Table Schema validator (structure and schema
 * together, as Frictionless reports them), not csv-structure and conformance run one
 * after the other. Checks from `checks/index.ts` that need only content (not history,
 * probes or metadata) add their findings.
 */
import { checks as registeredChecks } from './index.js'
import { unknownSpecificationFinding } from './conformance.js'
import { contentKindOf, type ContentKind } from './content-kind.js'
import { compileTableSchema } from './table-schema/compile-table-schema.js'
import { describeTableError } from './table-schema/describe-table-error.js'
import type { TableError } from './table-schema/table-error.js'
import { describeJsonError, validateJson } from './table-schema/validate-json.js'
import { validateTable } from './table-schema/validate-table.js'
import { detectTextEncoding } from './text-encoding.js'
import type { Check, CheckContext, CheckTarget, ContentSource, DatasetInfo, DistributionInfo, Finding, ResolvedSchema } from './types.js'

/** One error in the report, Frictionless-shaped. */
export interface ReportError {
  type: string
  rowNumber: number | null
  fieldNumber: number | null
  fieldName: string | null
  cell: string | null
  note: string | null
  /** JSON pointer, for JSON Schema errors. */
  pointer?: string
  /** Physical line, for parse and encoding errors. */
  line?: number
  message: string
  hint: string
}

export interface ReportFinding extends Finding {
  check: string
}

export interface ValidationReport {
  valid: boolean
  source: string
  format: ContentKind
  encoding: string | null
  dialect: { delimiter: string; quote: string; header: boolean } | null
  schema: { uri: string | null; origin: string; kind: ResolvedSchema['kind'] } | null
  stats: { rows: number; fields: number; errors: number; bytes: number; seconds: number; truncatedAtCap: boolean }
  warnings: string[]
  errors: ReportError[]
  findings: ReportFinding[]
}

export interface ValidateContentOptions {
  lang: 'sv' | 'en'
  errorLimit: number
  /** A schema given directly (a file, already read). */
  schema?: ResolvedSchema | null
  /** A specification URI to resolve through `resolveSchema` (e.g. --schema URL). */
  specification?: string | null
  resolveSchema: CheckContext['resolveSchema']
  /** Forces the format instead of sniffing. */
  format?: 'csv' | 'json' | 'geojson' | null
  now?: Date
  /** Checks to consider besides the tabular ones; default checks/index.ts. */
  checks?: readonly Check[]
}

/** Checks that are not content checks, or that this report already covers in one pass. */
const NOT_HERE = new Set(['csv-structure', 'conformance', 'encoding', 'freshness', 'metadata', 'availability'])

const emptyLang = () => ({}) as Record<string, string>

function stubTarget(content: ContentSource, format: string | null, conformsTo: string[]): CheckTarget {
  const dataset: DatasetInfo = {
    iri: content.url, title: emptyLang(), description: emptyLang(), publisherIri: null, contactEmail: null, license: null,
    accessRights: null, accrualPeriodicity: null, conformsTo, spatial: [], temporal: [], keywords: [], themes: [],
    landingPage: null, issued: null, modified: null, hvdCategories: [], applicableLegislation: [],
  }
  const distribution: DistributionInfo = {
    iri: content.url, datasetIri: content.url, title: emptyLang(), description: emptyLang(), accessUrl: content.url,
    downloadUrl: content.url, format, mediaType: content.contentType, byteSize: null, license: null, accessRights: null,
    conformsTo, accessServiceIri: null, issued: null, modified: null,
  }
  return { dataset, distribution, dataServices: [], content }
}

function fromTableError(e: TableError, lang: 'sv' | 'en'): ReportError {
  const { message, hint } = describeTableError(e, lang)
  const out: ReportError = {
    type: e.type,
    rowNumber: e.rowNumber ?? null,
    fieldNumber: e.fieldNumber ?? null,
    fieldName: e.fieldName ?? null,
    cell: e.cell ?? null,
    note: e.note ?? null,
    message,
    hint,
  }
  if (e.line !== undefined) out.line = e.line
  return out
}

/** Validates one content source (see module comment). Throws only when reading fails. */
export async function validateContent(content: ContentSource, opts: ValidateContentOptions): Promise<ValidationReport> {
  const started = performance.now()
  const lang = opts.lang
  // Sniffed from the bytes alone: the file name or Content-Type is what the format check
  // compares against, not what decides how the bytes are read.
  const format: ContentKind = opts.format ?? contentKindOf(content.head, [])
  const errors: ReportError[] = []
  const findings: ReportFinding[] = []
  const warnings: string[] = []

  // Encoding first: the tabular pass decodes with what it finds.
  const enc = format === 'other' ? null : await detectTextEncoding(content.stream())
  if (enc && !enc.valid) {
    const e: TableError = { type: 'encoding-error', note: `${enc.encoding}${enc.sample ? `: "${enc.sample.trim()}"` : ''}`, line: enc.invalidAt?.line }
    errors.push(fromTableError(e, lang))
  } else if (enc?.bom) {
    findings.push({
      check: 'encoding', code: 'byte-order-mark', severity: 'info',
      message: lang === 'sv' ? 'Filen börjar med en UTF-8-BOM.' : 'The file starts with a UTF-8 BOM.',
      hint: lang === 'sv' ? 'Tillåtet; spara utan BOM om något verktyg visar skräptecken.' : 'Allowed; save without BOM if a tool shows stray characters.',
    })
  }
  const decodeAs = enc && !enc.valid && (enc.encoding === 'windows-1252' || enc.encoding === 'iso-8859-1') ? 'windows-1252' : 'utf-8'

  // The schema: given directly, or resolved from a specification URI.
  let schema = opts.schema ?? null
  const spec = opts.specification ?? null
  if (!schema && spec) {
    schema = await opts.resolveSchema(spec)
    if (!schema) findings.push({ check: 'conformance', ...unknownSpecificationFinding(spec, lang) })
  }

  let dialect: ValidationReport['dialect'] = null
  let rows = 0
  let fields = 0
  let bytes = enc?.bytes ?? 0
  if (format === 'csv') {
    let compiled = null
    if (schema?.kind === 'table-schema') {
      try {
        compiled = compileTableSchema(schema.schema)
      } catch (err) {
        warnings.push(`schema not used: ${(err as Error).message}`)
        findings.push({ check: 'conformance', code: 'schema-error', severity: 'warning', message: (err as Error).message, hint: lang === 'sv' ? 'Rätta schemat.' : 'Fix the schema.' })
      }
    } else if (schema) {
      warnings.push('a JSON Schema cannot check a CSV file; only the structure was checked')
    }
    const report = await validateTable(content.stream(), { schema: compiled, errorLimit: Math.max(1, opts.errorLimit - errors.length), encoding: decodeAs })
    for (const e of report.errors) errors.push(fromTableError(e, lang))
    warnings.push(...report.warnings)
    dialect = report.dialect
    rows = report.stats.rows
    fields = report.stats.fields
    bytes = report.stats.bytes
  } else if (format === 'json' || format === 'geojson') {
    if (!schema || schema.kind === 'json-schema') {
      try {
        // Without a schema the empty schema accepts any value: only well-formedness is checked.
        const report = await validateJson(content.stream(), schema ? schema.schema : {}, { errorLimit: opts.errorLimit })
        for (const e of report.errors) {
          errors.push({ type: e.type, rowNumber: null, fieldNumber: null, fieldName: null, cell: null, note: e.keyword ?? null, pointer: e.pointer, ...describeJsonError(e, lang) })
        }
        if (report.limitReached) warnings.push(`reached error limit: ${opts.errorLimit}`)
        bytes = report.bytes
      } catch (err) {
        findings.push({ check: 'conformance', code: 'schema-error', severity: 'warning', message: (err as Error).message, hint: lang === 'sv' ? 'Rätta schemat.' : 'Fix the schema.' })
      }
    } else {
      warnings.push('a Table Schema cannot check a JSON file')
    }
  }

  // The other content checks (format, ...), as registered.
  const target = stubTarget(content, opts.format ?? null, spec ? [spec] : [])
  const ctx: CheckContext = { lang, now: opts.now ?? new Date(), errorLimit: opts.errorLimit, resolveSchema: opts.resolveSchema }
  for (const check of opts.checks ?? registeredChecks) {
    if (NOT_HERE.has(check.id) || check.dimension === 'metadata' || check.dimension === 'freshness' || check.dimension === 'availability') continue
    let applies = false
    try {
      applies = check.appliesTo(target)
    } catch {
      applies = false
    }
    if (!applies) continue
    try {
      const result = await check.run(target, ctx)
      for (const f of result.findings) findings.push({ check: check.id, ...f })
    } catch (err) {
      warnings.push(`check ${check.id} could not run: ${(err as Error).message}`)
    }
  }

  const limitHit = warnings.some((w) => w.startsWith('reached error limit'))
  if (limitHit) {
    findings.push({
      check: 'csv-structure', code: 'error-limit-reached', severity: 'warning',
      message: describeTableError({ type: 'error-limit-reached', note: String(opts.errorLimit) }, lang).message,
      hint: describeTableError({ type: 'error-limit-reached', note: String(opts.errorLimit) }, lang).hint,
    })
  }
  const truncated = content.truncatedAtCap()
  if (truncated) warnings.push(`the file was checked only up to the byte cap (${bytes} bytes)`)
  const valid = errors.length === 0 && !findings.some((f) => f.severity === 'error')
  return {
    valid,
    source: content.url,
    format,
    encoding: enc ? enc.encoding : null,
    dialect,
    schema: schema ? { uri: spec, origin: schema.origin, kind: schema.kind } : null,
    stats: { rows, fields, errors: errors.length, bytes, seconds: Math.round(performance.now() - started) / 1000, truncatedAtCap: truncated },
    warnings,
    errors,
    findings,
  }
}

/** A readable report, Swedish or English, for the terminal. */
export function renderValidationReport(r: ValidationReport, lang: 'sv' | 'en', maxErrors = 200): string {
  const sv = lang === 'sv'
  const lines: string[] = []
  lines.push(sv ? `Fil: ${r.source}` : `File: ${r.source}`)
  const fmt = r.format === 'other' ? (sv ? 'okänt/ej tabulärt' : 'unknown/not tabular') : r.format.toUpperCase()
  lines.push(`${sv ? 'Format' : 'Format'}: ${fmt}${r.encoding ? `, ${sv ? 'teckenkodning' : 'encoding'} ${r.encoding}` : ''}`)
  if (r.dialect) {
    const d = r.dialect.delimiter === '\t' ? 'tab' : r.dialect.delimiter
    lines.push(sv ? `Avgränsare "${d}", citattecken ${r.dialect.quote}, rubrikrad ${r.dialect.header ? 'ja' : 'nej'}` : `Delimiter "${d}", quote ${r.dialect.quote}, header row ${r.dialect.header ? 'yes' : 'no'}`)
    lines.push(sv ? `${r.stats.rows} rader, ${r.stats.fields} kolumner, ${r.stats.bytes} byte` : `${r.stats.rows} rows, ${r.stats.fields} fields, ${r.stats.bytes} bytes`)
  }
  if (r.schema) lines.push(`${sv ? 'Schema' : 'Schema'}: ${r.schema.origin} (${r.schema.kind})`)
  lines.push('')
  const otherErrors = r.findings.filter((f) => f.severity === 'error').length
  const counts = sv
    ? `${r.errors.length} fel i innehållet${otherErrors ? `, ${otherErrors} fel från andra kontroller` : ''}`
    : `${r.errors.length} errors in the content${otherErrors ? `, ${otherErrors} errors from other checks` : ''}`
  lines.push(r.valid ? (sv ? 'GILTIG: inga fel hittades.' : 'VALID: no errors found.') : sv ? `OGILTIG: ${counts}.` : `INVALID: ${counts}.`)
  const shown = r.errors.slice(0, maxErrors)
  for (const e of shown) {
    lines.push(`  [${e.type}] ${e.message}`)
    lines.push(`      → ${e.hint}`)
  }
  if (r.errors.length > shown.length) lines.push(sv ? `  ... och ${r.errors.length - shown.length} fel till (använd --json för alla)` : `  ... and ${r.errors.length - shown.length} more (use --json for all)`)
  if (r.findings.length) {
    lines.push('')
    lines.push(sv ? 'Övriga iakttagelser:' : 'Other findings:')
    const sevName = (s: string) => (sv ? ({ error: 'fel', warning: 'varning', info: 'info' } as Record<string, string>)[s] ?? s : s)
    for (const f of r.findings) {
      lines.push(`  [${f.check}/${f.code}, ${sevName(f.severity)}] ${f.message}`)
      if (f.hint) lines.push(`      → ${f.hint}`)
    }
  }
  for (const w of r.warnings) lines.push(`${sv ? 'Obs' : 'Note'}: ${w}`)
  return lines.join('\n')
}
