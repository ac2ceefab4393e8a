/**
 * Parity with Frictionless, measured: every fixture of fixtures-frictionless/expected.json
 * (each with the errors Frictionless reports for it and where that comes from) is checked
 * the way `datavakt validate` and the content sweep check a file (the registered content
 * checks through src/content/run-checks.ts, then the Frictionless-shaped report), and its
 * errors are compared with Frictionless's as [rowNumber, fieldNumber, type].
 *
 * `parityTable` turns the results into the table of docs/validate.md (Frictionless error
 * type × "same type at the same place"); frictionless-parity.test.ts checks that the table
 * there is the one the fixtures give. Print it with:
 *   node --import tsx test/checks/frictionless-parity.ts
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createFileContentSource } from '../../checks/file-content-source.js'
import { checks } from '../../checks/index.js'
import { classifySchemaDocument } from '../../checks/schema-registry.js'
import type { ResolvedSchema } from '../../checks/types.js'
import { buildValidationReport, contentChecksFor, validationTarget } from '../../checks/validate-content.js'
import { runChecks } from '../../src/content/run-checks.js'

export const FIXTURES = join(import.meta.dirname, 'fixtures-frictionless')

/** [rowNumber, fieldNumber, type], as Frictionless's report.flatten gives an error. */
export type Flat = [number | null, number | null, string]

export interface ParityFixture {
  file: string
  schema?: string
  source: string
  frictionless: Flat[]
  datavaktAlso?: Flat[]
  why?: string
}

export interface ParityResult {
  fixture: ParityFixture
  /** What datavakt reports. */
  got: Flat[]
}

export async function loadFixtures(): Promise<ParityFixture[]> {
  return (JSON.parse(await readFile(join(FIXTURES, 'expected.json'), 'utf8')) as { fixtures: ParityFixture[] }).fixtures
}

/** What Frictionless reports for the fixture named `file` (as expected.json names it, e.g. '../fixtures-tabular/frictionless-invalid.csv'). */
export async function frictionlessReport(file: string): Promise<Flat[]> {
  const fixture = (await loadFixtures()).find((f) => f.file === file)
  if (!fixture) throw new Error(`no fixture ${file} in expected.json`)
  return fixture.frictionless
}

/** The errors datavakt reports for a fixture, through the checks `validate` and the sweep run. */
export async function datavaktErrors(f: ParityFixture): Promise<Flat[]> {
  const content = await createFileContentSource(join(FIXTURES, f.file), { maxBytes: 10_000_000 })
  let schema: ResolvedSchema | null = null
  let uri: string | null = null
  if (f.schema) {
    const path = join(FIXTURES, f.schema)
    uri = pathToFileURL(path).href
    schema = classifySchemaDocument(JSON.parse(await readFile(path, 'utf8')), `file:${path}`)
  }
  const target = validationTarget(content, { conformsTo: uri ? [uri] : [] })
  const ctx = { lang: 'en' as const, now: new Date(), errorLimit: 1000, resolveSchema: async (u: string) => (u === uri ? schema : null) }
  const ran = await runChecks(target, contentChecksFor(checks, target), ctx)
  const report = buildValidationReport({ content, target, ran, bytes: 0, seconds: 0, lang: 'en' })
  return report.errors.map((e): Flat => [e.rowNumber ?? null, e.fieldNumber, e.type])
}

export async function parityResults(): Promise<ParityResult[]> {
  const out: ParityResult[] = []
  for (const fixture of await loadFixtures()) out.push({ fixture, got: await datavaktErrors(fixture) })
  return out
}

const key = (e: Flat) => JSON.stringify(e)

/** The errors sorted, so that two reports can be compared whatever order the checks gave them in. */
export function sorted(errors: Flat[]): Flat[] {
  return [...errors].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
}

interface TypeCount {
  expected: number
  same: number
  extra: number
}

/** Per error type: how many Frictionless reports, how many datavakt reports with the same type at the same place, and what datavakt adds. */
function countByType(results: ParityResult[]): Map<string, TypeCount> {
  const counts = new Map<string, TypeCount>()
  const at = (type: string) => counts.get(type) ?? counts.set(type, { expected: 0, same: 0, extra: 0 }).get(type)!
  for (const { fixture, got } of results) {
    const left = new Map<string, number>()
    for (const e of got) left.set(key(e), (left.get(key(e)) ?? 0) + 1)
    for (const e of fixture.frictionless) {
      const c = at(e[2])
      c.expected++
      const n = left.get(key(e)) ?? 0
      if (n > 0) {
        c.same++
        left.set(key(e), n - 1)
      }
    }
    for (const [k, n] of left) if (n > 0) at((JSON.parse(k) as Flat)[2]).extra += n
  }
  return counts
}

const pct = (n: number, d: number) => (d === 0 ? '–' : `${Math.round((100 * n) / d)}%`)

/** The parity table (Markdown), one row per error type, then the total. */
export function parityTable(results: ParityResult[]): string {
  const counts = countByType(results)
  const lines = [
    `Measured on ${results.length} fixtures (\`test/checks/fixtures-frictionless/expected.json\`).`,
    '',
    '| Frictionless error type | Frictionless reports | datavakt: same type, same place | parity | datavakt reports beyond Frictionless |',
    '| --- | ---: | ---: | ---: | ---: |',
  ]
  const total: TypeCount = { expected: 0, same: 0, extra: 0 }
  for (const [type, c] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`| \`${type}\` | ${c.expected} | ${c.same} | ${pct(c.same, c.expected)} | ${c.extra} |`)
    total.expected += c.expected
    total.same += c.same
    total.extra += c.extra
  }
  lines.push(`| **all** | ${total.expected} | ${total.same} | ${pct(total.same, total.expected)} | ${total.extra} |`)
  return lines.join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await parityResults()
  process.stdout.write(parityTable(results) + '\n')
  for (const r of results) {
    const want = sorted([...r.fixture.frictionless, ...(r.fixture.datavaktAlso ?? [])])
    const got = JSON.stringify(sorted(r.got))
    if (got !== JSON.stringify(want)) process.stdout.write(`\n${r.fixture.file}${r.fixture.schema ? ` + ${r.fixture.schema}` : ''}\n  expected ${JSON.stringify(want)}\n  got      ${got}\n`)
  }
}
