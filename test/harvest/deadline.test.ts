import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HarvestError } from '../../src/harvest/harvest-error.js'
import { harvestSource, readSource } from '../../src/harvest/harvest-source.js'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { testDeps } from './deps.js'
import { send, serve, type TestServer } from './serve.js'

/** Issue 10 item 3: a harvest whose paging never ends has a deadline of its own (harvest.deadlineMs). */

const PREFIXES = `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix hydra: <http://www.w3.org/ns/hydra/core#> .
`

/** Page `n` of a paged DCAT catalogue: one dataset, and a next page unless `last`. */
function page(origin: string, n: number, last: boolean): string {
  const next = last ? '' : `<${origin}/catalog?page=${n}> hydra:nextPage <${origin}/catalog?page=${n + 1}> .\n`
  return `${PREFIXES}<${origin}/catalog> a dcat:Catalog ; dcat:dataset <${origin}/ds/${n}> .
<${origin}/ds/${n}> a dcat:Dataset ; dct:title "Datamängd ${n}"@sv .
${next}`
}

describe(`a harvest that never ends fails on its deadline and withdraws nothing (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestDb
  let server: TestServer
  /** Pages of the catalogue; Infinity = the paging never ends. */
  let pages = 3
  const deps = testDeps({ deadlineMs: 1500 })
  beforeAll(async () => {
    t = await createTestDb()
    server = await serve((_req, res, url) => {
      if (url.pathname === '/catalog') {
        const n = Number(url.searchParams.get('page') ?? 1)
        return send(res, page(server.origin, n, n >= pages), 'text/turtle')
      }
      if (url.pathname === '/ckan/api/3/action/package_search') {
        // Says there are a billion packages and always sends one more.
        const start = Number(url.searchParams.get('start'))
        // Each page takes 5 ms, so the reader's 5,000-page cap (25 s) can never come before the 1.5 s deadline.
        const results = [{ id: `p-${start}`, title: `Paket ${start}`, resources: [] }]
        setTimeout(() => send(res, JSON.stringify({ success: true, result: { count: 1e9, results } }), 'application/json'), 5)
        return
      }
      if (url.pathname === '/es/store/search') {
        // An EntryStore that says it has a billion entries and always lists one more.
        const offset = Number(url.searchParams.get('offset'))
        setTimeout(() => send(res, JSON.stringify({ results: 1e9, resource: { children: [{ contextId: '1', entryId: String(offset) }] } }), 'application/json'), 5)
        return
      }
      const entry = /^\/es\/store\/1\/metadata\/(\d+)$/.exec(url.pathname)
      if (entry) {
        return send(
          res,
          `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#"><dcat:Dataset rdf:about="${server.origin}/es/store/1/resource/${entry[1]}"/></rdf:RDF>`,
        )
      }
      if (url.pathname === '/trickle') {
        res.writeHead(200, { 'content-type': 'text/turtle' })
        res.write(PREFIXES)
        const tick = setInterval(() => res.write('# still here\n'), 100)
        res.on('close', () => clearInterval(tick))
        return
      }
      return false
    })
  })
  afterAll(async () => {
    await deps.engine.close()
    await server?.close()
    await t?.drop()
  })
  const source = { id: 'paged', kind: 'dcat' as const }
  const live = async () => (await t.db.selectFrom('datasets').select('iri').where('source_id', '=', 'paged').where('withdrawn_at', 'is', null).execute()).length

  it('endless hydra:nextPage pages: failed with its own code, the datasets of the last harvest kept', async () => {
    pages = 3
    const first = await harvestSource(t.db, { ...source, url: `${server.origin}/catalog` }, deps)
    expect(first).toMatchObject({ status: 'ok', datasets: 3 })

    pages = Infinity
    const started = Date.now()
    const endless = await harvestSource(t.db, { ...source, url: `${server.origin}/catalog` }, deps)
    const took = Date.now() - started
    if (endless.status !== 'failed') throw new Error('expected the endless harvest to fail')
    expect(endless.failure).toMatchObject({ code: 'deadline', params: { ms: 1500 } })
    expect(Number(endless.failure.params.count)).toBeGreaterThan(3)
    const run = await t.db.selectFrom('harvest_runs').select(['status', 'error_code', 'error_params']).where('id', '=', endless.runId).executeTakeFirstOrThrow()
    expect(run).toMatchObject({ status: 'failed', error_code: 'deadline' })
    expect(await live()).toBe(3)
    console.log(`endless paging: failed after ${took} ms and ${endless.failure.params.count} pages`)
  })

  it('endless CKAN paging fails on the deadline too', async () => {
    const err = await readSource({ kind: 'ckan', url: `${server.origin}/ckan` }, deps).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(HarvestError)
    expect((err as HarvestError).reason).toBe('deadline')
  })

  it('endless EntryScape search paging fails on the deadline too, not as a warning about one entry', async () => {
    const err = await readSource({ kind: 'entryscape', url: `${server.origin}/es` }, deps).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(HarvestError)
    expect((err as HarvestError).reason).toBe('deadline')
  })

  it('one document that trickles on is cut at the harvest’s deadline, not at the longer document timeout', async () => {
    const slow = testDeps({ deadlineMs: 1000, timeoutMs: 120_000 })
    try {
      const err = await readSource({ kind: 'dcat', url: `${server.origin}/trickle` }, slow).catch((e: unknown) => e)
      expect((err as HarvestError).reason).toBe('deadline')
    } finally {
      await slow.engine.close()
    }
  })
})
