/**
 * The same errors as Frictionless, at the same places: each fixture of
 * fixtures-frictionless/expected.json, checked as `datavakt validate` and the sweep check
 * a file, gives exactly the errors Frictionless reports for it (plus the ones datavakt adds
 * on purpose, each with its reason), and the parity table in docs/validate.md is the one
 * these fixtures give.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadFixtures, parityResults, parityTable, sorted, type ParityFixture, type ParityResult } from './frictionless-parity.js'

const fixtures: ParityFixture[] = await loadFixtures()
let results: ParityResult[] = []

beforeAll(async () => {
  results = await parityResults()
}, 120_000)

describe('Frictionless parity on the fixtures', () => {
  for (const [i, f] of fixtures.entries()) {
    it(`${f.file}${f.schema ? ` + ${f.schema}` : ''}: ${f.source.slice(0, 80)}`, () => {
      const r = results[i]!
      expect(r.fixture).toEqual(f)
      if (f.datavaktAlso) expect(f.why, 'an error beyond Frictionless says why').toBeTruthy()
      expect(sorted(r.got)).toEqual(sorted([...f.frictionless, ...(f.datavaktAlso ?? [])]))
    })
  }

  it('covers every Frictionless error type datavakt reports for tables, and the region’s kind of file', () => {
    const types = new Set(fixtures.flatMap((f) => f.frictionless.map((e) => e[2])))
    for (const t of ['blank-label', 'duplicate-label', 'extra-label', 'missing-label', 'incorrect-label', 'extra-cell', 'missing-cell', 'blank-row', 'type-error', 'constraint-error', 'unique-error', 'primary-key', 'foreign-key', 'source-error']) {
      expect(types, t).toContain(t)
    }
    const files = fixtures.map((f) => f.file)
    for (const f of ['semicolon-decimal-comma.csv', 'windows-1252.csv', 'excel-title-row.csv', 'excel-title-row-padded.csv']) expect(files).toContain(f)
  })

  it('docs/validate.md shows the table these fixtures give', async () => {
    const doc = await readFile(join(import.meta.dirname, '../../docs/validate.md'), 'utf8')
    const block = /<!-- parity:start -->\n([\s\S]*?)\n<!-- parity:end -->/.exec(doc)
    expect(block, 'the parity block in docs/validate.md').not.toBeNull()
    expect(block![1]).toBe(parityTable(results))
  })
})
