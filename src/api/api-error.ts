import type { Context } from 'hono'
import type { MessageParams } from '../domain/finding.js'
import { t, type MessageKey } from '../i18n/catalogue.js'
import type { Lang } from '../i18n/lang.js'

/** The codes of the API's errors, one per kind of failure a client can act on. */
export type ApiErrorCode = 'bad-request' | 'not-found' | 'internal'

/**
 * The one JSON shape of every API failure, with a 4xx/5xx status: a stable `code`, a
 * `message` in the requested language from the catalogue, and for an internal error the
 * `id` under which the server logged what happened (never the internal message itself).
 */
export interface ApiError {
  error: { code: ApiErrorCode; message: string; id?: string }
}

const STATUS: Record<ApiErrorCode, 400 | 404 | 500> = { 'bad-request': 400, 'not-found': 404, internal: 500 }

/** The API's error answer: `{ error: { code, message } }` with the code's status, the message from the catalogue in `lang`. */
export function apiError(c: Context, lang: Lang, code: ApiErrorCode, key: MessageKey, params?: MessageParams, id?: string): Response {
  const body: ApiError = { error: { code, message: t(lang, key, params) } }
  if (id) body.error.id = id
  return c.json(body, STATUS[code])
}
