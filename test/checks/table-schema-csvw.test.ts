/**
 * CSVW → Table Schema mapping, tested with the columns of the Offentliga toaletter draft
 * (shared/reference/swedish-specifications.md §1; a forum draft, used here only as test
 * data, never bundled as a specification).
 */
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileTableSchema } from '../../checks/table-schema/compile-table-schema.js'
import { csvwToTableSchema, isCsvwMetadata } from '../../checks/table-schema/csvw-to-table-schema.js'
import { TableSchemaError } from '../../checks/table-schema/field-types.js'
import { validateTable } from '../../checks/table-schema/validate-table.js'

const dir = join(import.meta.dirname, 'fixtures-tabular')
const draft = async () => JSON.parse(await readFile(join(dir, 'toaletter-draft.csvw.json'), 'utf8')) as unknown

async function check(file: string) {
  const schema = compileTableSchema(csvwToTableSchema(await draft()))
  return validateTable(createReadStream(join(dir, file)), { schema, errorLimit: 100 })
}

describe('CSVW to Table Schema', () => {
  it('maps name, titles, datatype base and format, required, primaryKey', async () => {
    const doc = await draft()
    expect(isCsvwMetadata(doc)).toBe(true)
    const ts = csvwToTableSchema(doc)
    expect(ts.fields).toHaveLength(40)
    expect(ts.fieldsMatch).toBe('equal')
    expect(ts.primaryKey).toBe('id')
    const by = Object.fromEntries(ts.fields.map((f) => [f.name, f]))
    expect(by.source).toMatchObject({ type: 'integer', constraints: { required: true } })
    expect(by.latitude).toMatchObject({ type: 'number', constraints: { required: true } })
    expect(by.visit_url).toMatchObject({ type: 'string', format: 'uri' })
    expect(by.updated).toMatchObject({ type: 'date' })
    expect(by.lighting).toMatchObject({ type: 'boolean' })
    expect(by.wikidata).toMatchObject({ type: 'string', constraints: { pattern: 'Q[0-9]+' } })
    expect(by.name!['x-datavakt-titles']).toEqual(['name', 'Namn'])
    expect(by.description!.constraints).toBeUndefined()
  })

  it('maps datatype objects: bounds, lengths, boolean and number formats, UAX #35 dates, nulls', () => {
    const ts = csvwToTableSchema({
      tableSchema: {
        columns: [
          { name: 'n', datatype: { base: 'nonNegativeInteger', maximum: 10 } },
          { name: 'b', datatype: { base: 'boolean', format: 'ja|nej' } },
          { name: 'd', datatype: { base: 'decimal', format: { decimalChar: ',', groupChar: ' ' } } },
          { name: 'dt', datatype: { base: 'date', format: 'dd.MM.yyyy' } },
          { name: 'k', datatype: { base: 'string', length: 4 }, null: ['-'] },
          { name: 'v', virtual: true },
        ],
      },
    })
    expect(ts.fields.map((f) => f.name)).toEqual(['n', 'b', 'd', 'dt', 'k'])
    expect(ts.fields[0]).toMatchObject({ type: 'integer', constraints: { minimum: 0, maximum: 10 } })
    expect(ts.fields[1]).toMatchObject({ trueValues: ['ja'], falseValues: ['nej'] })
    expect(ts.fields[2]).toMatchObject({ decimalChar: ',', groupChar: ' ' })
    expect(ts.fields[3]).toMatchObject({ format: '%d.%m.%Y' })
    expect(ts.fields[4]).toMatchObject({ constraints: { minLength: 4, maxLength: 4 }, missingValues: ['-'] })
  })

  it('refuses metadata without inline columns', () => {
    expect(() => csvwToTableSchema({ tableSchema: 'https://example.org/schema.json' })).toThrow(TableSchemaError)
    expect(() => csvwToTableSchema({ tableSchema: { columns: [] } })).toThrow(TableSchemaError)
    for (const [metadata, code] of [
      [{ tableSchema: 'https://example.org/schema.json' }, 'checks.table-schema.csvw-no-table-schema'],
      [{ tables: [{ tableSchema: 'https://example.org/schema.json' }] }, 'checks.table-schema.csvw-linked-table-schema'],
      [{ tableSchema: { columns: [] } }, 'checks.table-schema.csvw-no-columns'],
    ] as const) {
      let thrown: unknown = null
      try {
        csvwToTableSchema(metadata)
      } catch (err) {
        thrown = err
      }
      expect(thrown).toBeInstanceOf(TableSchemaError)
      expect((thrown as TableSchemaError).code).toBe(code)
    }
    expect(isCsvwMetadata({ fields: [] })).toBe(false)
  })

  it('a file with the spec columns and valid values passes', async () => {
    const r = await check('toaletter-valid.csv')
    expect(r.errors).toEqual([])
  })

  it('a column the specification does not have is an extra-label (national guidance)', async () => {
    const r = await check('toaletter-extra-column.csv')
    expect(r.errors.map((e) => [e.type, e.fieldNumber, e.cell])).toEqual([['extra-label', 41, 'image_url']])
  })

  it('reports types, formats, required and the primary key through the same validator', async () => {
    const r = await check('toaletter-invalid.csv')
    expect(r.errors.map((e) => [e.rowNumber, e.fieldName ?? null, e.type, e.note ?? null])).toEqual([
      [2, 'latitude', 'type-error', 'type is "number"'],
      [2, 'wikidata', 'constraint-error', 'pattern'],
      [2, 'service_interval', 'constraint-error', 'pattern'],
      [3, 'name', 'constraint-error', 'required'],
      [4, null, 'primary-key', 'the same as in the row at position 3'],
    ])
  })

  it('accepts a CSVW title as the header label', async () => {
    const schema = compileTableSchema(csvwToTableSchema({ tableSchema: { columns: [{ name: 'name', titles: ['Namn'], required: true }] } }))
    const r = await validateTable(
      (async function* () {
        yield Buffer.from('Namn\nStora torget\n')
      })(),
      { schema, errorLimit: 10 },
    )
    expect(r.errors).toEqual([])
  })
})
