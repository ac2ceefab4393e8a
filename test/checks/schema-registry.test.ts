/**
 * The schema registry: order (operator folder, bundled, the URL itself), URI
 * normalisation, CSVW mapped to Table Schema, HTML pages followed to <uri>/schema.json,
 * caching. Remote schemas come from a real HTTP server on 127.0.0.1 through the real
 * guarded engine (private addresses allowed for the test).
 */
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSchemaRegistry, normalizeSpecUri, specNameOf } from '../../checks/schema-registry.js'
import { defaultConfig } from '../../src/config/config.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'

const TABLE = { fields: [{ name: 'id', type: 'integer' }] }
const CSVW = { '@context': 'http://www.w3.org/ns/csvw', tableSchema: { columns: [{ name: 'place_id', required: true }, { name: 'latitude', datatype: 'decimal' }] } }
const JSONSCHEMA = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { id: { type: 'integer' } } }

let server: Server
let base: string
const hits: string[] = []
const engine = createFetchEngine({ ...defaultConfig.http, perHostGapMs: 0 }, { allowPrivateNetworks: true })

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '')
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type })
      res.end(body)
    }
    switch (req.url) {
      case '/table.json':
        return send(200, 'application/json', JSON.stringify(TABLE))
      case '/specifications/badplatser/1.0':
        return send(200, 'text/html; charset=utf-8', '<!doctype html><title>Badplatser</title>')
      case '/specifications/badplatser/1.0/schema.json':
        return send(200, 'application/json', JSON.stringify(CSVW))
      case '/json-schema':
        return send(200, 'application/schema+json', JSON.stringify(JSONSCHEMA))
      case '/not-a-schema':
        return send(200, 'application/json', '{"hello":"world"}')
      default:
        return send(404, 'text/plain', 'not found')
    }
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await engine.close()
  await new Promise<void>((r) => server.close(() => r()))
})

describe('URI normalisation', () => {
  it('ignores http/https, www., a trailing slash, the /sv/ segment, query and fragment', () => {
    const want = 'dataportal.se/specifications/utegym/1.0'
    for (const u of [
      'https://dataportal.se/specifications/utegym/1.0',
      'http://www.dataportal.se/specifications/utegym/1.0/',
      'https://www.dataportal.se/sv/specifications/utegym/1.0',
      'HTTPS://WWW.DATAPORTAL.SE/specifications/utegym/1.0#top',
      'https://dataportal.se/specifications/utegym/1.0?lang=sv',
    ]) {
      expect(normalizeSpecUri(u), u).toBe(want)
    }
  })
  it('reads the specification name from dataportal.se and lankadedata.se forms', () => {
    expect(specNameOf('https://www.dataportal.se/sv/specifications/badplatser/1.0')).toEqual({ name: 'badplatser', version: '1.0' })
    expect(specNameOf('https://lankadedata.se/spec/badplatser/')).toEqual({ name: 'badplatser', version: null })
    expect(specNameOf('https://example.org/x')).toBeNull()
  })
})

describe('schema registry', () => {
  async function folders() {
    const root = await mkdtemp(join(tmpdir(), 'datavakt-registry-'))
    const operator = join(root, 'operator')
    const bundled = join(root, 'bundled')
    await mkdir(operator)
    await mkdir(bundled)
    await writeFile(join(operator, 'index.json'), JSON.stringify({ 'https://dataportal.se/specifications/utegym/1.0': 'utegym-operator.json' }))
    await writeFile(join(operator, 'utegym-operator.json'), JSON.stringify({ fields: [{ name: 'from-operator' }] }))
    await writeFile(
      join(bundled, 'index.json'),
      JSON.stringify({
        specifications: [
          { uri: 'https://dataportal.se/specifications/utegym/1.0', file: 'utegym-bundled.json' },
          { uri: 'https://dataportal.se/specifications/lekplatser/1.0', file: 'lek-1.json' },
          { uri: 'https://dataportal.se/specifications/lekplatser/2.0', file: 'lek-2.json', aliases: ['https://example.org/lek'] },
        ],
      }),
    )
    await writeFile(join(bundled, 'utegym-bundled.json'), JSON.stringify({ fields: [{ name: 'from-bundled' }] }))
    await writeFile(join(bundled, 'lek-1.json'), JSON.stringify(CSVW))
    await writeFile(join(bundled, 'lek-2.json'), JSON.stringify({ fields: [{ name: 'v2' }] }))
    return { operator, bundled }
  }
  const firstField = (s: unknown) => (s as { fields: { name: string }[] }).fields[0]!.name

  it('asks the operator folder first, then the bundled one', async () => {
    const { operator, bundled } = await folders()
    const withOperator = createSchemaRegistry({ operatorDir: operator, bundledDir: bundled })
    const r1 = await withOperator.resolveSchema('http://www.dataportal.se/sv/specifications/utegym/1.0/')
    expect(r1).toMatchObject({ kind: 'table-schema', origin: 'operator:utegym-operator.json' })
    expect(firstField(r1!.schema)).toBe('from-operator')
    const bundledOnly = createSchemaRegistry({ bundledDir: bundled })
    const r2 = await bundledOnly.resolveSchema('https://dataportal.se/specifications/utegym/1.0')
    expect(r2!.origin).toBe('bundled:utegym-bundled.json')
  })

  it('maps CSVW files to Table Schema, matches lankadedata.se/spec/<name> to the highest version, and aliases', async () => {
    const { bundled } = await folders()
    const reg = createSchemaRegistry({ bundledDir: bundled })
    const v1 = await reg.resolveSchema('https://www.dataportal.se/specifications/lekplatser/1.0')
    expect(v1!.kind).toBe('table-schema')
    expect((v1!.schema as { fieldsMatch: string }).fieldsMatch).toBe('equal')
    expect(firstField(v1!.schema)).toBe('place_id')
    expect(firstField((await reg.resolveSchema('https://lankadedata.se/spec/lekplatser/'))!.schema)).toBe('v2')
    expect(firstField((await reg.resolveSchema('http://example.org/lek/'))!.schema)).toBe('v2')
    // A version we do not have is not checked against another one.
    expect(await reg.resolveSchema('https://dataportal.se/specifications/lekplatser/3.0')).toBeNull()
  })

  it('ships an empty bundled index (no specification could be cited), so unknown URIs resolve to null', async () => {
    const index = JSON.parse(await readFile(join(import.meta.dirname, '../../checks/specs/index.json'), 'utf8'))
    expect(index.specifications).toEqual([])
    const reg = createSchemaRegistry()
    expect(await reg.resolveSchema('https://dataportal.se/specifications/badplatser/1.0')).toBeNull()
  })

  it('fetches the conformsTo URL itself: Table Schema, JSON Schema, and <uri>/schema.json behind an HTML page; caches', async () => {
    const reg = createSchemaRegistry({ bundledDir: join(tmpdir(), 'no-such-dir'), fetchDocument: engine.fetchDocument.bind(engine) })
    hits.length = 0
    const t = await reg.resolveSchema(`${base}/table.json`)
    expect(t).toMatchObject({ kind: 'table-schema', origin: `${base}/table.json` })
    const j = await reg.resolveSchema(`${base}/json-schema`)
    expect(j!.kind).toBe('json-schema')
    const html = await reg.resolveSchema(`${base}/specifications/badplatser/1.0`)
    expect(html).toMatchObject({ kind: 'table-schema', origin: `${base}/specifications/badplatser/1.0/schema.json` })
    expect(firstField(html!.schema)).toBe('place_id')
    expect(await reg.resolveSchema(`${base}/not-a-schema`)).toBeNull()
    expect(await reg.resolveSchema(`${base}/missing`)).toBeNull()
    const before = hits.length
    await reg.resolveSchema(`${base}/table.json/`)
    await reg.resolveSchema(`${base}/specifications/badplatser/1.0`)
    expect(hits.length).toBe(before)
  })

  it('never fetches without a fetchDocument, and a broken operator index is an error, not "unknown"', async () => {
    const reg = createSchemaRegistry({ bundledDir: join(tmpdir(), 'no-such-dir') })
    hits.length = 0
    expect(await reg.resolveSchema(`${base}/table.json`)).toBeNull()
    expect(hits).toEqual([])
    const dir = await mkdtemp(join(tmpdir(), 'datavakt-broken-'))
    await writeFile(join(dir, 'index.json'), '{ not json')
    await expect(createSchemaRegistry({ operatorDir: dir }).resolveSchema('https://x.org/a')).rejects.toMatchObject({ name: 'SchemaRegistryError', code: 'checks.schema-registry.index-not-json', params: { path: join(dir, 'index.json') } })
  })
})
