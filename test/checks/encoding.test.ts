/** The encoding check: UTF-8, BOM, Windows-1252 / ISO-8859-1 (å ä ö as single bytes), UTF-16. */
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { encodingCheck } from '../../checks/encoding.js'
import { detectTextEncoding, guessDecodingFromHead } from '../../checks/text-encoding.js'
import { validateTable } from '../../checks/table-schema/validate-table.js'
import { targetWithContent, testContext } from './helpers/check-target.js'
import { said } from './helpers/said.js'

async function* chunks(b: Buffer, size: number) {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size)
}

describe('encoding', () => {
  it('passes UTF-8, even when a multi-byte character is split across chunks', async () => {
    const b = Buffer.from('namn\nGöteborg\nÅmål\nSkövde\n', 'utf8')
    for (const size of [1, 2, 3, 5, 64]) {
      const r = await detectTextEncoding(chunks(b, size))
      expect(r, `chunk ${size}`).toMatchObject({ valid: true, encoding: 'utf-8', bom: false, bytes: b.length })
    }
  })

  it('notes a UTF-8 BOM as info and still passes', async () => {
    const target = await targetWithContent('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\n1,2\n')]))
    const result = await encodingCheck.run(target, testContext())
    expect(result.status).toBe('pass')
    expect(result.findings.map((f) => [f.code, f.severity])).toEqual([['byte-order-mark', 'info']])
    expect(result.facts).toMatchObject({ encoding: 'utf-8', bom: true })
  })

  it('finds ISO-8859-1 (å ä ö as 0xE5 0xE4 0xF6) with the line and the fix "spara filen som UTF-8"', async () => {
    const latin = iconv.encode('id;ort\n1;Borås\n2;Lidköping\n', 'latin1')
    expect(latin.includes(0xe5)).toBe(true)
    const target = await targetWithContent('latin1.csv', latin)
    const result = await encodingCheck.run(target, testContext())
    expect(result.status).toBe('fail')
    const f = result.findings[0]!
    expect(f).toMatchObject({ code: 'encoding-error', severity: 'error', location: { line: 2 } })
    expect(said(f).message).toContain('ISO-8859-1')
    expect(said(f).message).toContain('Borås')
    expect(said(f).hint).toMatch(/^Spara filen som UTF-8. I Excel: Spara som → "CSV UTF-8/)
    expect(said(f, 'en').hint).toMatch(/^Save the file as UTF-8/)
  })

  it('tells Windows-1252 from ISO-8859-1 by the bytes only Windows-1252 prints (€ „ …)', async () => {
    const cp = iconv.encode('pris;not\n10 €;Göteborg „bra“\n', 'win1252')
    const r = await detectTextEncoding(chunks(cp, 1024))
    expect(r).toMatchObject({ valid: false, encoding: 'windows-1252', invalidAt: { line: 2 } })
  })

  it('reports UTF-16 by its BOM', async () => {
    const b = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n', 'utf16le')])
    const target = await targetWithContent('utf16.csv', b)
    const result = await encodingCheck.run(target, testContext())
    expect(result.status).toBe('fail')
    expect(said(result.findings[0]).message).toContain('UTF-16')
  })

  it('the tabular checks decode a Windows-1252 file with iconv-lite and read å ä ö right', async () => {
    const b = iconv.encode('ort\nBorås\n', 'win1252')
    expect(guessDecodingFromHead(b)).toBe('windows-1252')
    const r = await validateTable(chunks(b, 4), { errorLimit: 10, encoding: 'windows-1252' })
    expect(r.labels).toEqual(['ort'])
    expect(r.valid).toBe(true)
  })

  it('does not apply to binary content', async () => {
    const target = await targetWithContent('x.pdf', Buffer.from('%PDF-1.4\n\u0000\u0000binary'))
    expect(encodingCheck.appliesTo(target)).toBe(false)
  })
})
