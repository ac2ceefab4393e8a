import { Hono } from 'hono'
import type { ApiDeps } from './api-deps.js'

/** `GET /api/health`: `{ status: 'ok' }` once the database answered a query; an error (500) otherwise. */
export function healthApi({ db }: ApiDeps): Hono {
  return new Hono().get('/', async (c) => {
    await db.selectFrom('catalogue_sources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
    return c.json({ status: 'ok' })
  })
}
