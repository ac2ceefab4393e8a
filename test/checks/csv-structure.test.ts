/** The csv-structure check: dialect sniffing, quote errors with the line, the error limit, streaming. */
import { describe, expect, it } from 'vitest'
import { headerRowOf, sniffCsvDialect } from '../../checks/csv-dialect.js'
import { csvStructureCheck } from '../../checks/csv-structure.js'
import { jsonStructureCheck } from '../../checks/json-structure.js'
import { validateTable } from '../../checks/table-schema/validate-table.js'
import { targetWithContent, testContext } from './helpers/check-target.js'
import { said } from './helpers/said.js'

describe('dialect sniffing', () => {
  it('finds , ; tab and | delimiters, ignoring delimiters inside quotes', () => {
    expect(sniffCsvDialect('a,b,c\n1,2,3\n').delimiter).toBe(',')
    expect(sniffCsvDialect('namn;belopp\n"Göteborg, centrum";1,5\nBorås;2,5\n').delimiter).toBe(';')
    expect(sniffCsvDialect('a\tb\n1\t2\n').delimiter).toBe('\t')
    expect(sniffCsvDialect('a|b|c\n1|2|3\n').delimiter).toBe('|')
  })
  it("takes \" as the quote character, never ' (Frictionless: ' is too often an apostrophe or embedded JSON)", () => {
    expect(sniffCsvDialect("'a','b'\n'1,5','2'\n")).toMatchObject({ quote: '"', delimiter: ',' })
    expect(sniffCsvDialect('"a","b"\n"1","2"\n').quote).toBe('"')
  })
  it('skips spaces after the delimiter when every quoted value has one before it, or every delimiter of the first line', () => {
    expect(sniffCsvDialect('id, name, age\n1, "a", 2\n2, "b", 3\n')).toMatchObject({ delimiter: ',', skipInitialSpace: true })
    expect(sniffCsvDialect('id; namn\n1; a\n2; b\n')).toMatchObject({ delimiter: ';', skipInitialSpace: true })
    expect(sniffCsvDialect('id,name\n1,"a b"\n2,"c"\n')).toMatchObject({ delimiter: ',', skipInitialSpace: false })
  })
  it('falls back to , when no delimiter is consistent enough (Python csv.Sniffer fails, Frictionless reads it as Excel CSV)', () => {
    expect(sniffCsvDialect('hello world\nnothing to split here\n')).toMatchObject({ delimiter: ',', quote: '"', skipInitialSpace: false })
  })
  it('always has a header (Frictionless), even when the first row looks like data', () => {
    expect(sniffCsvDialect('id,value\n1,2\n').header).toBe(true)
    expect(sniffCsvDialect('1,2\n3,4\n').header).toBe(true)
  })
  it('picks as the header the first row about as wide as the rows on average (a title or comment row above is skipped)', () => {
    expect(headerRowOf([4, 4, 4])).toBe(1)
    expect(headerRowOf([1, 5, 5, 5, 5])).toBe(2)
    expect(headerRowOf([1, 1, 6, 6, 6, 6, 6, 6])).toBe(3)
    // Two columns: a one-cell row is within the drift (at least one cell), so it is the header.
    expect(headerRowOf([1, 2, 2, 2])).toBe(1)
    expect(headerRowOf([])).toBe(1)
  })
})

describe('csv-structure check', () => {
  it('passes a clean semicolon file and reports the dialect as facts', async () => {
    const target = await targetWithContent('ok.csv', 'id;namn\n1;Göteborg\n2;Borås\n')
    expect(csvStructureCheck.appliesTo(target)).toBe(true)
    const r = await csvStructureCheck.run(target, testContext())
    expect(r).toMatchObject({ status: 'pass', findings: [], facts: { delimiter: ';', header: true, rows: 2, fields: 2 } })
  })

  it('reports Frictionless structure errors with rows and fields, in Swedish with a hint', async () => {
    const target = await targetWithContent('bad.csv', 'id,name,,name\n1,english\n1,english\n\n2,german,1,2,3\n')
    const r = await csvStructureCheck.run(target, testContext())
    expect(r.status).toBe('fail')
    expect(r.findings.map((f) => [f.code, f.location?.rowNumber ?? f.location?.rowNumbers, f.location?.fieldNumber])).toEqual([
      ['blank-label', [1], 3],
      ['duplicate-label', [1], 4],
      ['missing-cell', 2, 3],
      ['missing-cell', 2, 4],
      ['missing-cell', 3, 3],
      ['missing-cell', 3, 4],
      ['blank-row', 4, undefined],
      ['extra-cell', 5, 5],
    ])
    for (const f of r.findings) {
      expect(said(f).message).toMatch(/rad|kolumn/)
      expect(said(f).hint).toBeTruthy()
      expect(said(f, 'en').message).toMatch(/row|field/)
    }
    expect(r.findings.find((f) => f.code === 'blank-row')!.severity).toBe('warning')
  })

  it('reports an unclosed quote as format-error with the line where it opened', async () => {
    const target = await targetWithContent('quote.csv', 'id,name\n1,"ok"\n2,"x"y\n3,"multi\nline"\n4,"unterminated\n')
    const r = await csvStructureCheck.run(target, testContext())
    const fe = r.findings.filter((f) => f.code === 'format-error')
    expect(fe).toHaveLength(1)
    expect(fe[0]!.location?.line).toBe(6) // the line where the open quote starts
    expect(said(fe[0]).message).toMatch(/fysisk rad 6/)
    expect(r.facts?.rows).toBe(3) // the multi-line record counts as one row
  })

  it('stops at the error limit and says so', async () => {
    let csv = 'a,b\n'
    for (let i = 0; i < 500; i++) csv += `${i}\n`
    const target = await targetWithContent('many.csv', csv)
    const r = await csvStructureCheck.run(target, testContext({ errorLimit: 25 }))
    expect(r.findings.filter((f) => f.code === 'missing-cell')).toHaveLength(25)
    const limit = r.findings.find((f) => f.code === 'error-limit-reached')
    expect(said(limit).message).toContain('25 fel')
    expect(r.facts?.errorLimitReached).toBe(true)
  })

  it('stops reading the stream at the limit instead of parsing the rest', async () => {
    let pulled = 0
    async function* source() {
      yield Buffer.from('a,b\n')
      for (let i = 0; i < 10_000; i++) {
        pulled++
        yield Buffer.from('1\n'.repeat(100))
      }
    }
    const r = await validateTable(source(), { errorLimit: 10, dialect: { delimiter: ',', quote: '"', header: true, skipInitialSpace: false } })
    expect(r.limitReached).toBe(true)
    expect(r.errors).toHaveLength(10)
    expect(pulled).toBeLessThan(5)
  })

  it('reports an empty file as source-error', async () => {
    const target = await targetWithContent('empty.csv', '', { format: 'CSV' })
    const r = await csvStructureCheck.run(target, testContext())
    expect(r.findings.map((f) => f.code)).toEqual(['source-error'])
  })

  it('an empty file is a source-error whatever it is called, and an empty JSON file too (Frictionless: "the source is empty")', async () => {
    const txt = await targetWithContent('empty.txt', '')
    expect(csvStructureCheck.appliesTo(txt)).toBe(true)
    expect((await csvStructureCheck.run(txt, testContext())).findings.map((f) => f.code)).toEqual(['source-error'])
    const json = await targetWithContent('empty.json', '', { format: 'JSON' })
    expect(csvStructureCheck.appliesTo(json)).toBe(false)
    const r = await jsonStructureCheck.run(json, testContext())
    expect([r.status, r.findings.map((f) => f.code)]).toEqual(['fail', ['source-error']])
  })

  it('skips a comment line above the header with a warning, and reads a text file so led as the table it is', async () => {
    const csv = '# clean this data!\nid,namn,kommun,antal,datum\n1,Ale bibliotek,Ale,120,2024-01-31\n2,Alingsås bibliotek,Alingsås,340,2024-02-29\n3,Borås,Borås,980,2024-03-31\n'
    const target = await targetWithContent('comment.txt', csv)
    expect(csvStructureCheck.appliesTo(target)).toBe(true)
    const r = await csvStructureCheck.run(target, testContext())
    expect(r.status).toBe('warn')
    expect(r.findings).toEqual([{ code: 'rows-above-header', severity: 'warning', params: { rows: 1, headerRow: 2 }, location: { rowNumbers: [2] } }])
    expect(r.facts).toMatchObject({ headerRow: 2, rows: 3, fields: 5, typesInferred: true })
    expect(said(r.findings[0]).message).toBe('Rubrikraden är rad 2, inte rad 1: raden ovanför den (en titel eller en kommentar) hoppades över.')
    expect(said(r.findings[0], 'en').message).toContain('the row above it')
  })

  it('infers column types without a schema and reports a value that breaks them, in words that name no schema', async () => {
    const csv = 'id,antal\n' + Array.from({ length: 24 }, (_, i) => `${i + 1},${i * 3}\n`).join('') + '25,x\n'
    const r = await csvStructureCheck.run(await targetWithContent('stray.csv', csv), testContext())
    expect(r.findings.map((f) => [f.code, f.location?.rowNumber, f.location?.fieldNumber, f.params?.fieldType])).toEqual([['type-error', 26, 2, 'integer']])
    expect(said(r.findings[0]).message).toContain('har inte samma typ som resten av kolumnen')
    expect(said(r.findings[0]).hint).not.toContain('schema')
  })

  it('with a Table Schema for the file infers nothing: the declared types are conformance\'s', async () => {
    const csv = 'id,antal\n' + Array.from({ length: 24 }, (_, i) => `${i + 1},${i * 3}\n`).join('') + '25,x\n'
    const uri = 'https://example.org/spec/antal'
    const target = await targetWithContent('stray2.csv', csv, { conformsTo: [uri] })
    const schema = { kind: 'table-schema' as const, origin: 'test', schema: { fields: [{ name: 'id', type: 'integer' }, { name: 'antal', type: 'string' }] } }
    const r = await csvStructureCheck.run(target, testContext({ schemas: { [uri]: schema } }))
    expect([r.status, r.findings, r.facts?.typesInferred]).toEqual(['pass', [], false])
  })

  it('sniffs a hostile head (thousands of unclosed quotes on one line) and still gives a dialect', () => {
    expect(sniffCsvDialect(", '".repeat(22_000))).toMatchObject({ delimiter: ',', quote: '"' })
    expect(sniffCsvDialect(' "'.repeat(32_000))).toMatchObject({ delimiter: ',', quote: '"' })
  })

  it('does not apply to JSON, HTML or binary content', async () => {
    expect(csvStructureCheck.appliesTo(await targetWithContent('a.json', '{"a":1}'))).toBe(false)
    expect(csvStructureCheck.appliesTo(await targetWithContent('a.html', '<!doctype html><p>404, not found</p>'))).toBe(false)
    expect(csvStructureCheck.appliesTo(await targetWithContent('a.zip', Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0])))).toBe(false)
  })
})
