import { afterAll, beforeAll } from 'vitest'
import type { Hono } from 'hono'
import { serve, type ServerType } from '@hono/node-server'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { createApp, type AppDeps } from '../../src/web/create-app.js'
import { seedPages } from './seed-pages.js'

/** A fresh test database with seedPages' region, and the web app over it (Swedish unless told). */
export async function seededApp(deps: Omit<AppDeps, 'db'> = { lang: 'sv' }): Promise<{ t: TestDb; app: Hono }> {
  const t = await createTestDb()
  await seedPages(t.db)
  return { t, app: createApp({ ...deps, db: t.db }) }
}

/** Serves `app` on a free loopback port; `base` is its address without a trailing slash. */
export async function serveOnLoopback(app: Hono): Promise<{ server: ServerType; base: string }> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((r) => server.once('listening', () => r()))
  const addr = server.address()
  return { server, base: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` }
}

/** What useSeededApp gives a test file, set in its beforeAll: the database, the app, and its loopback address when served. */
export interface SeededAppInFile {
  t: TestDb
  app: Hono
  /** The served app's address without a trailing slash ('' unless `serve` was asked for). */
  base: string
}

/**
 * Registers a test file's beforeAll (seededApp with `deps`, then `prepare` for the file's own
 * rows, then serving it on loopback when `serve`) and afterAll (close the server, drop the database).
 */
export function useSeededApp(
  opts: { deps?: Omit<AppDeps, 'db'>; prepare?: (t: TestDb) => Promise<void>; serve?: boolean; timeoutMs?: number } = {},
): SeededAppInFile {
  const file: SeededAppInFile = { t: undefined as unknown as TestDb, app: undefined as unknown as Hono, base: '' }
  let server: ServerType | undefined
  beforeAll(async () => {
    Object.assign(file, await seededApp(opts.deps))
    await opts.prepare?.(file.t)
    if (opts.serve) ({ server, base: file.base } = await serveOnLoopback(file.app))
  }, opts.timeoutMs)
  afterAll(async () => {
    server?.close()
    await file.t?.drop()
  })
  return file
}
