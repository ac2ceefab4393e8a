/** Field types, formats, constraints, missing values and fieldsMatch of the Table Schema validator. */
import { describe, expect, it } from 'vitest'
import { compileTableSchema } from '../../checks/table-schema/compile-table-schema.js'
import { compileReader, TableSchemaError, TYPE_ERROR } from '../../checks/table-schema/field-types.js'
import type { TableSchema, TableSchemaField } from '../../checks/table-schema/table-schema-types.js'
import { validateTable } from '../../checks/table-schema/validate-table.js'

const ok = (field: Omit<TableSchemaField, 'name'>, raw: string) => compileReader({ name: 'x', ...field })(raw) !== TYPE_ERROR

async function run(csv: string, schema: TableSchema | null, errorLimit = 1000) {
  return validateTable(
    (async function* () {
      yield Buffer.from(csv)
    })(),
    { schema: schema ? compileTableSchema(schema) : null, errorLimit },
  )
}
const flat = (r: Awaited<ReturnType<typeof run>>) => r.errors.map((e) => [e.rowNumber ?? null, e.fieldNumber ?? null, e.type, e.note ?? null])

/** A field (its name aside), the raw cells it reads, and the raw cells that are a type error in it. */
type Reads = [field: Omit<TableSchemaField, 'name'>, reads: string[], refuses: string[]]

const FIELDS: Reads[] = [
  // Integer: signs and digits only; groupChar and bareNumber.
  [{ type: 'integer' }, ['-12', '+7'], ['1.0', '1 000', '']],
  [{ type: 'integer', groupChar: ' ' }, ['1 000'], []],
  [{ type: 'integer', bareNumber: false }, ['12 st'], []],
  // Number: decimal point by default, Swedish decimal comma and (no-break) space grouping on request.
  [{ type: 'number' }, ['3.14', '1e3', 'NaN'], ['3,14']],
  [{ type: 'number', decimalChar: ',' }, ['3,14'], ['3.14']],
  [{ type: 'number', decimalChar: ',', groupChar: ' ' }, ['1\u00a0234,5'], []],
  [{ type: 'number', decimalChar: ',', groupChar: '.' }, ['1.234,5'], []],
  [{ type: 'number', bareNumber: false, decimalChar: ',' }, ['12,5 %'], []],
  // Boolean: default true/false values, and custom ones.
  [{ type: 'boolean' }, ['TRUE', '0'], ['ja']],
  [{ type: 'boolean', trueValues: ['ja'], falseValues: ['nej'] }, ['ja'], ['true']],
  // Date, datetime, time, year: ISO by default, calendar-checked, strptime formats.
  [{ type: 'date' }, ['2024-02-29'], ['2023-02-29', '2024-13-01', '24-01-01']],
  [{ type: 'date', format: '%d/%m/%Y' }, ['31/12/2024'], ['2024-12-31']],
  [{ type: 'date', format: 'any' }, ['2024-12-31'], []],
  [{ type: 'datetime' }, ['2024-05-01T12:30:00Z', '2024-05-01T12:30:00+02:00'], ['2024-05-01 12:30', '2024-02-30T12:00:00Z', '2024-05-01T25:00:00', '2024-05-01T1a:00:00']],
  [{ type: 'time' }, ['23:59:59'], ['24:00:00']],
  [{ type: 'year' }, ['2024'], ['24']],
  // Geopoint: "lon, lat", array and object forms, range-checked.
  [{ type: 'geopoint' }, ['11.97, 57.70'], ['11.97,95']],
  [{ type: 'geopoint', format: 'array' }, ['[11.97, 57.7]'], []],
  [{ type: 'geopoint', format: 'object' }, ['{"lon": 11.97, "lat": 57.7}'], ['{"lon": "x"}']],
  // String formats email, uri, uuid; any and unknown types accept everything.
  [{ type: 'string', format: 'email' }, ['info@goteborg.se'], ['mailto:info']],
  [{ type: 'string', format: 'uri' }, ['https://example.org/x'], ['www.example.org']],
  [{ type: 'string', format: 'uuid' }, ['123e4567-e89b-12d3-a456-426614174000'], []],
  [{ type: 'any' }, ['¤%&'], []],
  [{ type: 'object' }, ['whatever'], []],
]

describe('field types', () => {
  it.each(FIELDS)('%j reads %j and not %j', (field, reads, refuses) => {
    expect(reads.filter((raw) => !ok(field, raw)), 'cells it should read').toEqual([])
    expect(refuses.filter((raw) => ok(field, raw)), 'cells it should refuse').toEqual([])
  })

  it('a number read with a decimal comma and space grouping is its value', () => {
    expect(compileReader({ name: 'x', type: 'number', decimalChar: ',', groupChar: ' ' })('1 234,5')).toBe(1234.5)
  })

  it('a datetime is read as its instant, the offset applied', () => {
    expect(compileReader({ name: 'x', type: 'datetime' })('2024-05-01T12:30:00Z')).toBe(Date.UTC(2024, 4, 1, 12, 30))
    expect(compileReader({ name: 'x', type: 'datetime' })('2024-05-01T12:30:00+02:00')).toBe(Date.UTC(2024, 4, 1, 10, 30))
  })

  it('an strptime format it does not know is refused when the field is compiled', () => {
    expect(() => compileReader({ name: 'x', type: 'date', format: '%Q' })).toThrow(TableSchemaError)
  })
})

describe('constraints', () => {
  it('minimum/maximum compare typed values, also for dates', async () => {
    const r = await run('d,n\n2024-01-01,5\n2023-12-31,11\n', {
      fields: [
        { name: 'd', type: 'date', constraints: { minimum: '2024-01-01' } },
        { name: 'n', type: 'number', decimalChar: ',', constraints: { minimum: 0.5, maximum: 10 } },
      ],
    })
    expect(flat(r)).toEqual([[3, 1, 'constraint-error', 'minimum'], [3, 2, 'constraint-error', 'maximum']])
  })

  it('minLength/maxLength, and several failures in one cell each reported', async () => {
    const r = await run('s\nabc\nabcdefgh\n', { fields: [{ name: 's', type: 'string', constraints: { maxLength: 5, pattern: '[a-c]+' } }] })
    expect(flat(r)).toEqual([[3, 1, 'constraint-error', 'maxLength'], [3, 1, 'constraint-error', 'pattern']])
  })

  it('enum compares typed values (1.0 equals 1 for a number)', async () => {
    const r = await run('n\n1.0\n3\n', { fields: [{ name: 'n', type: 'number', constraints: { enum: [1, 2] } }] })
    expect(flat(r)).toEqual([[3, 1, 'constraint-error', 'enum']])
  })

  it('a type error skips that cell constraints; a key that is missing or unreadable is a primary-key error of the row (Frictionless)', async () => {
    const r = await run('id,n\nx,1\n,2\n7,3\n', { fields: [{ name: 'id', type: 'integer', constraints: { minimum: 5 } }, { name: 'n', type: 'integer' }], primaryKey: 'id' })
    const noKey = 'cells composing the primary keys are all "None"'
    expect(flat(r)).toEqual([[2, 1, 'type-error', 'type is "integer"'], [2, null, 'primary-key', noKey], [3, null, 'primary-key', noKey]])
  })

  it('per-field missingValues override the schema ones', async () => {
    const r = await run('a,b\n-,-\n', { missingValues: ['-'], fields: [{ name: 'a', type: 'integer' }, { name: 'b', type: 'integer', missingValues: [''] }] })
    expect(flat(r)).toEqual([[2, 2, 'type-error', 'type is "integer"']])
  })

  it('refuses a schema it cannot honour instead of ignoring it', () => {
    const codeOf = (schema: unknown) => {
      try {
        compileTableSchema(schema)
      } catch (err) {
        expect(err).toBeInstanceOf(TableSchemaError)
        return (err as TableSchemaError).code
      }
      return 'compiled'
    }
    expect(codeOf({ fields: 'x' })).toBe('checks.table-schema.no-fields')
    expect(codeOf({ fields: [{ name: 'a', constraints: { pattern: '(' } }] })).toBe('checks.table-schema.pattern-unsafe')
    expect(codeOf({ fields: [{ name: 'a' }], primaryKey: 'b' })).toBe('checks.table-schema.primary-key-unknown')
    expect(codeOf({ fields: [{ name: 'a', type: 'integer', constraints: { minimum: 'x' } }] })).toBe('checks.table-schema.constraint-not-of-type')
    expect(codeOf({ fields: [{ name: 'a' }], fieldsMatch: 'some' })).toBe('checks.table-schema.fields-match-unknown')
    expect(codeOf({ fields: [{ name: 'a' }], foreignKeys: [{ fields: 'a', reference: { fields: 'b' } }] })).toBe('checks.table-schema.foreign-key-unknown')
    expect(codeOf({ fields: [{ name: 'a' }], foreignKeys: [{ fields: ['a'], reference: { fields: [] } }] })).toBe('checks.table-schema.foreign-key-arity')
    expect(codeOf({ fields: [{ name: 'a', type: 'date', format: '%Q' }] })).toBe('checks.table-schema.unsupported-format')
  })

  it('foreign keys to other resources are skipped with a warning, not silently', async () => {
    const r = await run('a\n1\n', { fields: [{ name: 'a', type: 'integer' }], foreignKeys: [{ fields: 'a', reference: { resource: 'other', fields: 'id' } }] })
    expect(r.valid).toBe(true)
    expect(r.warnings.join(' ')).toMatch(/foreign key/)
  })
})

describe('fieldsMatch', () => {
  const fields: TableSchemaField[] = [{ name: 'id', type: 'integer' }, { name: 'name', constraints: { required: true } }, { name: 'note' }]
  const types = (r: Awaited<ReturnType<typeof run>>) => r.errors.map((e) => `${e.type}:${e.fieldNumber ?? ''}:${e.fieldName || e.cell || ''}`)

  it('exact (default) maps by position', async () => {
    expect(types(await run('name,id,note\na,1,\n', { fields }))).toContain('incorrect-label:1:id')
  })
  it('equal: any order, all fields, no others', async () => {
    expect(types(await run('note,name,id\n,a,1\n', { fields, fieldsMatch: 'equal' }))).toEqual([])
    expect(types(await run('name,id,extra\na,1,x\n', { fields, fieldsMatch: 'equal' }))).toEqual(['extra-label:3:extra', 'missing-label:4:note'])
  })
  it('subset: extra labels allowed, every field needed', async () => {
    expect(types(await run('name,id,extra,note\na,1,x,\n', { fields, fieldsMatch: 'subset' }))).toEqual([])
    expect(types(await run('name,extra\na,x\n', { fields, fieldsMatch: 'subset' }))).toEqual(['missing-label:3:id', 'missing-label:4:note'])
  })
  it('superset: only the required fields are needed, no extra labels', async () => {
    expect(types(await run('name\na\n', { fields, fieldsMatch: 'superset' }))).toEqual([])
    expect(types(await run('id,x\n1,2\n', { fields, fieldsMatch: 'superset' }))).toEqual(['extra-label:2:x', 'missing-label:3:name'])
  })
  it('partial: at least one field must match', async () => {
    expect(types(await run('name,x\na,1\n', { fields, fieldsMatch: 'partial' }))).toEqual([])
    expect(types(await run('x,y\n1,2\n', { fields, fieldsMatch: 'partial' }))).toContain('unmatched-header::')
  })
  it('values are checked under the matched field, whatever the column order', async () => {
    const r = await run('name,id\na,x\n', { fields: fields.slice(0, 2), fieldsMatch: 'equal' })
    expect(flat(r)).toEqual([[2, 2, 'type-error', 'type is "integer"']])
    expect(r.errors[0]!.fieldName).toBe('id')
  })
})
