/** The csv-structure check: dialect sniffing, quote errors with the line, the error limit, streaming. */
import { describe, expect, it } from 'vitest'
import { sniffCsvDialect } from '../../checks/csv-dialect.js'
import { csvStructureCheck } from '../../checks/csv-structure.js'
import { validateTable } from '../../checks/table-schema/validate-table.js'
import { targetWithContent, testContext } from './helpers/check-target.js'

describe('dialect sniffing', () => {
  it('finds , ; tab and | delimiters, ignoring delimiters inside quotes', () => {
    expect(sniffCsvDialect('a,b,c\n1,2,3\n').delimiter).toBe(',')
    expect(sniffCsvDialect('namn;belopp\n"Göteborg, centrum";1,5\nBorås;2,5\n').delimiter).toBe(';')
    expect(sniffCsvDialect('a\tb\n1\t2\n').delimiter).toBe('\t')
    expect(sniffCsvDialect('a|b|c\n1|2|3\n').delimiter).toBe('|')
  })
  it("finds ' as the quote character when fields are wrapped in it", () => {
    expect(sniffCsvDialect("'a','b'\n'1,5','2'\n")).toMatchObject({ quote: "'", delimiter: ',' })
    expect(sniffCsvDialect('"a","b"\n"1","2"\n').quote).toBe('"')
  })
  it('assumes a header row unless the first row looks like data', () => {
    expect(sniffCsvDialect('id,value\n1,2\n').header).toBe(true)
    expect(sniffCsvDialect('1,2\n3,4\n').header).toBe(false)
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
    expect(r.findings.map((f) => [f.code, f.location?.rowNumber, f.location?.fieldNumber])).toEqual([
      ['blank-label', 1, 3],
      ['duplicate-label', 1, 4],
      ['missing-cell', 2, 3],
      ['missing-cell', 2, 4],
      ['missing-cell', 3, 3],
      ['missing-cell', 3, 4],
      ['blank-row', 4, undefined],
      ['extra-cell', 5, 5],
    ])
    for (const f of r.findings) {
      expect(f.message).toMatch(/rad|kolumn/)
      expect(f.hint).toBeTruthy()
    }
    expect(r.findings.find((f) => f.code === 'blank-row')!.severity).toBe('warning')
  })

  it('reports an unclosed quote as format-error with the line where it opened', async () => {
    const target = await targetWithContent('quote.csv', 'id,name\n1,"ok"\n2,"x"y\n3,"multi\nline"\n4,"unterminated\n')
    const r = await csvStructureCheck.run(target, testContext())
    const fe = r.findings.filter((f) => f.code === 'format-error')
    expect(fe).toHaveLength(1)
    expect(fe[0]!.location?.line).toBe(6) // the line where the open quote starts
    expect(fe[0]!.message).toMatch(/fysisk rad 6/)
    expect(r.facts?.rows).toBe(3) // the multi-line record counts as one row
  })

  it('stops at the error limit and says so', async () => {
    let csv = 'a,b\n'
    for (let i = 0; i < 500; i++) csv += `${i}\n`
    const target = await targetWithContent('many.csv', csv)
    const r = await csvStructureCheck.run(target, testContext({ errorLimit: 25 }))
    expect(r.findings.filter((f) => f.code === 'missing-cell')).toHaveLength(25)
    const limit = r.findings.find((f) => f.code === 'error-limit-reached')
    expect(limit?.message).toContain('25')
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
    const r = await validateTable(source(), { errorLimit: 10, dialect: { delimiter: ',', quote: '"', header: true } })
    expect(r.limitReached).toBe(true)
    expect(r.errors).toHaveLength(10)
    expect(pulled).toBeLessThan(5)
  })

  it('reports an empty file as source-error', async () => {
    const target = await targetWithContent('empty.csv', '', { format: 'CSV' })
    const r = await csvStructureCheck.run(target, testContext())
    expect(r.findings.map((f) => f.code)).toEqual(['source-error'])
  })

  it('does not apply to JSON, HTML or binary content', async () => {
    expect(csvStructureCheck.appliesTo(await targetWithContent('a.json', '{"a":1}'))).toBe(false)
    expect(csvStructureCheck.appliesTo(await targetWithContent('a.html', '<!doctype html><p>404, not found</p>'))).toBe(false)
    expect(csvStructureCheck.appliesTo(await targetWithContent('a.zip', Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0])))).toBe(false)
  })
})
