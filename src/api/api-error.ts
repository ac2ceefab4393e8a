import type { Context } from 'hono'
import type { MessageParams } from '../domain/finding.js'
import { t, type MessageKey } from '../i18n/catalogue.js'
import type { Lang } from '../i18n/lang.js'

/** The codes of the API's errors, one per kind of failure a client can act on. */
export type ApiErrorCode = 'bad-request' | 'unauthorized' | 'not-found' | 'admin-off' | 'conflict' | 'rate-limited' | 'internal'

/** Every code, for the error schema of the OpenAPI document. */
export const API_ERROR_CODES: readonly ApiErrorCode[] = ['bad-request', 'unauthorized', 'not-found', 'admin-off', 'conflict', 'rate-limited', 'internal']

/**
 * The one JSON shape of every API failure, with a 4xx/5xx status: a stable `code`, a
 * `message` in the requested language from the catalogue, and for an internal error the
 * `id` under which the server logged what happened (never the internal message itself).
 */
export interface ApiError {
  error: { code: ApiErrorCode; message: string; id?: string }
}

/** `admin-off`: the admin endpoints are not there at all while no token is configured. */
const STATUS: Record<ApiErrorCode, 400 | 401 | 404 | 409 | 429 | 500> = {
  'bad-request': 400,
  unauthorized: 401,
  'not-found': 404,
  'admin-off': 404,
  conflict: 409,
  'rate-limited': 429,
  internal: 500,
}

/** The API's error answer: `{ error: { code, message } }` with the code's status, the message from the catalogue in `lang`. */
export function apiError(c: Context, lang: Lang, code: ApiErrorCode, key: MessageKey, params?: MessageParams, id?: string): Response {
  const body: ApiError = { error: { code, message: t(lang, key, params) } }
  if (id) body.error.id = id
  return c.json(body, STATUS[code])
}
