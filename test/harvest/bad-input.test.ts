import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { harvestSource } from '../../src/harvest/harvest-source.js'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { testDeps } from './deps.js'
import { generateRdfXmlCatalogue } from './generate-catalogue.js'
import { send, serve, type Handler, type TestServer } from './serve.js'

/** The whole harvested state of the database, to prove a failed run changed nothing. */
async function snapshot(t: TestDb) {
  const q = async (table: string) =>
    (await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by iri`.execute(t.db)).rows
  return { ds: await q('datasets'), dist: await q('distributions'), svc: await q('data_services'), org: await q('organisations') }
}

describe(`harvesting does not trust the catalogue (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestDb
  let server: TestServer
  let good = ''
  const deps = testDeps({ timeoutMs: 800, maxCatalogueBytes: 200_000 })
  const source = () => ({ id: 'bad', kind: 'dcat' as const, url: `${server.origin}/catalog.rdf` })
  let before: Awaited<ReturnType<typeof snapshot>>

  beforeAll(async () => {
    t = await createTestDb()
    server = await serve(() => false)
    good = generateRdfXmlCatalogue({ base: server.origin, datasets: 20 })
    server.handler = (_req, res) => send(res, good)
    const r = await harvestSource(t.db, source(), deps)
    expect(r.status).toBe('ok')
    before = await snapshot(t)
    expect(before.ds).toHaveLength(20)
  })
  afterAll(async () => {
    await deps.engine.close()
    await server?.close()
    await t?.drop()
  })

  async function failsWith(handler: Handler, code: string) {
    server.handler = handler
    const r = await harvestSource(t.db, source(), deps)
    expect(r.status).toBe('failed')
    if (r.status !== 'failed') throw new Error('expected a failed run')
    expect(r.failure.code).toBe(code)
    const run = await t.db.selectFrom('harvest_runs').selectAll().where('id', '=', r.runId).executeTakeFirstOrThrow()
    expect(run.status).toBe('failed')
    // Stored as data: the reason and its params, never words.
    expect(run.error_code).toBe(code)
    expect(run.error_params).toMatchObject({ url: expect.any(String) })
    expect(run.error).toBeNull()
    expect(run.finished_at).toBeInstanceOf(Date)
    // The previous harvest stays exactly as it was: nothing withdrawn, nothing touched.
    expect(await snapshot(t)).toEqual(before)
    return { r, run }
  }

  it('a document cut off half way is a failed run with its position', async () => {
    const cut = good.slice(0, Math.floor(good.length * 0.6))
    const { run } = await failsWith((_req, res) => send(res, cut), 'truncated')
    expect(run.error_params).toMatchObject({ line: expect.any(Number), column: expect.any(Number) })
    expect(run.http_status).toBeNull()
  })

  it('a transfer that stops before Content-Length is a failed run', async () => {
    await failsWith((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rdf+xml', 'content-length': Buffer.byteLength(good) })
      res.write(good.slice(0, 3000))
      setTimeout(() => res.socket?.destroy(), 20)
    }, 'truncated')
  })

  it('RDF/XML with a DOCTYPE and entity declarations is refused (no XXE, no entity expansion)', async () => {
    const xxe = `<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY lol "lol"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dct="http://purl.org/dc/terms/">
  <dcat:Dataset rdf:about="http://x.test/d"><dct:title>&xxe;&lol;</dct:title></dcat:Dataset>
</rdf:RDF>`
    const { run } = await failsWith((_req, res) => send(res, xxe), 'doctype-refused')
    expect(run.error_params).toMatchObject({ line: 2 })
    expect(JSON.stringify(await snapshot(t))).not.toContain('root:')
  })

  it('a body over harvest.maxCatalogueBytes is refused', async () => {
    const big = generateRdfXmlCatalogue({ base: server.origin, datasets: 200 })
    expect(Buffer.byteLength(big)).toBeGreaterThan(200_000)
    await failsWith((_req, res) => send(res, big), 'too-large')
  })

  it('a hanging server times out', async () => {
    const started = Date.now()
    await failsWith(() => {
      // accept the request, never answer
    }, 'timeout')
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it('a server that stalls in the middle of the body times out', async () => {
    await failsWith((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rdf+xml' })
      res.write(good.slice(0, 2000))
    }, 'timeout')
  })

  it('a server trickling bytes slower than the whole-document deadline times out', async () => {
    const started = Date.now()
    await failsWith((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rdf+xml' })
      let i = 0
      const tick = setInterval(() => {
        if (res.destroyed || i >= good.length) return clearInterval(tick)
        res.write(good.slice(i, i + 10))
        i += 10
      }, 100)
      res.on('close', () => clearInterval(tick))
    }, 'timeout')
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it('HTTP 404 is a failed run with the status', async () => {
    const { run } = await failsWith((_req, res) => send(res, 'Not Found', 'text/plain', 404), 'http-error')
    expect(run.http_status).toBe(404)
  })

  it('an HTML page is not RDF', async () => {
    await failsWith((_req, res) => send(res, '<!DOCTYPE html><html><body>Sidan hittades inte</body></html>', 'text/html'), 'html-page')
  })

  it('an HTML page served as application/rdf+xml is called HTML, not a DOCTYPE (XXE) attempt', async () => {
    await failsWith((_req, res) => send(res, '<!DOCTYPE html><html><body>Fel</body></html>', 'application/rdf+xml'), 'html-page')
  })

  it('malformed RDF/XML is a parse error with its position', async () => {
    const { run } = await failsWith(
      (_req, res) => send(res, good.replace('<dcat:Dataset rdf:about', '<dcat:Dataset rdf:about="x" rdf:about')),
      'parse-error',
    )
    expect(run.error_params).toMatchObject({ syntax: 'RDF/XML', line: expect.any(Number), column: expect.any(Number) })
  })

  it('Turtle with a syntax error names the line', async () => {
    const { run } = await failsWith((_req, res) => send(res, '@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<http://x.test/d> a dcat:Dataset ;\n  dcat:title "x" "y" .\n', 'text/turtle'), 'parse-error')
    expect(run.error_params).toMatchObject({ syntax: 'Turtle', line: 3 })
  })

  it('JSON-LD that needs a remote @context is refused without fetching it', async () => {
    let fetched = false
    const { run } = await failsWith((req, res, url) => {
      if (url.pathname === '/context.jsonld') fetched = true
      send(res, JSON.stringify({ '@context': `${server.origin}/context.jsonld`, '@id': 'http://x.test/d', '@type': 'Dataset' }), 'application/ld+json')
    }, 'parse-error')
    expect(run.error_params).toMatchObject({ syntax: 'JSON-LD', detail: expect.stringMatching(/remote @context/) })
    expect(fetched).toBe(false)
  })

  it('after all that, a good catalogue harvests as unchanged', async () => {
    server.handler = (_req, res) => send(res, good)
    const r = await harvestSource(t.db, source(), deps)
    if (r.status !== 'ok') throw new Error(JSON.stringify(r.failure))
    expect(r.counts.datasets).toMatchObject({ unchanged: 20, withdrawn: 0, added: 0 })
    // Standing alone: this run is the source's newest and ok, and no run is left open,
    // however many failed runs the tests before it (or none) recorded.
    const runs = await t.db.selectFrom('harvest_runs').select(['id', 'status']).where('source_id', '=', 'bad').orderBy('id').execute()
    expect(runs.at(-1)).toEqual({ id: r.runId, status: 'ok' })
    expect(runs.filter((x) => x.status !== 'ok' && x.status !== 'failed')).toEqual([])
  })
})
