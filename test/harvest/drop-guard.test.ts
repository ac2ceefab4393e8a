import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { harvestSource } from '../../src/harvest/harvest-source.js'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { testDeps } from './deps.js'
import { generateRdfXmlCatalogue } from './generate-catalogue.js'
import { send, serve, type TestServer } from './serve.js'

/** Issue 10 defect 7: a catalogue that suddenly lists far fewer datasets does not withdraw them at once. */
describe(`a large drop waits for confirmation (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestDb
  let server: TestServer
  let body = ''
  const deps = testDeps() // maxDropShare: the default, 20 %
  beforeAll(async () => {
    t = await createTestDb()
    server = await serve((_req, res) => send(res, body))
  })
  afterAll(async () => {
    await deps.engine.close()
    await server?.close()
    await t?.drop()
  })
  const source = () => ({ id: 'drop', kind: 'dcat' as const, url: `${server.origin}/catalog.rdf` })
  const live = async () =>
    (await t.db.selectFrom('datasets').select('iri').where('source_id', '=', 'drop').where('withdrawn_at', 'is', null).execute()).length

  it('fails a harvest that would withdraw 4 of 10, withdraws them when the next harvest reads the same; a small drop goes at once', async () => {
    body = generateRdfXmlCatalogue({ base: server.origin, datasets: 10 })
    expect((await harvestSource(t.db, source(), deps)).status).toBe('ok')

    body = generateRdfXmlCatalogue({ base: server.origin, datasets: 10, omit: new Set([1, 3, 5, 7]) })
    const cut = await harvestSource(t.db, source(), deps)
    expect(cut).toMatchObject({ status: 'failed', failure: { reason: 'dataset-drop' } })
    expect(await live()).toBe(10)

    const confirmed = await harvestSource(t.db, source(), deps)
    if (confirmed.status !== 'ok') throw new Error(JSON.stringify(confirmed.failure))
    expect(confirmed.counts.datasets.withdrawn).toBe(4)
    expect(await live()).toBe(6)

    // 1 of 6 (17 %) is under the share: withdrawn at once.
    body = generateRdfXmlCatalogue({ base: server.origin, datasets: 10, omit: new Set([1, 3, 5, 7, 9]) })
    const small = await harvestSource(t.db, source(), deps)
    expect(small.status).toBe('ok')
    expect(await live()).toBe(5)
  })
})
