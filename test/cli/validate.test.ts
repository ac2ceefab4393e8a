/**
 * `datavakt validate` end to end: spawns `node bin/datavakt.js validate ...` and checks the
 * exit codes (0 valid, 1 invalid, 2 usage error), the Frictionless-shaped JSON report and
 * the Swedish/English text report, and that it gives a file the same findings, in the same
 * words, as the content sweep does once the file is published. URLs are served from
 * 127.0.0.1.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodingCheck } from '../../checks/encoding.js'
import { createFileContentSource } from '../../checks/file-content-source.js'
import { defaultConfig, type Config } from '../../src/config/config.js'
import { runContentSweep } from '../../src/content/run-content-sweep.js'
import { latestCheckResultsAsOf } from '../../src/db/content-store.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { harvestSource } from '../../src/harvest/harvest-source.js'
import { describeFinding } from '../../src/i18n/catalogue.js'
import { frictionlessReport } from '../checks/frictionless-parity.js'
import { englishWords, swedishWords } from '../helpers/language.js'
import { createTestDb } from '../helpers/test-db.js'

const root = join(import.meta.dirname, '../..')
const fixtures = join(root, 'test/checks/fixtures-tabular')

// No configuration file: the built-in defaults, whatever the developer's environment says.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATAVAKT_CONFIG'))

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'bin/datavakt.js'), 'validate', ...args], { cwd: root, env }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr })
    })
  })
}

let dir: string
let server: Server
let base: string

/** Files as a publisher puts them online, for the comparison with the content sweep. */
const PUBLISHED: Record<string, string | Buffer> = {
  '/pub/latin1.csv': iconv.encode('id;ort\n1;Borås\n2;Mölndal\n', 'latin1'),
  '/pub/blank-row.csv': '\uFEFFid,namn\n1,a\n\n2,b\n',
  '/pub/ragged.csv': 'id,name\n1,a\n2,b,c\nx,\n',
}

/** A catalogue with one dataset holding the published files; the ragged one claims the CSVW spec. */
function catalogue(origin: string): string {
  const dist = (name: string, extra = '') =>
    `<${origin}/ds/${name}> a dcat:Distribution ; dcat:accessURL <${origin}/pub/${name}.csv> ; dcat:downloadURL <${origin}/pub/${name}.csv> ; dcat:mediaType "text/csv" ${extra}.`
  return `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
<${origin}/catalog> a dcat:Catalog ; dcat:dataset <${origin}/ds> .
<${origin}/ds> a dcat:Dataset ; dct:title "Publicerat"@sv ; dcat:distribution <${origin}/ds/latin1>, <${origin}/ds/blank-row>, <${origin}/ds/ragged> .
${dist('latin1')}
${dist('blank-row')}
${dist('ragged', `; dct:conformsTo <${origin}/spec> `)}
`
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'datavakt-validate-cli-'))
  await writeFile(join(dir, 'ok.csv'), 'id;namn;belopp\n1;Göteborg;"1 234,5"\n2;Borås;12\n')
  await writeFile(join(dir, 'ok.schema.json'), JSON.stringify({ fields: [{ name: 'id', type: 'integer' }, { name: 'namn' }, { name: 'belopp', type: 'number', decimalChar: ',', groupChar: ' ' }] }))
  await writeFile(join(dir, 'latin1.csv'), iconv.encode('id;ort\n1;Borås\n', 'latin1'))
  await writeFile(join(dir, 'blank-row.csv'), 'id,namn\n1,a\n\n2,b\n')
  await writeFile(join(dir, 'broken.json'), '{"a": [1, 2')
  await writeFile(join(dir, 'data.json'), JSON.stringify([{ id: 1 }, { id: 'x' }]))
  await writeFile(join(dir, 'json.schema.json'), JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'array', items: { properties: { id: { type: 'integer' } } } }))
  server = createServer((req, res) => {
    const published = PUBLISHED[req.url ?? '']
    if (published !== undefined) {
      res.writeHead(200, { 'content-type': 'text/csv' })
      return res.end(published)
    }
    if (req.url === '/catalogue.ttl') {
      res.writeHead(200, { 'content-type': 'text/turtle' })
      return res.end(catalogue(base))
    }
    if (req.url === '/data.csv') {
      res.writeHead(200, { 'content-type': 'text/csv' })
      return res.end('id,name\n1,a\n2,b,c\n')
    }
    if (req.url === '/spec') {
      res.writeHead(200, { 'content-type': 'text/html' })
      return res.end('<!doctype html><h1>Spec</h1>')
    }
    if (req.url === '/spec/schema.json') {
      res.writeHead(200, { 'content-type': 'application/json' })
      return res.end(JSON.stringify({ tableSchema: { columns: [{ name: 'id', datatype: 'integer' }, { name: 'name', required: true }] } }))
    }
    res.writeHead(404)
    res.end()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()))
})

describe('datavakt validate', () => {
  it('exit 0 and "GILTIG" for a valid file with its schema (Swedish decimal comma)', async () => {
    const r = await cli(join(dir, 'ok.csv'), '--schema', join(dir, 'ok.schema.json'))
    expect(r.stdout).toContain('GILTIG')
    expect(r.stdout).toContain('Avgränsare ";"')
    expect(r.code).toBe(0)
  })

  it('exit 1 and a Frictionless-shaped JSON report for the Frictionless example', async () => {
    const r = await cli('--json', join(fixtures, 'frictionless-invalid.csv'))
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout)
    expect(report.valid).toBe(false)
    expect(report.stats).toMatchObject({ rows: 4, fields: 4, errors: 8 })
    expect(report.stats.bytes).toBeGreaterThan(0)
    // What Frictionless reports; label errors belong to the header: its row numbers (Frictionless `rowNumbers`, [1]), no rowNumber.
    const frictionless = await frictionlessReport('../fixtures-tabular/frictionless-invalid.csv')
    expect(report.errors.map((e: { type: string; rowNumber?: number | null; rowNumbers?: number[]; fieldNumber: number | null }) => [e.rowNumber ?? e.rowNumbers, e.fieldNumber, e.type])).toEqual(
      frictionless.map(([row, field, type]) => [row ?? [1], field, type]),
    )
    for (const e of report.errors) {
      expect(Object.keys(e)).toEqual(expect.arrayContaining(['type', e.type.endsWith('-label') ? 'rowNumbers' : 'rowNumber', 'fieldNumber', 'fieldName', 'message']))
      expect(Object.keys(e)).not.toContain(e.type.endsWith('-label') ? 'rowNumber' : 'rowNumbers')
      expect(e).toMatchObject({ check: 'csv-structure', message: expect.stringMatching(/\S/) })
    }
    expect(report.errors.find((e: { type: string }) => e.type === 'blank-row')).toMatchObject({ severity: 'warning', message: expect.stringContaining('4') })
    // Encoding, format and structure are all checked; only the structure has something to say.
    expect(report.encoding).toBe('utf-8')
    expect(report.findings).toEqual([])
  })

  it('gives the verdict the sweep gives: a blank row is listed but only warns (exit 0)', async () => {
    const r = await cli('--json', join(dir, 'blank-row.csv'))
    const report = JSON.parse(r.stdout)
    expect(report.valid).toBe(true)
    expect(report.errors.map((e: { type: string; severity: string; rowNumber: number }) => [e.type, e.severity, e.rowNumber])).toEqual([['blank-row', 'warning', 3]])
    expect(r.code).toBe(0)
  })

  it("exit 1 with the encoding check's own advice for a Latin-1 file, in English with --lang en", async () => {
    // What the dashboard shows for this file: the encoding check's finding, in words.
    const content = await createFileContentSource(join(dir, 'latin1.csv'))
    const judge = async (lang: 'sv' | 'en') =>
      (await encodingCheck.run({ dataset: {} as never, dataServices: [], content }, { lang, now: new Date(), errorLimit: 100, resolveSchema: async () => null })).findings[0]!
    const en = await cli('--lang', 'en', join(dir, 'latin1.csv'))
    expect(en.code).toBe(1)
    expect(en.stdout).toContain('INVALID')
    expect(en.stdout).toContain('encoding/encoding-error')
    const sv = await cli(join(dir, 'latin1.csv'))
    for (const [out, lang] of [[en.stdout, 'en'], [sv.stdout, 'sv']] as const) {
      const finding = await judge(lang)
      expect(finding.code).toBe('encoding-error')
      const words = describeFinding(finding, lang)
      expect(out).toContain(words.message)
      expect(out).toContain(words.hint)
    }
    expect(sv.stdout).toMatch(/Excel/)
  })

  it('validates JSON against a JSON Schema with pointers', async () => {
    const r = await cli('--json', '--schema', join(dir, 'json.schema.json'), join(dir, 'data.json'))
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout)
    expect(report.format).toBe('json')
    expect(report.errors.map((e: { type: string; pointer: string }) => [e.type, e.pointer])).toEqual([['json-schema-error', '/1/id']])
  })

  it('reports broken JSON as format-error when checked against a schema', async () => {
    const r = await cli('--json', '--schema', join(dir, 'json.schema.json'), join(dir, 'broken.json'))
    expect(r.code).toBe(1)
    // Well-formedness is json-structure's (as structure is csv-structure's); conformance then could not check it.
    expect(JSON.parse(r.stdout).errors.map((e: { type: string; check: string }) => [e.check, e.type])).toEqual([['json-structure', 'format-error']])
  })

  it('reports broken JSON without a schema as invalid (well-formedness), in Swedish and English', async () => {
    const sv = await cli(join(dir, 'broken.json'))
    expect(sv.code).toBe(1)
    expect(sv.stdout).toContain('OGILTIG: 1 fel.')
    expect(sv.stdout).toMatch(/\[json-structure\/format-error, fel\] Filen är inte giltig JSON \(fel vid tecken \d+\)\./)
    const en = await cli('--lang', 'en', join(dir, 'broken.json'))
    expect(en.code).toBe(1)
    expect(en.stdout).toMatch(/\[json-structure\/format-error, error\] The file is not valid JSON \(error at character \d+\)\./)
    expect(JSON.parse((await cli('--json', join(dir, 'broken.json'))).stdout).valid).toBe(false)
  })

  it('speaks only Swedish by default and only English with --lang en, findings and fixes included', async () => {
    const files = [join(dir, 'latin1.csv'), join(dir, 'blank-row.csv'), join(fixtures, 'frictionless-invalid.csv'), join(dir, 'broken.json')]
    for (const file of files) {
      const sv = await cli(file)
      const en = await cli('--lang', 'en', file)
      // Only datavakt's own words: not the file line, nor values quoted from the data.
      const own = (out: string) => out.split('\n').filter((l) => !/^(Fil|File): /.test(l)).join('\n').replace(/"[^"\n]*"/g, '""').replace(/\[[^\]]*\]/g, '[]')
      expect(swedishWords(own(en.stdout)), `${file} en`).toEqual([])
      expect(englishWords(own(sv.stdout)), `${file} sv`).toEqual([])
      expect(en.stdout.split('\n').filter((l) => l.startsWith('      → ')).length, file).toBeGreaterThan(0)
    }
    // The encoding advice the pages give, in both languages.
    const sv = (await cli(join(dir, 'latin1.csv'))).stdout
    expect(sv).toMatch(/verkar vara (Windows-1252|ISO-8859-1)/)
    expect(sv).toContain('I Excel: Spara som → "CSV UTF-8 (kommaavgränsad)"')
    expect((await cli('--lang', 'en', join(dir, 'latin1.csv'))).stdout).toContain('In Excel: Save as → "CSV UTF-8 (Comma delimited)"')
  }, 240_000)

  it('fetches a URL and a specification URI (HTML page → schema.json, CSVW) from loopback with --allow-private', async () => {
    const r = await cli('--json', '--allow-private', '--schema', `${base}/spec`, `${base}/data.csv`)
    expect(r.stderr).toBe('')
    const report = JSON.parse(r.stdout)
    expect(report.schema).toMatchObject({ kind: 'table-schema', origin: `${base}/spec/schema.json` })
    expect(report.errors.map((e: { type: string; rowNumber: number }) => [e.type, e.rowNumber])).toEqual([['extra-cell', 3]])
    expect(r.code).toBe(1)
  })

  it('refuses loopback URLs without --allow-private (the guard), as an invalid source', async () => {
    const r = await cli('--json', `${base}/data.csv`)
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout).errors[0].type).toBe('source-error')
  })

  it('an unknown specification URI is reported as info, not as invalid', async () => {
    // Served 404 by the loopback server: no schema anywhere.
    const r = await cli('--json', '--allow-private', '--schema', `${base}/specifications/none/1.0`, join(dir, 'ok.csv'))
    const report = JSON.parse(r.stdout)
    expect(report.findings.map((f: { code: string }) => f.code)).toContain('unknown-specification')
    expect(r.code).toBe(0)
  })

  it('exit 2 for usage errors: missing file (named), no file, bad flag, bad --format, unreadable schema', async () => {
    const missing = await cli(join(dir, 'nope.csv'))
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain(join(dir, 'nope.csv'))
    expect((await cli()).code).toBe(2)
    expect((await cli('--bogus', join(dir, 'ok.csv'))).code).toBe(2)
    expect((await cli('--format', 'xlsx', join(dir, 'ok.csv'))).code).toBe(2)
    const schema = await cli('--schema', join(dir, 'none.json'), join(dir, 'ok.csv'))
    expect(schema.code).toBe(2)
    expect(schema.stderr).toContain('none.json')
  })

  it('gives each file the findings the content sweep gives it once published, in the same words', async () => {
    const t = await createTestDb()
    const config: Config = { ...defaultConfig, allowPrivateNetworks: true, http: { ...defaultConfig.http, perHostGapMs: 0 } }
    const engine = createFetchEngine(config.http, { allowPrivateNetworks: true })
    try {
      const source = { id: 'pub', kind: 'dcat' as const, url: `${base}/catalogue.ttl`, organisation: 'http://127.0.0.1/org' }
      expect((await harvestSource(t.db, source, { fetchDocument: (u, o) => engine.fetchDocument(u, o), harvest: config.harvest })).status).toBe('ok')
      const now = new Date()
      await runContentSweep({ db: t.db, engine, config, now })
      const results = await latestCheckResultsAsOf(t.db, now)
      for (const [name, schema] of [['latin1'], ['blank-row'], ['ragged', `${base}/spec`]] as const) {
        const content = results.filter((r) => r.distribution_iri === `${base}/ds/${name}` && (r.dimension === 'format' || r.dimension === 'conformance'))
        expect(content.length, name).toBeGreaterThan(1)
        const swept = content.flatMap((r) => r.findings.map((f) => `${r.check_id}/${f.code}/${f.severity}: ${describeFinding(f, 'sv').message}`)).sort()
        const r = await cli('--json', '--allow-private', ...(schema ? ['--schema', schema] : []), `${base}/pub/${name}.csv`)
        const report = JSON.parse(r.stdout)
        const validated = [
          ...report.errors.map((e: { check: string; type: string; severity: string; message: string }) => `${e.check}/${e.type}/${e.severity}: ${e.message}`),
          ...report.findings.map((f: { check: string; code: string; severity: string; message: string }) => `${f.check}/${f.code}/${f.severity}: ${f.message}`),
        ].sort()
        expect(validated, name).toEqual(swept)
        expect(swept.length, name).toBeGreaterThan(0)
        expect(report.valid, name).toBe(!content.some((x) => x.status === 'fail'))
        expect(r.code, name).toBe(report.valid ? 0 : 1)
      }
    } finally {
      await engine.close()
      await t.drop()
    }
  }, 120_000)
})
