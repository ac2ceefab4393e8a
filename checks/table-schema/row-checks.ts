/**
 * The checks on one data row of a CSV file, once its header told which field each column
 * holds: missing values, types, constraints, cell counts, blank rows, and (keeping only
 * what they need) uniqueness, the primary key and self-referencing foreign keys, which are
 * judged at the end of the file. Errors are named and numbered as Frictionless does.
 * The per-row work allocates nothing beyond the errors it reports.
 */
import type { CompiledField, CompiledTableSchema } from './compile-table-schema.js'
import { TYPE_ERROR, type CellValue } from './field-types.js'
import { SeenValues } from './seen-values.js'
import type { TableError } from './table-error.js'

/** A row whose primary-key cells are all missing or unreadable (Frictionless's note, in its words). */
function noKeyError(rowNumber: number): TableError {
  return { type: 'primary-key', rowNumber, note: 'cells composing the primary keys are all "None"' }
}

/** A self-referencing foreign key: the keys seen in the referenced columns, and the rows still to judge. */
interface ForeignKeyPlan {
  own: number[]
  ref: number[]
  refKeys: Set<string>
  pending: { row: number; key: string; cells: string }[]
}

/** The row checks for one header's fields (see module comment). */
export class RowChecks {
  readonly fields: CompiledField[]
  /** Typed values of the current row, for unique and key checks. */
  private readonly values: (CellValue | null)[]
  private readonly uniqueIdx: number[] = []
  private readonly uniqueSeen: SeenValues[] = []
  private readonly pkIdx: number[]
  private readonly pkSeen = new SeenValues()
  private readonly fkPlans: ForeignKeyPlan[] = []
  private readonly needValues: boolean

  constructor(fields: CompiledField[], schema: CompiledTableSchema | null) {
    this.fields = fields
    this.values = new Array<CellValue | null>(fields.length).fill(null)
    fields.forEach((f, i) => {
      if (f.unique) {
        this.uniqueIdx.push(i)
        this.uniqueSeen.push(new SeenValues())
      }
    })
    const pos = (name: string) => fields.findIndex((f) => f.name === name)
    const pkIdx = schema ? schema.primaryKey.map(pos) : []
    // A key field absent from the file cannot be checked; missing-label already says so.
    this.pkIdx = pkIdx.includes(-1) ? [] : pkIdx
    for (const fk of schema?.foreignKeys ?? []) {
      const own = fk.fields.map(pos)
      const ref = fk.referenceFields.map(pos)
      if (own.includes(-1) || ref.includes(-1)) continue
      this.fkPlans.push({ own, ref, refKeys: new Set(), pending: [] })
    }
    this.needValues = this.uniqueIdx.length > 0 || this.pkIdx.length > 0 || this.fkPlans.length > 0
  }

  /** Checks one data row (row `rowNumber` of the file), adding its errors to `errors`. */
  check(cells: string[], rowNumber: number, errors: TableError[]): void {
    const start = errors.length
    const n = this.fields.length
    const len = cells.length
    const lim = len < n ? len : n
    let blank = 0
    for (let i = 0; i < lim; i++) if (this.checkCell(i, cells[i]!, rowNumber, errors)) blank++
    // Every cell the row has is empty, and the ones it lacks are missing values: a blank row,
    // said at once (a blank line under a wide header would otherwise make an error per column first).
    if (blank === lim && n > 0) return this.blankRow(rowNumber, start, errors)
    // Missing cells are missing values: a required field fails its constraint too,
    // before the missing-cell errors, as Frictionless orders them.
    for (let i = lim; i < n; i++) {
      const f = this.fields[i]!
      if (this.needValues) this.values[i] = null
      if (f.required) errors.push({ type: 'constraint-error', rowNumber, fieldNumber: i + 1, fieldName: f.name, cell: '', note: 'required' })
    }
    for (let i = n; i < len; i++) errors.push({ type: 'extra-cell', rowNumber, fieldNumber: i + 1, fieldName: '', cell: cells[i] })
    for (let i = lim; i < n; i++) errors.push({ type: 'missing-cell', rowNumber, fieldNumber: i + 1, fieldName: this.fields[i]!.name, cell: '' })
    if (this.needValues) this.checkKeys(cells, rowNumber, errors)
  }

  /** A blank row is only that (its cells' errors are dropped), and has no key either: Frictionless reports both. */
  private blankRow(rowNumber: number, start: number, errors: TableError[]): void {
    errors.length = start
    errors.push({ type: 'blank-row', rowNumber })
    if (this.pkIdx.length > 0) errors.push(noKeyError(rowNumber))
  }

  /** Checks the cell of column `i`; true when it is a missing value. */
  private checkCell(i: number, raw: string, rowNumber: number, errors: TableError[]): boolean {
    const f = this.fields[i]!
    if (f.missingIsEmptyOnly ? raw === '' : f.missing.has(raw)) {
      if (f.required) errors.push({ type: 'constraint-error', rowNumber, fieldNumber: i + 1, fieldName: f.name, cell: raw, note: 'required' })
      if (this.needValues) this.values[i] = null
      return true
    }
    const v = f.read(raw)
    if (v === TYPE_ERROR) {
      const e: TableError = { type: 'type-error', rowNumber, fieldNumber: i + 1, fieldName: f.name, cell: raw, fieldType: f.type, note: `type is "${f.type}"` }
      if (f.inferred) e.inferred = true
      errors.push(e)
      if (this.needValues) this.values[i] = null
      return false
    }
    if (f.check !== null && f.check(v, raw) !== null) {
      for (const c of f.constraintChecks) {
        const failed = c(v, raw)
        if (failed !== null) errors.push({ type: 'constraint-error', rowNumber, fieldNumber: i + 1, fieldName: f.name, cell: raw, note: failed })
      }
    }
    if (this.needValues) this.values[i] = v
    return false
  }

  private checkKeys(cells: string[], rowNumber: number, errors: TableError[]): void {
    for (let u = 0; u < this.uniqueIdx.length; u++) {
      const i = this.uniqueIdx[u]!
      const v = this.values[i]
      if (v === null || v === undefined) continue
      const first = this.uniqueSeen[u]!.firstRowOr(v, rowNumber)
      if (first !== undefined)
        errors.push({ type: 'unique-error', rowNumber, fieldNumber: i + 1, fieldName: this.fields[i]!.name, cell: cells[i], note: `the same as in the row at position ${first}`, duplicateOf: first })
    }
    if (this.pkIdx.length > 0) this.checkPrimaryKey(rowNumber, errors)
    for (const plan of this.fkPlans) {
      plan.refKeys.add(this.keyOf(plan.ref))
      let allNull = true
      for (const i of plan.own) if (this.values[i] !== null && this.values[i] !== undefined) allNull = false
      if (!allNull) plan.pending.push({ row: rowNumber, key: this.keyOf(plan.own), cells: plan.own.map((i) => cells[i] ?? '').join(', ') })
    }
  }

  private checkPrimaryKey(rowNumber: number, errors: TableError[]): void {
    const pkIdx = this.pkIdx
    let allNull = true
    let key: CellValue | string = ''
    if (pkIdx.length === 1) {
      // A single-field key is kept typed, so integer ids stay compact.
      const v = this.values[pkIdx[0]!]
      if (v !== null && v !== undefined) {
        allNull = false
        key = v
      }
    } else {
      for (let k = 0; k < pkIdx.length; k++) {
        const v = this.values[pkIdx[k]!]
        if (v !== null && v !== undefined) allNull = false
        key += (k ? '\u0000' : '') + String(v)
      }
    }
    if (allNull) {
      errors.push(noKeyError(rowNumber))
      return
    }
    const first = this.pkSeen.firstRowOr(key, rowNumber)
    if (first !== undefined) errors.push({ type: 'primary-key', rowNumber, note: `the same as in the row at position ${first}`, duplicateOf: first })
  }

  private keyOf(idx: number[]): string {
    let key = ''
    for (let k = 0; k < idx.length; k++) key += (k ? '\u0000' : '') + String(this.values[idx[k]!])
    return key
  }

  /** The foreign-key errors, which can only be judged once every row is known. */
  finish(errors: TableError[]): void {
    for (const plan of this.fkPlans) {
      for (const p of plan.pending) {
        if (!plan.refKeys.has(p.key)) errors.push({ type: 'foreign-key', rowNumber: p.row, cell: p.cells, note: `for "${p.cells}": values not found in the lookup table` })
      }
    }
  }
}
