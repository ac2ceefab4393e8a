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
