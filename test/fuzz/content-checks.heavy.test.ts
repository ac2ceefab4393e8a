/**
 * Fuzzing the content checks (issue 10, "make the class impossible"): CSV, JSON and XLSX
 * bodies from fast-check generators (wide tables, long fields, repeated labels, deep
 * nesting, bytes that are no text, ZIP headers that lie) and schemas with hostile
 * patterns, unknown types and broken keys, at least 10,000 cases per format. Every check
 * that applies runs in-process (so a crash is seen, not isolated away); each case must
 * end within a bound, give a result with a known status, and every finding must have
 * words in both languages. A check may refuse only with a DatavaktError.
 * A few hundred cases also run through runChecks, in the check worker.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checks as registeredChecks } from '../../checks/index.js'
import type { CheckContext, CheckResult, ResolvedSchema } from '../../checks/types.js'
import { contentChecksFor, validationTarget } from '../../checks/validate-content.js'
import { runChecks } from '../../src/content/run-checks.js'
import { budgetsWith } from '../../src/domain/budgets.js'
import { describeFinding } from '../../src/i18n/catalogue.js'
import { DatavaktError } from '../../src/i18n/datavakt-error.js'
import { contentFromBuffer } from '../helpers/content-from-buffer.js'
import { deepJson, field, hostilePattern, nastyString, RUNS, SEED, table } from './arbitraries.js'

const STATUSES = new Set(['pass', 'warn', 'fail', 'unverified', 'skipped'])
const CASE_MS = 10_000
const SCHEMA_URI = 'https://example.org/fuzz-schema'

const tableSchema = fc.record({
  fields: fc.array(
    fc.record({
      name: fc.oneof(fc.constantFrom('a', 'c0', 'c1', 'id'), nastyString),
      type: fc.constantFrom('string', 'integer', 'number', 'boolean', 'date', 'datetime', 'year', 'any', 'foo', ''),
      constraints: fc.record({ pattern: hostilePattern, minimum: fc.oneof(fc.integer(), fc.string()), required: fc.boolean(), unique: fc.boolean(), enum: fc.array(nastyString, { maxLength: 3 }) }, { requiredKeys: [] }),
    }, { requiredKeys: ['name'] }),
    { maxLength: 6 },
  ),
  primaryKey: fc.oneof(fc.constantFrom('a', 'nope'), fc.array(nastyString, { maxLength: 2 })),
  missingValues: fc.array(nastyString, { maxLength: 3 }),
}, { requiredKeys: ['fields'] })

const jsonSchema = fc.oneof(
  fc.record({ type: fc.constantFrom('object', 'array', 'string'), pattern: hostilePattern, items: fc.constant({ $ref: '#' }), properties: fc.dictionary(nastyString, fc.record({ type: fc.constantFrom('string', 'number'), pattern: hostilePattern }, { requiredKeys: [] }), { maxKeys: 3 }) }, { requiredKeys: [] }),
  fc.jsonValue({ maxDepth: 3 }).filter((v) => v !== null && typeof v === 'object' && !Array.isArray(v)),
)

const schemaFor = (kind: 'table-schema' | 'json-schema') =>
  fc.option((kind === 'table-schema' ? tableSchema : jsonSchema).map((schema): ResolvedSchema => ({ kind, schema, origin: 'fuzz' })), { freq: 2 })

const csvBody = fc.tuple(table, fc.constantFrom(',', ';', '\t', '|'), fc.constantFrom('\n', '\r\n'), fc.constantFrom('utf8', 'latin1', 'utf16le'), fc.boolean()).map(([rows, sep, eol, enc, bom]) => {
  const text = (bom ? '\uFEFF' : '') + rows.map((r) => r.join(sep)).join(eol) + eol
  return Buffer.from(text, enc as BufferEncoding)
})

const jsonBody = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 6 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
  { weight: 2, arbitrary: deepJson.map((s) => Buffer.from(s)) },
  { weight: 2, arbitrary: fc.array(field, { maxLength: 5 }).map((a) => Buffer.from(a.join('\n'))) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 100, max: 3000 }), field).map(([n, v]) => Buffer.from(JSON.stringify({ features: Array.from({ length: n }, (_, i) => ({ i, v })) }))) },
)

/** A ZIP that may lie: local headers with chosen names, sizes and flags, then random bytes. */
const zipBody = fc.tuple(
  fc.array(fc.record({ name: fc.oneof(fc.constantFrom('[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'mimetype', 'a.shp'), nastyString), size: fc.nat(), flags: fc.nat({ max: 0xffff }), nameLen: fc.option(fc.nat({ max: 0xffff })) }), { maxLength: 5 }),
  fc.uint8Array({ maxLength: 200 }),
  fc.boolean(),
).map(([entries, tail, central]) => {
  const parts: Buffer[] = []
  for (const e of entries) {
    const name = Buffer.from(e.name)
    const h = Buffer.alloc(30)
    h.writeUInt32LE(0x04034b50, 0)
    h.writeUInt16LE(e.flags, 6)
    h.writeUInt32LE(e.size >>> 0, 18)
    h.writeUInt16LE(e.nameLen ?? name.length, 26)
    parts.push(h, name, Buffer.alloc(Math.min(e.size, 64)))
  }
  parts.push(Buffer.from(tail))
  if (central) {
    const end = Buffer.alloc(22)
    end.writeUInt32LE(0x06054b50, 0)
    end.writeUInt16LE(tail.length % 7, 10)
    end.writeUInt32LE(tail.length, 12)
    parts.push(end)
  }
  return Buffer.concat(parts)
})

const smallBudgets = fc.option(fc.record({ fieldBytes: fc.integer({ min: 16, max: 8192 }), columns: fc.integer({ min: 1, max: 500 }), jsonNesting: fc.integer({ min: 1, max: 200 }), patternLength: fc.integer({ min: 1, max: 300 }) }), { freq: 3 })

interface Case {
  body: Buffer
  format: string | null
  contentType: string | null
  schema: ResolvedSchema | null
  budgets: Partial<ReturnType<typeof budgetsWith>> | null
}

function contextFor(c: Case): CheckContext {
  return { lang: 'en', now: new Date('2026-12-05T00:00:00Z'), errorLimit: 50, budgets: budgetsWith(c.budgets ?? {}), resolveSchema: async (uri) => (uri === SCHEMA_URI ? c.schema : null) }
}

/** Every finding has words in both languages, and the result's status is one we store. */
function expectWellFormed(r: CheckResult, where: string): void {
  expect(STATUSES.has(r.status), where).toBe(true)
  for (const f of r.findings) {
    for (const lang of ['sv', 'en'] as const) {
      const m = describeFinding(f, lang).message
      expect(m.length, `${where}: ${f.code}`).toBeGreaterThan(0)
      expect(m, `${where}: ${f.code}`).not.toMatch(/\bundefined\b|\[object Object\]|NaN/)
    }
  }
}

async function checkInProcess(c: Case): Promise<void> {
  const content = contentFromBuffer(c.body, { contentType: c.contentType })
  const target = validationTarget(content, { format: c.format, conformsTo: c.schema ? [SCHEMA_URI] : [] })
  const ctx = contextFor(c)
  for (const check of contentChecksFor(registeredChecks, target)) {
    const started = performance.now()
    let result: CheckResult
    try {
      result = await check.run(target, ctx)
    } catch (err) {
      // A check may refuse to run only with a clear, coded error.
      expect(err, `${check.id} threw ${(err as Error)?.stack}`).toBeInstanceOf(DatavaktError)
      continue
    }
    expect(performance.now() - started, `${check.id} took too long`).toBeLessThan(CASE_MS)
    expectWellFormed(result, check.id)
  }
}

const cases = {
  csv: fc.record({ body: csvBody, format: fc.constantFrom('CSV', 'text/csv', null), contentType: fc.constantFrom('text/csv', 'text/plain', null), schema: schemaFor('table-schema'), budgets: smallBudgets }),
  json: fc.record({ body: jsonBody, format: fc.constantFrom('JSON', 'GeoJSON', null), contentType: fc.constantFrom('application/json', 'application/geo+json', null), schema: schemaFor('json-schema'), budgets: smallBudgets }),
  xlsx: fc.record({
    body: zipBody,
    format: fc.constantFrom('XLSX', 'SHP', null),
    contentType: fc.constantFrom('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/zip', null),
    schema: fc.constant(null),
    budgets: smallBudgets,
  }),
}

describe('fuzzing the content checks', () => {
  for (const [name, arb] of Object.entries(cases)) {
    it(`${name}: ${RUNS} generated files, nothing crashes or hangs, every finding has words`, async () => {
      const started = performance.now()
      await fc.assert(fc.asyncProperty(arb, checkInProcess), { numRuns: RUNS, seed: SEED, endOnFailure: true })
      console.log(`${name}: ${RUNS} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    }, 900_000)
  }

  it('through runChecks (the check worker): CSV and JSON give results, never a crash', async () => {
    const arb = fc.oneof(cases.csv, cases.json)
    await fc.assert(
      fc.asyncProperty(arb, async (c) => {
        const content = contentFromBuffer(c.body, { contentType: c.contentType })
        const target = validationTarget(content, { format: c.format, conformsTo: c.schema ? [SCHEMA_URI] : [] })
        const ran = await runChecks(target, contentChecksFor(registeredChecks, target), contextFor(c))
        for (const r of ran) {
          expectWellFormed(r.result, r.check.id)
          expect(r.result.findings.map((f) => f.code), r.check.id).not.toContain('check-crashed')
          if (r.result.findings.some((f) => f.code === 'check-error')) expect(r.result.findings[0]!.params?.errorCode, JSON.stringify(r.result.findings[0])).toBeDefined()
        }
      }),
      { numRuns: Math.min(RUNS, 100), seed: SEED },
    )
  }, 900_000)
})
