import { Hono } from 'hono'
import { apiRoutes } from '../api/api-routes.js'
import type { Db } from '../db/database.js'
import { defaultLang, type Lang } from '../i18n/lang.js'
import { badgeRoutes } from './badge-routes.js'
import { errorHandler, notFoundHandler } from './error-handlers.js'
import { pageRoutes } from './page-routes.js'

/** What the web app needs. */
export interface AppDeps {
  db: Db
  /** The language of a request without `?lang=`; default DATAVAKT_LANG, else Swedish. */
  lang?: Lang
  /** Where errors no route answered are logged, with their id; default console.error. */
  logError?: (line: string, err: unknown) => void
}

/**
 * The Hono application datavakt serves: the JSON API under /api, the badges under /badge
 * and the pages at the root, all reading through the read model and never writing. Errors
 * no route answered are logged with an id and answered with a fixed text and that id (see
 * error-handlers.tsx); unknown addresses get a 404 in the API's shape or as a page.
 */
export function createApp(deps: AppDeps): Hono {
  const lang = deps.lang ?? defaultLang()
  const app = new Hono()
  app.route('/api', apiRoutes({ db: deps.db, lang }))
  app.route('/badge', badgeRoutes({ db: deps.db, lang }))
  app.route('/', pageRoutes({ db: deps.db, lang }))
  app.notFound(notFoundHandler(lang))
  app.onError(errorHandler(lang, deps.logError))
  return app
}
