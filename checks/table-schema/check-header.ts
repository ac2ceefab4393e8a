/**
 * The header of a CSV file against its Table Schema, as Frictionless's Header compares
 * them: label errors (blank, duplicate, extra, missing, incorrect) and the field expected
 * at each column position, for the row checks (row-checks.ts) that follow.
 */
import { anyField, type CompiledField, type CompiledTableSchema } from './compile-table-schema.js'
import type { TableError } from './table-error.js'

/**
 * Compares the header with the schema as Frictionless's Header does, and returns the
 * label errors and the field expected at each column position. Without a schema the
 * fields are inferred from the labels (blank → fieldN, duplicates numbered) and typed any.
 */
export function checkHeader(labels: string[], schema: CompiledTableSchema | null, rowNumber: number, errorLimit = Infinity): { errors: TableError[]; expected: CompiledField[] } {
  const errors: TableError[] = []
  // Label errors belong to the header, as Frictionless gives them: its row numbers, no row of data.
  const rowNumbers = [rowNumber]
  if (labels.length === 0 || (labels.length === 1 && labels[0] === '')) {
    if (!schema) return { errors: [{ type: 'blank-header', rowNumbers: [rowNumber] }], expected: [] }
  }
  if (!schema) {
    // Names as Frictionless infers them: a blank label becomes fieldN (N = position), a
    // repeated label gets its occurrence count (name, name2, name3).
    const seenCount = new Map<string, number>()
    const expected = labels.map((label, i) => {
      if (label === '') return anyField(`field${i + 1}`, i + 1)
      const count = (seenCount.get(label) ?? 0) + 1
      seenCount.set(label, count)
      return anyField(count === 1 ? label : `${label}${count}`, i + 1)
    })
    labelLoop(labels, expected, errors, rowNumbers, false, errorLimit)
    return { errors, expected }
  }
  const fields = schema.fields
  const mode = schema.fieldsMatch
  if (mode === 'exact') {
    for (let i = fields.length; i < labels.length; i++) errors.push({ type: 'extra-label', rowNumbers, fieldNumber: i + 1, fieldName: '', cell: labels[i] })
    for (let i = labels.length; i < fields.length; i++) errors.push({ type: 'missing-label', rowNumbers, fieldNumber: i + 1, fieldName: fields[i]!.name, cell: '' })
    labelLoop(labels, fields, errors, rowNumbers, true, errorLimit)
    return { errors, expected: fields }
  }
  // Name-matched modes: columns may come in any order.
  const expected: CompiledField[] = []
  // Label → field, built once, so matching is one lookup per column.
  const byLabel = new Map<string, CompiledField>()
  for (const f of fields) for (const l of f.labels) if (!byLabel.has(l)) byLabel.set(l, f)
  const found = new Set<CompiledField>()
  const seen = new Map<string, number>()
  labels.forEach((label, i) => {
    const firstAt = seen.get(label)
    if (firstAt !== undefined && label !== '') {
      if (errors.length < errorLimit) errors.push({ type: 'duplicate-label', rowNumbers, fieldNumber: i + 1, fieldName: label, cell: label, note: `at position "${firstAt}"` })
    } else seen.set(label, i + 1)
    const f = byLabel.get(label.replace(/\n/g, ' ').trim())
    if (f && !found.has(f)) {
      found.add(f)
      expected.push(f)
      return
    }
    if (mode !== 'subset' && mode !== 'partial' && errors.length < errorLimit) {
      errors.push(label === '' ? { type: 'blank-label', rowNumbers, fieldNumber: i + 1, fieldName: '', cell: '' } : { type: 'extra-label', rowNumbers, fieldNumber: i + 1, fieldName: '', cell: label })
    }
    expected.push(anyField(label || `field${i + 1}`, i + 1))
  })
  if (mode === 'partial' && fields.length > 0 && found.size === 0) {
    errors.push({ type: 'unmatched-header', rowNumbers, note: 'no label matches a schema field' })
  }
  const tolerateMissing = mode === 'superset' || mode === 'partial'
  let at = labels.length + 1
  for (const f of fields) {
    if (found.has(f)) continue
    if (tolerateMissing && !f.required) continue
    errors.push({ type: 'missing-label', rowNumbers, fieldNumber: at++, fieldName: f.name, cell: '' })
  }
  return { errors, expected }
}

function labelLoop(labels: string[], fields: CompiledField[], errors: TableError[], rowNumbers: number[], compareNames: boolean, errorLimit: number): void {
  const n = Math.min(labels.length, fields.length)
  // First position of each label: one map lookup per column keeps a table of any width linear.
  const firstAt = new Map<string, number>()
  for (let i = 0; i < n && errors.length < errorLimit; i++) {
    const f = fields[i]!
    const label = labels[i]!
    if (label === '') {
      errors.push({ type: 'blank-label', rowNumbers, fieldNumber: i + 1, fieldName: f.name, cell: '' })
      continue
    }
    const first = firstAt.get(label)
    if (first !== undefined) {
      // The note names the first position only, so it stays short however often a label repeats.
      errors.push({ type: 'duplicate-label', rowNumbers, fieldNumber: i + 1, fieldName: f.name, cell: label, note: `at position "${first}"` })
      continue
    }
    firstAt.set(label, i + 1)
    if (compareNames && !f.labels.includes(label.replace(/\n/g, ' ').trim())) {
      errors.push({ type: 'incorrect-label', rowNumbers, fieldNumber: i + 1, fieldName: f.name, cell: label })
    }
  }
}
