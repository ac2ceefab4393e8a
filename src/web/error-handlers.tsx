import { randomUUID } from 'node:crypto'
import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { ErrorPage } from '../../dashboards/error-page.js'
import { apiError } from '../api/api-error.js'
import { requestLang } from '../api/request-lang.js'
import { t } from '../i18n/catalogue.js'
import type { Lang } from '../i18n/lang.js'
import { createLogger, type Logger } from '../telemetry/logger.js'
import { pageHere } from './page-here.js'

const isApiPath = (c: Context) => c.req.path === '/api' || c.req.path.startsWith('/api/')

/** A browser asking for a page (its Accept names text/html): it gets a page, never JSON. */
const wantsHtml = (c: Context) => /\btext\/html\b/i.test(c.req.header('accept') ?? '')

/** An API client: a request under /api that is not from a browser asking for a page. */
const isApi = (c: Context) => isApiPath(c) && !wantsHtml(c)

/** A client that reads JSON: the API's, and the badges' shields.io endpoints; a browser asking for a page never. */
const readsJson = (c: Context) => !wantsHtml(c) && (isApiPath(c) || c.req.path.startsWith('/badge/'))

/** A short id that ties what a client was told to the line the server logged. */
function errorId(): string {
  return randomUUID().slice(0, 8)
}

/**
 * The app's error handler. An error a handler did not answer itself (a database error, a
 * bug) is logged with a fresh id, its message and stack; the client gets only a fixed text
 * from the catalogue in its language and that id: the API's one error shape under /api, a
 * plain error page otherwise, status 500. Never the error's own message, which may name
 * tables, hosts or data.
 */
export function errorHandler(fallback: Lang, log: (line: string, err: unknown) => void = defaultLog): ErrorHandler {
  return (err, c) => {
    const id = errorId()
    log(`datavakt web: error ${id} on ${c.req.method} ${c.req.path}`, err)
    const lang = requestLang(c, fallback)
    if (isApi(c)) return apiError(c, lang, 'internal', 'api.error.internal', { id }, id)
    return c.html(<ErrorPage title={t(lang, 'pages.error.internal')} text={t(lang, 'pages.error.internal-text', { id })} lang={lang} here={pageHere(c)} />, 500)
  }
}

let logger: Logger | undefined

function defaultLog(line: string, err: unknown): void {
  ;(logger ??= createLogger()).error('web.error', line, {}, err)
}

/**
 * An unknown address: the API's 404 shape under /api, a 404 page in the reader's language
 * otherwise, and also under /api for a browser (a mistyped address never shows raw JSON).
 */
export function notFoundHandler(fallback: Lang): NotFoundHandler {
  return (c) => {
    const lang = requestLang(c, fallback)
    if (isApi(c)) return apiError(c, lang, 'not-found', 'api.error.no-resource', { path: c.req.path })
    return c.html(
      <ErrorPage title={t(lang, 'pages.error.not-found')} text={t(lang, 'pages.error.no-page', { path: c.req.path })} lang={lang} here={pageHere(c)} />,
      404,
    )
  }
}

/**
 * 429 for a client over its rate limit (src/web/rate-limit.ts; the caller sets Retry-After):
 * the API's error shape for API and badge clients, a page in the reader's language otherwise.
 */
export function tooManyRequests(c: Context, fallback: Lang, seconds: number): Response | Promise<Response> {
  const lang = requestLang(c, fallback)
  if (readsJson(c)) return apiError(c, lang, 'rate-limited', 'api.error.rate-limited', { seconds })
  return c.html(<ErrorPage title={t(lang, 'api.error.rate-limited-title')} text={t(lang, 'api.error.rate-limited', { seconds })} lang={lang} here={pageHere(c)} />, 429)
}
