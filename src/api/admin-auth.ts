import { createHash, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { Lang } from '../i18n/lang.js'
import { apiError } from './api-error.js'
import { requestLang } from './request-lang.js'

/** The realm named in WWW-Authenticate. */
const REALM = 'datavakt admin'

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest()

/**
 * Whether `given` is `token`, in time that does not depend on where they differ: both are
 * hashed first, so the comparison is of equal lengths and leaks not even the token's length.
 */
export function sameToken(given: string, token: string): boolean {
  return timingSafeEqual(digest(given), digest(token))
}

/**
 * Guards the admin endpoints with `Authorization: Bearer <token>` (config `web.adminToken`).
 * No token configured: the endpoints are off, 404 `admin-off` saying so. No or a wrong
 * token: 401 `unauthorized` with `WWW-Authenticate: Bearer` (RFC 6750). Answers are never cached.
 */
export function adminAuth(token: string | undefined, fallback: Lang): MiddlewareHandler {
  return async (c, next) => {
    c.header('Cache-Control', 'no-store')
    const lang = requestLang(c, fallback)
    if (!token) return apiError(c, lang, 'admin-off', 'api.error.admin-off')
    const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(c.req.header('authorization') ?? '')
    if (!m) {
      c.header('WWW-Authenticate', `Bearer realm="${REALM}"`)
      return apiError(c, lang, 'unauthorized', 'api.error.unauthorized')
    }
    if (!sameToken(m[1]!, token)) {
      c.header('WWW-Authenticate', `Bearer realm="${REALM}", error="invalid_token"`)
      return apiError(c, lang, 'unauthorized', 'api.error.unauthorized')
    }
    await next()
  }
}
