/**
 * Issue 10, defects 8 and 3, through the spawned `datavakt validate`: a declared schema
 * that cannot be fetched, parsed or used (bad regex, unknown primaryKey field, unknown
 * type, non-numeric minimum) makes the file invalid with a schema error in sv and en,
 * never `valid: true`; a schema server trickling one byte a second is cut off at the
 * configured document deadline. Schemas are served from 127.0.0.1.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')
let dir: string
let server: Server
let base: string
let env: NodeJS.ProcessEnv

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = performance.now()
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'bin/datavakt.js'), 'validate', ...args], { cwd: dir, env }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr, ms: performance.now() - started })
    })
  })
}

const field2 = { name: 'name', type: 'string' }
const SCHEMAS: Record<string, unknown> = {
  'bad-regex': { fields: [{ name: 'id', type: 'integer' }, { ...field2, constraints: { pattern: '(?=a)a' } }] },
  'unknown-key': { fields: [{ name: 'id', type: 'integer' }, field2], primaryKey: 'nope' },
  'unknown-type': { fields: [{ name: 'id', type: 'foo' }, field2] },
  'text-minimum': { fields: [{ name: 'id', type: 'integer', constraints: { minimum: 'x' } }, field2] },
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'datavakt-schema-errors-'))
  await writeFile(join(dir, 'ok.csv'), 'id,name\n1,aaa\n')
  for (const [name, schema] of Object.entries(SCHEMAS)) await writeFile(join(dir, `${name}.json`), JSON.stringify(schema))
  await writeFile(join(dir, 'config.json'), JSON.stringify({ http: { documentDeadlineMs: 1500 } }))
  env = { ...process.env, DATAVAKT_CONFIG: join(dir, 'config.json') }
  server = createServer((req, res) => {
    if (req.url === '/slow') {
      res.writeHead(200, { 'content-type': 'application/json' })
      const timer = setInterval(() => res.write(' '), 300)
      res.on('close', () => clearInterval(timer))
      return
    }
    if (req.url === '/broken') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"fields": [')
      return
    }
    res.writeHead(404).end('not found')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
})

describe('a schema that cannot be used makes the file invalid', () => {
  for (const name of Object.keys(SCHEMAS)) {
    it(`${name}: exit 1, valid false, a schema-error in both languages`, async () => {
      const sv = await cli('--json', '--schema', `${name}.json`, 'ok.csv')
      expect(sv.code).toBe(1)
      const report = JSON.parse(sv.stdout)
      expect(report.valid).toBe(false)
      expect(report.errors.map((e: { type: string; severity: string }) => [e.type, e.severity])).toEqual([['schema-error', 'error']])
      expect(report.errors[0].message).toMatch(/^Schemat för .* kan inte användas/)
      const en = await cli('--json', '--lang', 'en', '--schema', `${name}.json`, 'ok.csv')
      expect(JSON.parse(en.stdout).errors[0].message).toMatch(/^The schema for .* cannot be used/)
    })
  }

  it('a schema file that is not JSON is refused before any check (exit 2, says where)', async () => {
    await writeFile(join(dir, 'not-json.json'), '{"fields": [')
    const r = await cli('--schema', 'not-json.json', 'ok.csv')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('not-json.json')
  })

  it('a schema URL that serves broken JSON: exit 1 with a schema-error (a 404 stays unknown-specification)', async () => {
    for (const path of ['/broken']) {
      const r = await cli('--json', '--allow-private', '--lang', 'en', '--schema', `${base}${path}`, 'ok.csv')
      expect(r.code).toBe(1)
      const report = JSON.parse(r.stdout)
      expect(report.valid).toBe(false)
      expect(report.errors[0]).toMatchObject({ type: 'schema-error', severity: 'error' })
      expect(report.errors[0].message).toContain(`${base}${path}`)
    }
  })

  it('a trickling schema server is cut off at the document deadline: exit 1, timeout', async () => {
    const r = await cli('--json', '--allow-private', '--lang', 'en', '--schema', `${base}/slow`, 'ok.csv')
    expect(r.code).toBe(1)
    // Spawning the CLI alone takes seconds on a loaded machine; without the deadline it never returns.
    expect(r.ms).toBeLessThan(45_000)
    const report = JSON.parse(r.stdout)
    expect(report.errors[0]).toMatchObject({ type: 'schema-error' })
    expect(report.errors[0].message).toMatch(/cannot be used.*within 1,500 ms/)
  }, 90_000)
})
