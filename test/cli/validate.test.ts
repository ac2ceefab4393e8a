/**
 * `datavakt validate` end to end: spawns `node bin/datavakt.js validate ...` and checks the
 * exit codes (0 valid, 1 invalid, 2 usage error), the Frictionless-shaped JSON report and
 * the Swedish/English text report. URLs are served from 127.0.0.1.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

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

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'datavakt-validate-cli-'))
  await writeFile(join(dir, 'ok.csv'), 'id;namn;belopp\n1;Göteborg;"1 234,5"\n2;Borås;12\n')
  await writeFile(join(dir, 'ok.schema.json'), JSON.stringify({ fields: [{ name: 'id', type: 'integer' }, { name: 'namn' }, { name: 'belopp', type: 'number', decimalChar: ',', groupChar: ' ' }] }))
  await writeFile(join(dir, 'latin1.csv'), iconv.encode('id;ort\n1;Borås\n', 'latin1'))
  await writeFile(join(dir, 'broken.json'), '{"a": [1, 2')
  await writeFile(join(dir, 'data.json'), JSON.stringify([{ id: 1 }, { id: 'x' }]))
  await writeFile(join(dir, 'json.schema.json'), JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'array', items: { properties: { id: { type: 'integer' } } } }))
  server = createServer((req, res) => {
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
    expect(report.errors.map((e: { type: string; rowNumber: number | null; fieldNumber: number | null }) => [e.rowNumber, e.fieldNumber, e.type])).toEqual([
      [1, 3, 'blank-label'],
      [1, 4, 'duplicate-label'],
      [2, 3, 'missing-cell'],
      [2, 4, 'missing-cell'],
      [3, 3, 'missing-cell'],
      [3, 4, 'missing-cell'],
      [4, null, 'blank-row'],
      [5, 5, 'extra-cell'],
    ])
    for (const e of report.errors) {
      expect(Object.keys(e)).toEqual(expect.arrayContaining(['type', 'rowNumber', 'fieldNumber', 'fieldName', 'message']))
    }
    expect(report.findings).toEqual(expect.any(Array))
  })

  it('exit 1 with the encoding fix for a Latin-1 file, in English with --lang en', async () => {
    const r = await cli('--lang', 'en', join(dir, 'latin1.csv'))
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('INVALID')
    expect(r.stdout).toContain('encoding-error')
    expect(r.stdout).toContain('Save the file as UTF-8')
    const sv = await cli(join(dir, 'latin1.csv'))
    expect(sv.stdout).toContain('Spara filen som UTF-8')
  })

  it('validates JSON against a JSON Schema with pointers', async () => {
    const r = await cli('--json', '--schema', join(dir, 'json.schema.json'), join(dir, 'data.json'))
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout)
    expect(report.format).toBe('json')
    expect(report.errors.map((e: { type: string; pointer: string }) => [e.type, e.pointer])).toEqual([['json-schema-error', '/1/id']])
  })

  it('reports broken JSON as format-error even without a schema', async () => {
    const r = await cli('--json', join(dir, 'broken.json'))
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout).errors.map((e: { type: string }) => e.type)).toEqual(['format-error'])
  })

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
})
