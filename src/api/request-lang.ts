import type { Context } from 'hono'
import { parseLang, type Lang } from '../i18n/lang.js'

/** The language a request asks for with `?lang=` (sv, en, en-GB, ...), else `fallback`. */
export function requestLang(c: Context, fallback: Lang): Lang {
  return parseLang(c.req.query('lang')) ?? fallback
}
