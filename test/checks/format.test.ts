import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { formatCheck } from '../../checks/format.js'
import { sniffFormat, detectDelimiter } from '../../checks/sniff/sniff-format.js'
import type { CheckContext, CheckTarget, DistributionInfo } from '../../checks/types.js'
import { resolveDeclaredFileType } from '../../checks/vocabularies/file-types.js'
import { contentFromBuffer } from '../helpers/content-from-buffer.js'
import { said } from './helpers/said.js'
import { describedDataset, describedDistribution } from '../helpers/check-records.js'

const work = mkdtempSync(join(tmpdir(), 'datavakt-format-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Builds a real ZIP archive with the `zip` CLI; `stored` entries are written uncompressed first. */
function makeZip(name: string, files: Record<string, string | Buffer>, stored: string[] = []): Buffer {
  const dir = join(work, name)
  mkdirSync(dir, { recursive: true })
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), body)
  }
  const out = join(work, `${name}.zip`)
  if (stored.length > 0) execFileSync('zip', ['-X', '-0', '-q', out, ...stored], { cwd: dir })
  const rest = Object.keys(files).filter((f) => !stored.includes(f))
  if (rest.length > 0) execFileSync('zip', ['-X', '-r', '-q', out, ...rest], { cwd: dir })
  return readFileSync(out)
}

function makeXlsx(): Buffer {
  return makeZip('book', {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    '_rels/.rels': '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
    'xl/workbook.xml': '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
  })
}

const CSV = 'namn;antal;kommun\nGöteborgs stadsbibliotek;12;Göteborg\nBorås bibliotek;4;Borås\nLerums bibliotek;2;Lerum\n'
const GEOJSON = JSON.stringify({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [11.97, 57.7] }, properties: { namn: 'Lekplats' } }],
})
const SOFT_404 =
  '<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8"><title>Sidan hittades inte - Borås Stad</title></head>' +
  '<body><header>Meny</header><h1>Sidan hittades inte</h1><p>Sidan du söker finns inte längre.</p></body></html>'
const LANDING =
  '<!DOCTYPE html>\n<html lang="sv"><head><title>Lekplatser i Lerum</title></head><body><h1>Lekplatser</h1><p>Ladda ner filen nedan.</p></body></html>'

const dataset = describedDataset('Lekplatser', 'Alla lekplatser')

function dist(over: Partial<DistributionInfo> = {}): DistributionInfo {
  return describedDistribution('http://127.0.0.1/file', { license: 'http://creativecommons.org/publicdomain/zero/1.0/', ...over })
}

const ctx: CheckContext = {
  lang: 'sv',
  now: new Date('2026-11-26T12:00:00Z'),
  errorLimit: 1000,
  resolveSchema: async () => null,
}

function target(body: Uint8Array | string, over: Partial<DistributionInfo> = {}, status = 200): CheckTarget {
  return { dataset, distribution: dist(over), dataServices: [], content: contentFromBuffer(body, { httpStatus: status }) }
}

const codes = (r: { findings: { code: string }[] }): string[] => r.findings.map((f) => f.code).sort()

describe('sniffFormat on real bytes', () => {
  it('tells CSV (with its delimiter), JSON, GeoJSON, XML, RDF and HTML apart', async () => {
    expect(await sniffFormat(Buffer.from(CSV), { complete: true })).toMatchObject({ format: 'csv', delimiter: ';', fileType: 'CSV' })
    expect((await sniffFormat(Buffer.from('a,b\n1,2\n'), { complete: true })).delimiter).toBe(',')
    expect((await sniffFormat(Buffer.from('a\tb\n1\t2\n'), { complete: true })).delimiter).toBe('\t')
    expect((await sniffFormat(Buffer.from('{"items":[{"id":1}]}'), { complete: true })).format).toBe('json')
    expect((await sniffFormat(Buffer.from(GEOJSON), { complete: true })).format).toBe('geojson')
    expect((await sniffFormat(Buffer.from('{"@context":"https://schema.org","name":"x"}'), { complete: true })).format).toBe('json-ld')
    expect((await sniffFormat(Buffer.from('<?xml version="1.0"?>\n<lekplatser><lekplats id="1"/></lekplatser>'), { complete: true })).format).toBe('xml')
    expect((await sniffFormat(Buffer.from('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>'), { complete: true })).format).toBe('rdf-xml')
    expect((await sniffFormat(Buffer.from(SOFT_404), { complete: true })).format).toBe('html')
    expect((await sniffFormat(Buffer.from('\uFEFF<html><body>x</body></html>'), { complete: true })).format).toBe('html')
    expect((await sniffFormat(Buffer.from('@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n'), { complete: true })).format).toBe('turtle')
  })

  it('does not call prose or a single column CSV', async () => {
    expect((await sniffFormat(Buffer.from('Detta är en vanlig text.\nUtan avgränsare här.\n'), { complete: true })).format).toBe('text')
    expect(detectDelimiter('a;b\nc;d;e;f;g\nh\n', true)).toBeNull()
  })

  it('recognises binary formats by their magic numbers', async () => {
    expect((await sniffFormat(makeXlsx())).format).toBe('xlsx')
    expect((await sniffFormat(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'))).format).toBe('pdf')
    const parquet = Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(64, 1), Buffer.from([8, 0, 0, 0]), Buffer.from('PAR1')])
    expect((await sniffFormat(parquet)).format).toBe('parquet')
    const shp = makeZip('shape', { 'lekplatser.shp': Buffer.alloc(100, 7), 'lekplatser.shx': Buffer.alloc(100, 8), 'lekplatser.dbf': Buffer.alloc(40, 3) })
    expect((await sniffFormat(shp)).format).toBe('shapefile-zip')
    const plainZip = makeZip('plain', { 'readme.txt': 'hej', 'data.csv': CSV })
    const z = await sniffFormat(plainZip)
    expect(z.format).toBe('zip')
    expect(z.zipEntries).toContain('data.csv')
    const ods = makeZip('sheet', { mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<office:document-content/>' }, ['mimetype'])
    expect((await sniffFormat(ods)).format).toBe('ods')
  })
})

describe('resolveDeclaredFileType', () => {
  it('reads EU IRIs, IANA types and free text', () => {
    expect(resolveDeclaredFileType('http://publications.europa.eu/resource/authority/file-type/CSV')).toBe('CSV')
    expect(resolveDeclaredFileType('https://publications.europa.eu/resource/authority/file-type/GEOJSON/')).toBe('GEOJSON')
    expect(resolveDeclaredFileType('https://www.iana.org/assignments/media-types/text/csv')).toBe('CSV')
    expect(resolveDeclaredFileType('text/csv; charset=utf-8')).toBe('CSV')
    expect(resolveDeclaredFileType('CSV')).toBe('CSV')
    expect(resolveDeclaredFileType('Excel')).toBe('XLSX')
    expect(resolveDeclaredFileType('.geojson')).toBe('GEOJSON')
    expect(resolveDeclaredFileType('Shape (zip)')).toBe('SHP')
    expect(resolveDeclaredFileType('CSV (zip)')).toBe('ZIP')
    expect(resolveDeclaredFileType('API')).toBeNull()
  })
})

describe('format check', () => {
  it('passes a CSV declared as CSV with an open licence: three stars', async () => {
    const r = await formatCheck.run(target(CSV, { format: 'http://publications.europa.eu/resource/authority/file-type/CSV', mediaType: 'text/csv' }), ctx)
    expect(r.status).toBe('pass')
    expect(r.findings).toEqual([])
    expect(r.facts).toMatchObject({ detectedFormat: 'csv', declaredFileType: 'CSV', stars: 3, starsReason: 'not-linked-data', delimiter: ';' })
  })

  it('finds a soft 404: an HTML error page served with 200 for a declared CSV', async () => {
    const r = await formatCheck.run(target(SOFT_404, { format: 'CSV' }), ctx)
    expect(r.status).toBe('fail')
    expect(codes(r)).toEqual(['soft-404'])
    expect(said(r.findings[0]).message).toContain('Sidan hittades inte')
    expect(said(r.findings[0]).hint).toMatch(/nedladdningsadressen/)
    expect(r.facts).toMatchObject({ soft404: true, stars: 0, starsReason: 'not-available' })
  })

  it('reports format-mismatch when a CSV is declared but a web page is served', async () => {
    const r = await formatCheck.run(target(LANDING, { format: 'text/csv' }), ctx)
    expect(r.status).toBe('fail')
    expect(codes(r)).toContain('format-mismatch')
    expect(codes(r)).not.toContain('soft-404')
    expect(r.findings.find((f) => f.code === 'format-mismatch')!.severity).toBe('error')
  })

  it('reports format-mismatch (alone) when a CSV is declared but XLSX is served', async () => {
    const r = await formatCheck.run(target(makeXlsx(), { format: 'http://publications.europa.eu/resource/authority/file-type/CSV' }), ctx)
    expect(r.status).toBe('fail')
    expect(codes(r)).toEqual(['format-mismatch'])
    expect(r.facts).toMatchObject({ detectedFormat: 'xlsx', stars: 2, starsReason: 'proprietary-format' })
  })

  it('accepts XLSX declared as XLSX but flags it as proprietary (warning, two stars)', async () => {
    const r = await formatCheck.run(target(makeXlsx(), { format: 'XLSX' }), ctx)
    expect(r.status).toBe('warn')
    expect(codes(r)).toEqual(['proprietary-format'])
  })

  it('flags PDF as not machine-readable: one star', async () => {
    const r = await formatCheck.run(target(Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), { format: 'PDF' }), ctx)
    expect(codes(r)).toEqual(['not-machine-readable'])
    expect(r.facts).toMatchObject({ stars: 1, starsReason: 'not-machine-readable' })
  })

  it('gives no stars without an open licence', async () => {
    const r = await formatCheck.run(target(CSV, { format: 'CSV', license: 'http://creativecommons.org/licenses/by-nc/4.0/' }), ctx)
    expect(r.facts).toMatchObject({ stars: 0, starsReason: 'no-open-licence' })
  })

  it('treats GeoJSON declared but plain JSON served as a near mismatch (warning)', async () => {
    const r = await formatCheck.run(target('{"lekplatser":[{"id":1}]}', { format: 'GeoJSON' }), ctx)
    expect(r.status).toBe('warn')
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['format-mismatch', 'warning']])
  })

  it('accepts GeoJSON declared as JSON, a shapefile zip declared as SHP, Parquet declared as Parquet', async () => {
    expect((await formatCheck.run(target(GEOJSON, { mediaType: 'application/json' }), ctx)).status).toBe('pass')
    const shp = makeZip('shape2', { 'a.shp': Buffer.alloc(50, 1), 'a.dbf': Buffer.alloc(50, 2) })
    const s = await formatCheck.run(target(shp, { format: 'http://publications.europa.eu/resource/authority/file-type/SHP' }), ctx)
    expect(codes(s)).toEqual(['proprietary-format'])
    const parquet = Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(64, 1), Buffer.from('PAR1')])
    const p = await formatCheck.run(target(parquet, { format: 'parquet' }), ctx)
    expect(p.status).toBe('pass')
    expect(p.facts?.stars).toBe(3)
  })

  it('reports size-mismatch against dcat:byteSize from the bytes really served', async () => {
    const big = 'id,värde\n' + Array.from({ length: 4000 }, (_, i) => `${i},${i * 2}`).join('\n') + '\n'
    const real = Buffer.byteLength(big)
    const r = await formatCheck.run(target(big, { format: 'CSV', byteSize: 1200 }), ctx)
    expect(codes(r)).toEqual(['size-mismatch'])
    expect(r.metrics).toMatchObject({ bytes: real, declaredBytes: 1200 })
    const ok = await formatCheck.run(target(big, { format: 'CSV', byteSize: real + 100 }), ctx)
    expect(codes(ok)).toEqual([])
  })

  it('streams past the head for a large ZIP to read its central directory and count bytes', async () => {
    // Random (incompressible) members push the shapefile entries beyond the first 64 KiB.
    const noise = Buffer.from(Array.from({ length: 120_000 }, (_, i) => (i * 7919 + (i >> 3) * 31) % 251))
    const zip = makeZip('bigshape', { 'a-noise.bin': noise, 'z.shp': Buffer.alloc(10, 1), 'z.dbf': Buffer.alloc(10, 2) }, ['a-noise.bin'])
    expect(zip.length).toBeGreaterThan(65536)
    const r = await formatCheck.run(target(zip, { format: 'SHP', byteSize: zip.length }), ctx)
    expect(r.facts?.detectedFormat).toBe('shapefile-zip')
    expect(r.metrics?.bytes).toBe(zip.length)
  })

  it('gives five stars to RDF that links to other data, four when it does not', async () => {
    const linked = '@prefix ex: <http://127.0.0.1/> .\nex:lekplats1 <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q1> .\n'
    const r5 = await formatCheck.run(target(linked, { format: 'RDF_TURTLE' }), ctx)
    expect(r5.facts).toMatchObject({ detectedFormat: 'turtle', stars: 5 })
    const closed = '@prefix ex: <http://127.0.0.1/> .\nex:lekplats1 ex:namn "Lekplats" .\n'
    expect((await formatCheck.run(target(closed, { format: 'text/turtle' }), ctx)).facts?.stars).toBe(4)
  })

  it('writes English with lang en and skips a non-2xx body', async () => {
    const r = await formatCheck.run(target(SOFT_404, { format: 'CSV' }), { ...ctx, lang: 'en' })
    expect(said(r.findings[0], 'en').message).toMatch(/error page/)
    const s = await formatCheck.run(target('Not found', { format: 'CSV' }, 404), ctx)
    expect(s.status).toBe('skipped')
  })

  it('reports an empty body', async () => {
    const r = await formatCheck.run(target('', { format: 'CSV' }), ctx)
    expect(codes(r)).toEqual(['empty-content'])
  })

  it('calls an HTML access URL without a download URL a landing page, not a wrong file', async () => {
    const r = await formatCheck.run(target(LANDING, { format: 'CSV', downloadUrl: null }), ctx)
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['access-url-landing-page', 'warning']])
  })

  it('reads an OGC WMS media type and does not call an unknown declaration undeclared', async () => {
    const caps = '<?xml version="1.0"?>\n<WMS_Capabilities version="1.3.0" xmlns="http://www.opengis.net/wms"><Service/></WMS_Capabilities>'
    const r = await formatCheck.run(target(caps, { format: 'application/vnd.ogc.wms_xml', downloadUrl: null }), ctx)
    expect(r.status).toBe('pass')
    expect(r.facts).toMatchObject({ detectedFormat: 'xml', declaredFileType: 'WMS_SRVC' })
    const odd = await formatCheck.run(target(CSV, { format: 'Övrigt' }), ctx)
    expect(codes(odd)).toEqual([])
    const none = await formatCheck.run(target(CSV), ctx)
    expect(codes(none)).toEqual(['format-undeclared'])
  })
})
