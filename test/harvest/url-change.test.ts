import type { IncomingHttpHeaders } from 'node:http'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config/config.js'
import { harvestSource } from '../../src/harvest/harvest-source.js'
import { availabilityStep } from '../../src/availability/next-availability-state.js'
import { recordProbes } from '../../src/db/probe-store.js'
import { probeResult } from '../availability/seed-distributions.js'
import { createSweep } from '../../src/queue/create-sweep.js'
import { runSweep } from '../../src/queue/run-sweep.js'
import { describeEachDb, type TestDb } from '../helpers/test-db.js'
import { testDeps } from './deps.js'
import { send, serve, type TestServer } from './serve.js'

/**
 * A distribution whose probed URL changes in the catalogue (same IRI, new downloadURL or
 * accessURL), or that comes back after being withdrawn, is new to the availability
 * schedule: due at the next sweep; and the changed one starts without the old URL's
 * availability state (validators, failure run), while its old probes stay. Through the
 * real harvester and sweep, on a loopback server.
 */

interface Dist {
  id: string
  access?: string
  download?: string
}

/** A catalogue of one dataset with the given distributions (paths relative to `base`). */
function catalogue(base: string, dists: Dist[]): string {
  const dist = (d: Dist) => `  <dcat:distribution>
    <dcat:Distribution rdf:about="${base}/dist/${d.id}">
      <dcterms:title xml:lang="sv">${d.id}</dcterms:title>
${d.access ? `      <dcat:accessURL rdf:resource="${base}${d.access}"/>\n` : ''}${d.download ? `      <dcat:downloadURL rdf:resource="${base}${d.download}"/>\n` : ''}      <dcterms:license rdf:resource="http://creativecommons.org/publicdomain/zero/1.0/"/>
    </dcat:Distribution>
  </dcat:distribution>
`
  return `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcat="http://www.w3.org/ns/dcat#">
<dcat:Catalog rdf:about="${base}/catalog">
  <dcterms:title xml:lang="sv">Katalog</dcterms:title>
  <dcat:dataset rdf:resource="${base}/dataset/1"/>
</dcat:Catalog>
<dcat:Dataset rdf:about="${base}/dataset/1">
  <dcterms:title xml:lang="sv">Datamängd</dcterms:title>
  <dcterms:description xml:lang="sv">Filer som flyttar.</dcterms:description>
${dists.map(dist).join('')}</dcat:Dataset>
</rdf:RDF>
`
}

/** The catalogue at first. */
const V1: Dist[] = [
  // Its file is missing: a failure run builds up on the old URL.
  { id: 'moved', access: '/page/moved', download: '/files/moved-404.csv' },
  // Only its landing page moves: the probed (download) URL stays.
  { id: 'kept', access: '/page/kept', download: '/files/kept.csv' },
  // No downloadURL: the accessURL is probed, and it moves.
  { id: 'api', access: '/api/old' },
  // Leaves the catalogue and comes back, at the same URL.
  { id: 'back', access: '/page/back', download: '/files/back.csv' },
]
/** `back` as it was and comes back. */
const BACK = V1.find((d) => d.id === 'back')!
/** The catalogue once the URLs changed: `back` is withdrawn. */
const V2: Dist[] = [
  { id: 'moved', access: '/page/moved', download: '/files/moved.csv' },
  { id: 'kept', access: '/page/kept-2', download: '/files/kept.csv' },
  { id: 'api', access: '/api/new' },
]

const availability = { ...defaultConfig.availability, leaseSeconds: 30 }

describeEachDb('a distribution whose probed URL changes, or that comes back, is due at once and starts afresh', (db) => {
  let t: TestDb
  let server: TestServer
  let body = ''
  /** Request headers per path, last request. */
  const headers = new Map<string, IncomingHttpHeaders>()
  const deps = testDeps()
  beforeAll(async () => {
    t = db()
    server = await serve((req, res, url) => {
      headers.set(url.pathname, req.headers)
      if (url.pathname === '/catalog.rdf') return send(res, body)
      // Files: *-404.csv are missing; everything else answers with an ETag of its own.
      if (url.pathname.endsWith('-404.csv')) return send(res, 'not found', 'text/plain', 404)
      const etag = `"${url.pathname}"`
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag })
        res.end()
        return
      }
      res.writeHead(200, { 'content-type': url.pathname.startsWith('/api/') ? 'application/json' : 'text/csv', etag })
      res.end(url.pathname.startsWith('/api/') ? '{"a":1}' : 'a,b\n1,2\n')
    })
  })
  afterAll(async () => {
    await deps.engine.close()
    await server?.close()
  })

  const iri = (id: string) => `${server.origin}/dist/${id}`
  const source = () => ({ id: 'moves', kind: 'dcat' as const, url: `${server.origin}/catalog.rdf` })
  async function harvest(dists: Dist[]) {
    body = catalogue(server.origin, dists)
    const r = await harvestSource(t.db, source(), deps)
    if (r.status !== 'ok') throw new Error(JSON.stringify(r.failure))
    return r.counts
  }
  /** Runs a sweep (of what is due now, or of everything) to the end; returns the IRIs it probed. */
  async function sweep(dueNow: boolean): Promise<string[]> {
    const created = await createSweep(t.db, { trigger: 'test', ...(dueNow ? { dueBy: 'now' as const } : {}) })
    if (created.urls > 0) {
      const run = await runSweep({ db: t.db, engine: deps.engine, config: { ...defaultConfig, http: defaultConfig.http, availability }, sweepId: created.sweepId, worker: { pollMs: 50 } })
      expect(run.summary.status).toBe('done')
    }
    const rows = await t.db.selectFrom('probes').select('distribution_iri').where('sweep_id', '=', created.sweepId).execute()
    return rows.map((r) => r.distribution_iri).sort()
  }
  /** Whether each distribution is due now, by the database's clock. */
  async function dueNow(): Promise<Record<string, boolean>> {
    const { rows } = await sql<{ iri: string; due: boolean }>`select iri, next_check_at <= now() as due from distributions`.execute(t.db)
    return Object.fromEntries(rows.map((r) => [r.iri.slice(r.iri.lastIndexOf('/') + 1), r.due]))
  }
  const stateOf = (id: string) => t.db.selectFrom('availability_state').selectAll().where('distribution_iri', '=', iri(id)).executeTakeFirst()
  const probesOf = (id: string) =>
    t.db.selectFrom('probes').select(['url', 'outcome', 'state_before']).where('distribution_iri', '=', iri(id)).orderBy('at').orderBy('id').execute()

  it('schedules the moved and the returning distribution for the next sweep; drops the moved one’s state, keeps its probes', async () => {
    expect((await harvest(V1)).distributions).toMatchObject({ added: 4 })
    const all = ['api', 'back', 'kept', 'moved'].map(iri).sort()
    // Two sweeps of everything: the missing file fails twice, the others answer with ETags.
    expect(await sweep(false)).toEqual(all)
    expect(await sweep(false)).toEqual(all)
    expect(await stateOf('moved')).toMatchObject({ last_outcome: 'failing', consecutive_failures: 2 })
    expect((await stateOf('api'))?.last_etag).toBe('"/api/old"')
    const kept = await stateOf('kept')
    expect(kept?.last_etag).toBe('"/files/kept.csv"')
    expect(await dueNow()).toEqual({ moved: false, kept: false, api: false, back: false })

    // The URLs change; `back` is withdrawn.
    expect((await harvest(V2)).distributions).toMatchObject({ changed: 3, withdrawn: 1 })
    expect(await dueNow()).toEqual({ moved: true, kept: false, api: true, back: false })
    expect(await stateOf('moved')).toBeUndefined()
    expect(await stateOf('api')).toBeUndefined()
    // The one whose probed URL stayed keeps its state as it was.
    expect(await stateOf('kept')).toEqual(kept)
    // History is kept: the old URLs' probes are all there.
    expect(await probesOf('moved')).toEqual([
      { url: `${server.origin}/files/moved-404.csv`, outcome: 'failing', state_before: 'unknown' },
      { url: `${server.origin}/files/moved-404.csv`, outcome: 'failing', state_before: 'degraded' },
    ])
    expect((await probesOf('api')).map((p) => p.url)).toEqual([`${server.origin}/api/old`, `${server.origin}/api/old`])

    // The next sweep of what is due takes the two new URLs, afresh.
    expect(await sweep(true)).toEqual(['api', 'moved'].map(iri).sort())
    expect((await probesOf('moved')).at(-1)).toEqual({ url: `${server.origin}/files/moved.csv`, outcome: 'ok', state_before: 'unknown' })
    expect(await stateOf('moved')).toMatchObject({ state: 'ok', consecutive_failures: 0, first_failure_at: null, last_etag: '"/files/moved.csv"' })
    // No validator of the old URL was sent to the new one.
    expect(headers.get('/api/new')?.['if-none-match']).toBeUndefined()
    expect((await stateOf('api'))?.last_etag).toBe('"/api/new"')
    expect((await probesOf('api')).map((p) => p.url)).toEqual([`${server.origin}/api/old`, `${server.origin}/api/old`, `${server.origin}/api/new`])

    // `back` returns at its old URL: due at once, its state kept (the same URL).
    const backState = await stateOf('back')
    expect(backState?.last_etag).toBe('"/files/back.csv"')
    expect((await harvest([...V2, BACK])).distributions).toMatchObject({ restored: 1, unchanged: 3 })
    expect(await dueNow()).toEqual({ moved: false, kept: false, api: false, back: true })
    expect(await stateOf('back')).toEqual(backState)
    expect(await sweep(true)).toEqual([iri('back')])
    // Its validators still hold for the same URL: a conditional request.
    expect(headers.get('/files/back.csv')?.['if-none-match']).toBe('"/files/back.csv"')
  })

  it('a probe of the old URL that lands after the move is history only: the new URL keeps its fresh state and stays due', async () => {
    // What the catalogue holds after the test above, plus one more.
    const others = [...V2, BACK]
    await harvest([...others, { id: 'late', download: '/files/late-404.csv' }])
    expect(await sweep(true)).toEqual([iri('late')])
    expect(await stateOf('late')).toMatchObject({ last_outcome: 'failing', consecutive_failures: 1 })
    await harvest([...others, { id: 'late', download: '/files/late.csv' }])
    expect(await stateOf('late')).toBeUndefined()
    // A worker that probed the old URL before the harvest writes its result only now.
    const old = `${server.origin}/files/late-404.csv`
    const step = availabilityStep(availability)
    const r = await recordProbes(t.db, null, 'slow-worker', [{ distributionIri: iri('late'), host: new URL(server.origin).host, result: probeResult(old, 'failing', 'http-404', new Date()) }], step)
    expect(r.inserted).toBe(1)
    expect((await probesOf('late')).map((p) => p.url)).toEqual([old, old])
    expect((await stateOf('late'))?.consecutive_failures ?? 0).toBe(0)
    expect((await dueNow()).late).toBe(true)
    // A probe of the URL it has now moves the state as usual.
    const now = `${server.origin}/files/late.csv`
    await recordProbes(t.db, null, 'worker', [{ distributionIri: iri('late'), host: new URL(server.origin).host, result: probeResult(now, 'ok', 'ok', new Date()) }], step)
    expect(await stateOf('late')).toMatchObject({ state: 'ok', last_outcome: 'ok' })
    expect((await dueNow()).late).toBe(false)
    expect(await dueNow()).toMatchObject({ moved: false, kept: false, api: false, back: false })
  })
})
