import { Hono } from 'hono'
import type { MiddlewareHandler } from 'hono'
import type { AdminDeps } from '../api/admin.js'
import { apiRoutes } from '../api/api-routes.js'
import { defaultConfig, type RateLimitConfig, type ReadCacheConfig } from '../config/config.js'
import type { Db } from '../db/database.js'
import { defaultLang, type Lang } from '../i18n/lang.js'
import { adminRoutes, type AdminWebDeps } from './admin-routes.js'
import { alertRoutes, type AlertWebDeps } from './alert-routes.js'
import { badgeRoutes } from './badge-routes.js'
import { errorHandler, notFoundHandler } from './error-handlers.js'
import { pageRoutes } from './page-routes.js'
import { compression } from './compression.js'
import { countRequests, operationRoutes, type MetricsText } from './operations.js'
import { publicCaching, publicCors } from './public-reads.js'
import { rateLimit } from './rate-limit.js'
import { readCache } from './read-cache.js'
import { securityHeaders } from './security-headers.js'

/** What the web app needs. */
export interface AppDeps {
  db: Db
  /** The language of a request without `?lang=`; default DATAVAKT_LANG, else Swedish. */
  lang?: Lang
  /** The site's public address (config web.publicUrl), for the badge embed lines; else each request's origin. */
  publicUrl?: string
  /** Where errors no route answered are logged, with their id; default the service's logger (src/telemetry/logger.ts). */
  logError?: (line: string, err: unknown) => void
  /** What /metrics serves: the entry point's SDK (src/cli/telemetry-sdk.ts); none: /metrics is 503. */
  metricsText?: MetricsText
  /** The alerts' settings and link secret: feeds always, link pages and the follow form with a secret. */
  alerts?: AlertWebDeps
  /** The admin pages' settings (the outbox's .eml folder); default the default config's. */
  admin?: AdminWebDeps
  /** The token bucket per client of public reads (config `web.rateLimit`); none: not limited (tests). */
  rateLimit?: RateLimitConfig
  /** The answer cache of public reads (config `web.readCache`); none: every read goes to the database (tests). */
  readCache?: ReadCacheConfig
  /** The admin API's token and actions (src/api/admin.ts); none: the admin API is off. */
  adminApi?: AdminDeps
}

/** Leaves the admin API out of a public read's middleware: no CORS, ETag or public caching for it. */
const publicOnly = (mw: MiddlewareHandler): MiddlewareHandler => (c, next) => (c.req.path.startsWith('/api/admin') ? next() : mw(c, next))

/**
 * The Hono application datavakt serves: the operator's endpoints (operations.ts), the JSON
 * API under /api, the badges under /badge and the pages at the root, all reading through
 * the read model and never writing. Every answer carries the security headers
 * (security-headers.ts), is counted for /metrics and compressed when worth it
 * (compression.ts); public reads also get CORS, an ETag and a Cache-Control
 * (public-reads.ts) and are rate-limited per client (rate-limit.ts); public reads are
 * answered from the answer cache while the data is unchanged (read-cache.ts); the admin API
 * (/api/admin, bearer token) is neither. Errors no route answered are logged with an id and answered with a
 * fixed text and that id (see error-handlers.tsx); unknown addresses get a 404 in the
 * API's shape or as a page.
 */
export function createApp(deps: AppDeps): Hono {
  const lang = deps.lang ?? defaultLang()
  const app = new Hono()
  app.use(securityHeaders())
  app.use(countRequests())
  app.use('/api/*', publicOnly(publicCors()))
  app.use('/badge/*', publicCors())
  if (deps.rateLimit) app.use(rateLimit(deps.rateLimit, lang))
  if (deps.readCache) app.use(readCache(deps.db, deps.readCache))
  app.use(compression())
  app.use('/api/*', ...publicCaching().map(publicOnly))
  app.use('/badge/*', ...publicCaching())
  app.route('/', operationRoutes(deps.db, deps.metricsText))
  app.route('/api', apiRoutes({ db: deps.db, lang, ...(deps.adminApi ? { admin: deps.adminApi } : {}) }))
  app.route('/badge', badgeRoutes({ db: deps.db, lang }))
  app.route('/', alertRoutes(deps.db, lang, deps.alerts ?? { config: defaultConfig }))
  app.route('/', adminRoutes(deps.db, lang, deps.admin ?? { config: defaultConfig }))
  app.route('/', pageRoutes({ db: deps.db, lang, publicUrl: deps.publicUrl }))
  app.notFound(notFoundHandler(lang))
  app.onError(errorHandler(lang, deps.logError))
  return app
}
