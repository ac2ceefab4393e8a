import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { etag } from 'hono/etag'

/** How long a client or proxy may reuse an API answer without asking again (the data changes at most per sweep). */
const API_MAX_AGE_S = 60

/** The headers a script elsewhere may read. */
const EXPOSED = ['ETag', 'Link']
const EXPOSED_LINE = EXPOSED.join(',')

/**
 * The conventions of every public read (the API and the badges), in two parts that wrap the
 * rate limit and the answer cache between them (src/web/create-app.ts):
 * - publicCors: CORS for any origin (reads only, with ETag and Link readable by scripts), so
 *   that a script elsewhere can also read a 429;
 * - publicCaching: an ETag over the body with a 304 for a matching If-None-Match (keeping
 *   the Cache-Control), and a Cache-Control on successful answers that set none themselves.
 */
export function publicCors(): MiddlewareHandler {
  const preflight = cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: EXPOSED, maxAge: 86400 })
  // Hono's cors sets its headers on `c.res` before the answer exists, which makes a
  // placeholder Response; Hono then rebuilds every answer returned after that (the answer
  // cache's kept ones included) around its body as a stream, merging the headers in: a kept
  // badge cost more to send than to find. The same headers set once the answer exists
  // cost nothing of the kind. Preflights stay Hono's.
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next)
    await next()
    c.res.headers.set('Access-Control-Allow-Origin', '*')
    c.res.headers.set('Access-Control-Expose-Headers', EXPOSED_LINE)
  }
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
