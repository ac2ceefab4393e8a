import type { Finding, Severity } from '../types.js'
import { describeTableError } from './describe-table-error.js'
import type { TableError } from './table-error.js'

/** Blank rows are untidy, not wrong: everything else breaks a reader or the schema. */
const SEVERITY: Record<string, Severity> = { 'blank-row': 'warning', 'error-limit-reached': 'warning' }

/** Turns a tabular error into a check finding with a localized message and hint. */
export function tableErrorToFinding(e: TableError, lang: 'sv' | 'en'): Finding {
  const { message, hint } = describeTableError(e, lang)
  const location: Finding['location'] = {}
  if (e.rowNumber !== undefined) location.rowNumber = e.rowNumber
  if (e.fieldNumber !== undefined) location.fieldNumber = e.fieldNumber
  if (e.fieldName) location.fieldName = e.fieldName
  if (e.line !== undefined) location.line = e.line
  return { code: e.type, severity: SEVERITY[e.type] ?? 'error', message, hint, location: Object.keys(location).length ? location : undefined }
}

/** The finding that says checking stopped at the error limit (never stop silently). */
export function errorLimitFinding(limit: number, lang: 'sv' | 'en'): Finding {
  return tableErrorToFinding({ type: 'error-limit-reached', note: String(limit) }, lang)
}
