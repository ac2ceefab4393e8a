/**
 * Hostile tables and schemas (issue 10, defects 1 and 2): a header of 40,000 repeated
 * labels or 100,000 distinct ones is checked in linear time with the error limit holding,
 * and schema patterns run on RE2, so `(a+)+$` cannot backtrack; a pattern RE2 cannot run
 * is a schema error.
 */
import { describe, expect, it } from 'vitest'
import { compileTableSchema } from '../../checks/table-schema/compile-table-schema.js'
import { TableSchemaError } from '../../checks/table-schema/field-types.js'
import { compileJsonSchema, JsonSchemaError } from '../../checks/table-schema/validate-json.js'
import { validateTable } from '../../checks/table-schema/validate-table.js'

/** The error `fn` throws; fails the test when it throws nothing. */
function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    return err
  }
  throw new Error('expected an error')
}

async function* once(text: string): AsyncIterable<Uint8Array> {
  yield Buffer.from(text)
}

describe('the header check is linear in the number of columns', () => {
  it('40,000 repeated labels: fast, bounded by the error limit, short notes', async () => {
    const n = 40_000
    const csv = Array(n).fill('a').join(',') + '\n' + Array(n).fill('1').join(',') + '\n'
    const started = performance.now()
    const report = await validateTable(once(csv), { errorLimit: 1000 })
    const ms = performance.now() - started
    expect(report.errors).toHaveLength(1000)
    expect(report.limitReached).toBe(true)
    expect(report.errors[0]).toMatchObject({ type: 'duplicate-label', fieldNumber: 2, note: 'at position "1"' })
    expect(report.errors.at(-1)!.note).toBe('at position "1"')
    expect(ms).toBeLessThan(20_000)
  }, 60_000)

  it('100,000 distinct columns, with and without a name-matched schema', async () => {
    const n = 100_000
    const labels = Array.from({ length: n }, (_, i) => `c${i}`)
    const csv = labels.join(',') + '\n' + labels.map(() => '1').join(',') + '\n'
    let started = performance.now()
    const plain = await validateTable(once(csv), { errorLimit: 1000 })
    expect(plain.valid).toBe(true)
    expect(plain.stats.fields).toBe(n)
    expect(performance.now() - started).toBeLessThan(20_000)
    const schema = compileTableSchema({ fields: labels.map((name) => ({ name, type: 'integer' })), fieldsMatch: 'equal' })
    started = performance.now()
    const matched = await validateTable(once(csv), { errorLimit: 1000, schema })
    expect(matched.valid).toBe(true)
    expect(performance.now() - started).toBeLessThan(20_000)
  }, 60_000)
})

describe('schema patterns run on a linear-time engine', () => {
  const schema = { fields: [{ name: 'id', type: 'integer' }, { name: 'name', type: 'string', constraints: { pattern: '(a+)+$' } }] }

  it('Table Schema (a+)+$ on 30 and 10,000 a’s followed by ! finishes in milliseconds', async () => {
    const compiled = compileTableSchema(schema)
    for (const len of [30, 10_000]) {
      const started = performance.now()
      const report = await validateTable(once(`id,name\n1,${'a'.repeat(len)}!\n2,aaa\n`), { errorLimit: 100, schema: compiled })
      expect(performance.now() - started).toBeLessThan(500)
      expect(report.errors.map((e) => [e.type, e.rowNumber, e.note])).toEqual([['constraint-error', 2, 'pattern']])
    }
  })

  it('JSON Schema pattern through ajv runs on RE2 too', () => {
    const validate = compileJsonSchema({ type: 'object', properties: { name: { type: 'string', pattern: '^(a+)+$' } } })
    const started = performance.now()
    expect(validate({ name: 'a'.repeat(40) + '!' })).toBe(false)
    expect(validate({ name: 'aaaa' })).toBe(true)
    expect(performance.now() - started).toBeLessThan(500)
  })

  it('a pattern RE2 cannot run (lookahead, backreference) is a schema error, not a fallback', () => {
    for (const [pattern, code] of [['(?=a)a+', 'checks.table-schema.pattern-unsafe'], ['(a)\\1', 'checks.table-schema.pattern-unsafe'], ['a'.repeat(5000), 'checks.table-schema.pattern-too-long']] as const) {
      expect(() => compileTableSchema({ fields: [{ name: 'x', constraints: { pattern } }] })).toThrow(TableSchemaError)
      expect(thrown(() => compileTableSchema({ fields: [{ name: 'x', constraints: { pattern } }] }))).toMatchObject({ code, params: { name: 'x' } })
    }
    expect(() => compileJsonSchema({ type: 'string', pattern: '(?<=a)b' })).toThrow(JsonSchemaError)
    expect(thrown(() => compileJsonSchema({ type: 'string', pattern: '(?<=a)b' }))).toMatchObject({ code: 'checks.pattern.unsafe' })
  })

  it('an unknown field type is a schema error; the spec’s structured types are not', () => {
    expect(() => compileTableSchema({ fields: [{ name: 'x', type: 'foo' }] })).toThrow(TableSchemaError)
    expect(thrown(() => compileTableSchema({ fields: [{ name: 'x', type: 'foo' }] }))).toMatchObject({ code: 'checks.table-schema.unknown-type', params: { name: 'x', type: '"foo"' } })
    expect(() => compileTableSchema({ fields: [{ name: 'x', type: 'duration' }, { name: 'y', type: 'object' }] })).not.toThrow()
  })
})
