import type { Finding, Severity } from '../types.js'
import type { TableError } from './table-error.js'

/** Blank rows are untidy, not wrong: everything else breaks a reader or the schema. */
const SEVERITY: Record<string, Severity> = { 'blank-row': 'warning', 'error-limit-reached': 'warning' }

/**
 * Turns a tabular error into a check finding: its code and the params its words need
 * (src/i18n/messages/findings-content-table.ts), never words.
 */
export function tableErrorToFinding(e: TableError): Finding {
  const params: Record<string, string | number> = {}
  const location: Finding['location'] = {}
  if (e.rowNumber !== undefined) params.row = location.rowNumber = e.rowNumber
  if (e.rowNumbers !== undefined) {
    location.rowNumbers = e.rowNumbers
    params.headerRow = e.rowNumbers[0]!
  }
  if (e.fieldNumber !== undefined) params.field = location.fieldNumber = e.fieldNumber
  if (e.fieldName) params.fieldName = location.fieldName = e.fieldName
  if (e.line !== undefined) params.line = location.line = e.line
  if (e.cell !== undefined) params.cell = e.cell
  if (e.duplicateOf !== undefined) params.duplicateOf = e.duplicateOf
  if (e.fieldType !== undefined) params.fieldType = e.fieldType
  if (e.inferred) params.inferred = 'yes'
  if (e.type === 'constraint-error' && e.note !== undefined) params.constraint = e.note
  if ((e.type === 'error-limit-reached' || e.type === 'field-too-long' || e.type === 'too-many-columns') && e.note !== undefined) params.limit = Number(e.note)
  const f: Finding = { code: e.type, severity: SEVERITY[e.type] ?? 'error', params }
  if (Object.keys(location).length) f.location = location
  return f
}

/** The finding that says checking stopped at the error limit (never stop silently). */
export function errorLimitFinding(limit: number): Finding {
  return tableErrorToFinding({ type: 'error-limit-reached', note: String(limit) })
}
