/**
 * Frictionless comparison: CSV files written to reproduce each Frictionless error type,
 * validated by datavakt, compared with what Frictionless (frictionless-py v5) reports as
 * `report.flatten(["rowNumber", "fieldNumber", "type"])`.
 *
 * Where the expectations come from:
 * - frictionless-invalid.csv is the example of Frictionless's own "Getting started"
 *   guide; the expected list is the report printed there, as
 *   fixtures-frictionless/expected.json keeps it.
 * - the others follow frictionless-py's table/row.py and table/header.py: a type error
 *   stops the constraint checks of that cell; every failed constraint is its own error;
 *   a missing cell is a missing value (so `required` fails before the missing-cell
 *   error); a row whose every field is blank is reported only as blank-row; label errors
 *   carry no row number (their `rowNumbers` are the header's, [1]), in both tools.
 */
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileTableSchema } from '../../checks/table-schema/compile-table-schema.js'
import { tableErrorToFinding } from '../../checks/table-schema/table-error-to-finding.js'
import { describeFinding } from '../../src/i18n/catalogue.js'
import { LABEL_ERROR_TYPES } from '../../checks/table-schema/table-error.js'
import { validateTable } from '../../checks/table-schema/validate-table.js'
import { frictionlessReport } from './frictionless-parity.js'

const dir = join(import.meta.dirname, 'fixtures-tabular')

async function validateFixture(file: string, schemaFile?: string, chunkSize?: number) {
  const schema = schemaFile ? compileTableSchema(JSON.parse(await readFile(join(dir, schemaFile), 'utf8'))) : null
  const stream = createReadStream(join(dir, file), chunkSize ? { highWaterMark: chunkSize } : {})
  return validateTable(stream, { schema, errorLimit: 1000 })
}

type Flat = [number | null, number | null, string]
function flatten(errors: { type: string; rowNumber?: number; fieldNumber?: number }[]): Flat[] {
  return errors.map((e) => [e.rowNumber ?? null, e.fieldNumber ?? null, e.type])
}

const cases: { name: string; file: string; schema?: string; expected: Flat[] }[] = [
  {
    name: 'the Frictionless guide example (blank-label, duplicate-label, missing-cell, blank-row, extra-cell)',
    file: 'frictionless-invalid.csv',
    expected: await frictionlessReport('../fixtures-tabular/frictionless-invalid.csv'),
  },
  { name: 'type-error (not an integer; 30 February)', file: 'type-error.csv', schema: 'type-error.schema.json', expected: [[3, 1, 'type-error'], [3, 2, 'type-error']] },
  {
    name: 'constraint-error (required, maximum, pattern, enum)',
    file: 'constraint-error.csv',
    schema: 'constraint-error.schema.json',
    expected: [[3, 1, 'constraint-error'], [3, 2, 'constraint-error'], [3, 3, 'constraint-error'], [3, 4, 'constraint-error']],
  },
  { name: 'unique-error', file: 'unique-error.csv', schema: 'unique-error.schema.json', expected: [[4, 1, 'unique-error'], [5, 1, 'unique-error']] },
  { name: 'primary-key (composite)', file: 'primary-key.csv', schema: 'primary-key.schema.json', expected: [[4, null, 'primary-key']] },
  { name: 'foreign-key to the same file', file: 'foreign-key.csv', schema: 'foreign-key.schema.json', expected: [[4, null, 'foreign-key']] },
  { name: 'extra-label (and the extra cell it brings)', file: 'extra-label.csv', schema: 'two-fields.schema.json', expected: [[null, 3, 'extra-label'], [2, 3, 'extra-cell']] },
  { name: 'missing-label (and the missing cell)', file: 'missing-label.csv', schema: 'three-fields.schema.json', expected: [[null, 3, 'missing-label'], [2, 3, 'missing-cell']] },
  { name: 'incorrect-label', file: 'incorrect-label.csv', schema: 'two-fields.schema.json', expected: [[null, 2, 'incorrect-label']] },
  { name: 'missingValues: NA is no value, x is a type error', file: 'missing-values.csv', schema: 'missing-values.schema.json', expected: [[3, 2, 'type-error']] },
  { name: 'Swedish decimal comma and space grouping; a point is an error', file: 'decimal-comma.csv', schema: 'decimal-comma.schema.json', expected: [[3, 2, 'type-error']] },
]

describe('Frictionless comparison', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const report = await validateFixture(c.file, c.schema)
      expect(flatten(report.errors)).toEqual(c.expected)
      expect(report.valid).toBe(false)
      // Label errors belong to the header (row 1 here), not to a row of data.
      for (const e of report.errors) {
        if (LABEL_ERROR_TYPES.has(e.type)) expect([e.rowNumber, e.rowNumbers]).toEqual([undefined, [1]])
        else expect(e.rowNumbers).toBeUndefined()
      }
    })
  }

  it('gives the same result when the file arrives in 3-byte chunks (records split across chunks)', async () => {
    for (const c of cases) {
      const whole = await validateFixture(c.file, c.schema)
      const chunked = await validateFixture(c.file, c.schema, 3)
      expect(flatten(chunked.errors), c.file).toEqual(flatten(whole.errors))
    }
  })

  it('names inferred fields as Frictionless does (field3, name2)', async () => {
    const report = await validateFixture('frictionless-invalid.csv')
    const missing = report.errors.filter((e) => e.type === 'missing-cell' && e.rowNumber === 2).map((e) => e.fieldName)
    expect(missing).toEqual(['field3', 'name2'])
    expect(report.stats.rows).toBe(4)
    expect(report.stats.fields).toBe(4)
  })

  it('reports the failed constraint by name', async () => {
    const report = await validateFixture('constraint-error.csv', 'constraint-error.schema.json')
    expect(report.errors.map((e) => e.note)).toEqual(['required', 'maximum', 'pattern', 'enum'])
  })

  it('passes a clean file', async () => {
    const ok = await validateTable(
      (async function* () {
        yield Buffer.from('id,date\n1,2024-01-31\n2,2024-02-29\n')
      })(),
      { schema: compileTableSchema({ fields: [{ name: 'id', type: 'integer' }, { name: 'date', type: 'date' }] }), errorLimit: 10 },
    )
    expect(ok.errors).toEqual([])
    expect(ok.valid).toBe(true)
  })

  it('gives every error type a Swedish message and an actionable hint from the catalogue, and English ones', async () => {
    const all = []
    for (const c of cases) all.push(...(await validateFixture(c.file, c.schema)).errors)
    const types = new Set(all.map((e) => e.type))
    expect(types.size).toBeGreaterThanOrEqual(13)
    for (const e of all) {
      const f = tableErrorToFinding(e)
      expect(Object.keys(f)).not.toContain('message')
      const sv = describeFinding(f, 'sv')
      const en = describeFinding(f, 'en')
      expect(sv.message.length).toBeGreaterThan(10)
      expect(sv.hint!.length).toBeGreaterThan(10)
      expect(sv.message).not.toContain(e.type)
      expect(en.message).not.toEqual(sv.message)
      if (e.rowNumber && !LABEL_ERROR_TYPES.has(e.type)) expect(sv.message).toContain(`rad ${e.rowNumber}`)
    }
  })
})
