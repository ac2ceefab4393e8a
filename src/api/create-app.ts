import { Hono } from 'hono'
import type { Db } from '../db/database.js'

export interface AppDeps {
  db: Db
}

/** One JSON error shape for every API failure. */
export interface ApiError {
  error: { code: string; message: string }
}

/**
 * The Hono application: JSON API under /api, dashboards and badges at the root. It only
 * reads the database.
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono()
  app.get('/api/health', async (c) => {
    await deps.db.selectFrom('catalogue_sources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
    return c.json({ status: 'ok' })
  })
  app.notFound((c) => c.json<ApiError>({ error: { code: 'not-found', message: `No such resource: ${c.req.path}` } }, 404))
  app.onError((err, c) =>
    c.json<ApiError>({ error: { code: 'internal', message: err.message || 'Internal error' } }, 500),
  )
  return app
}
