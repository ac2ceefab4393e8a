import type { MiddlewareHandler } from 'hono'

/**
 * The Content-Security-Policy of every answer. The pages carry their stylesheet inline and
 * colour score chips with a `style` attribute, so styles may be inline; nothing else runs
 * or loads: no script at all, images only from here or inline (the SVG charts), no
 * plugins, forms only back to here, and no other site may frame a page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** The headers every answer carries, pages, API, badges and errors alike. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
}

/**
 * Sets SECURITY_HEADERS on whatever answer leaves the app, including the 404 and error
 * answers (Hono's handlers set `c.res` before this middleware's `next()` returns).
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value)
  }
}
