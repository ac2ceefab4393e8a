import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { etag } from 'hono/etag'

/** How long a client or proxy may reuse an API answer without asking again (the data changes at most per sweep). */
const API_MAX_AGE_S = 60

/**
 * The conventions of every public read (the API and the badges), in two parts that wrap the
 * rate limit and the answer cache between them (src/web/create-app.ts):
 * - publicCors: CORS for any origin (reads only, with ETag and Link readable by scripts), so
 *   that a script elsewhere can also read a 429;
 * - publicCaching: an ETag over the body with a 304 for a matching If-None-Match (keeping
 *   the Cache-Control), and a Cache-Control on successful answers that set none themselves.
 */
export function publicCors(): MiddlewareHandler {
  return cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['ETag', 'Link'], maxAge: 86400 })
}

export function publicCaching(): MiddlewareHandler[] {
  return [
    etag(),
    async (c, next) => {
      await next()
      if (c.res.ok && !c.res.headers.has('cache-control')) c.res.headers.set('Cache-Control', `public, max-age=${API_MAX_AGE_S}`)
    },
  ]
}
