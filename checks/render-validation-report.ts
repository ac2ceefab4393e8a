import { t } from '../src/i18n/catalogue.js'
import type { Lang } from '../src/i18n/lang.js'
import type { ValidationReport } from './validate-content.js'

/**
 * The report of `datavakt validate` as text for the terminal, in `lang`: what the file is,
 * the verdict, each error with how to fix it (at most `maxErrors`; --json has them all),
 * the other findings, and why the report may be incomplete.
 */
export function renderValidationReport(r: ValidationReport, lang: Lang, maxErrors = 200): string {
  const lines: string[] = [t(lang, 'validate.report.file', { source: r.source }), t(lang, 'validate.report.format', { format: r.format, encoding: r.encoding })]
  if (r.dialect) {
    lines.push(t(lang, 'validate.report.dialect', { ...r.dialect, headerRow: r.dialect.headerRows[0] }))
    lines.push(t(lang, 'validate.report.size', { rows: r.stats.rows, columns: r.stats.fields, bytes: r.stats.bytes }))
  }
  if (r.schema) lines.push(t(lang, 'validate.report.schema', { origin: r.schema.origin, kind: r.schema.kind }))
  lines.push('')
  const errors = [...r.errors, ...r.findings].filter((f) => f.severity === 'error').length
  lines.push(r.valid ? t(lang, 'validate.report.valid') : t(lang, 'validate.report.invalid', { errors }))
  const shown = r.errors.slice(0, maxErrors)
  for (const e of shown) {
    lines.push(`  [${e.check}/${e.type}, ${t(lang, `severity.${e.severity}`)}] ${e.message}`)
    if (e.hint) lines.push(`      → ${e.hint}`)
  }
  if (r.errors.length > shown.length) lines.push(`  ${t(lang, 'validate.report.more-errors', { n: r.errors.length - shown.length })}`)
  if (r.findings.length) {
    lines.push('', t(lang, 'validate.report.other-findings'))
    for (const f of r.findings) {
      lines.push(`  [${f.check}/${f.code}, ${t(lang, `severity.${f.severity}`)}] ${f.message}`)
      if (f.hint) lines.push(`      → ${f.hint}`)
    }
  }
  for (const w of r.warnings) lines.push(t(lang, 'validate.report.note', { text: w }))
  return lines.join('\n')
}
