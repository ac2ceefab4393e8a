import { afterAll, beforeAll } from 'vitest'
import type { SourceConfig } from '../../src/config/config.js'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { testDeps } from './deps.js'
import { send, serve, type TestServer } from './serve.js'

/** A catalogue served on loopback for harvest tests: its database, server, harvest deps, and the body it answers with. */
export interface ServedCatalogue {
  /** The file's fresh test database (set in beforeAll). */
  t: TestDb
  /** The loopback server; every request gets `body` (set in beforeAll). */
  server: TestServer
  /** Harvest deps with the real fetch engine (see testDeps). */
  deps: ReturnType<typeof testDeps>
  /** What the server answers every request with: set it before each harvest. */
  body: string
  /** The DCAT source pointing at the served catalogue. */
  source(): SourceConfig & { kind: 'dcat' }
  /** How many of the source's datasets are not withdrawn. */
  live(): Promise<number>
}

/** Registers beforeAll/afterAll that open a test database and serve `body` as source `sourceId`'s catalogue, then close both. */
export function useServedCatalogue(sourceId: string): ServedCatalogue {
  const c: ServedCatalogue = {
    t: undefined as unknown as TestDb,
    server: undefined as unknown as TestServer,
    deps: testDeps(),
    body: '',
    source: () => ({ id: sourceId, kind: 'dcat', url: `${c.server.origin}/catalog.rdf` }),
    live: async () =>
      (await c.t.db.selectFrom('datasets').select('iri').where('source_id', '=', sourceId).where('withdrawn_at', 'is', null).execute()).length,
  }
  beforeAll(async () => {
    c.t = await createTestDb()
    c.server = await serve((_req, res) => send(res, c.body))
  })
  afterAll(async () => {
    await c.deps.engine.close()
    await c.server?.close()
    await c.t?.drop()
  })
  return c
}
