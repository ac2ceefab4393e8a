import type { Context } from 'hono'
import type { Lang } from '../i18n/lang.js'
import { apiError } from './api-error.js'

/**
 * The query parameters the API reads, validated in one place: each returns the value, or
 * the API's 400 answer naming the parameter and what it must be (the caller returns that
 * Response as it is).
 */

/** A required, non-empty parameter. */
export function requiredParam(c: Context, lang: Lang, name: string): string | Response {
  const v = c.req.query(name)
  return v ? v : apiError(c, lang, 'bad-request', 'api.error.param-required', { name })
}

/** A required parameter that must be one of `allowed`. */
export function oneOfParam<T extends string>(c: Context, lang: Lang, name: string, allowed: readonly T[]): T | Response {
  const v = c.req.query(name)
  if (v !== undefined && (allowed as readonly string[]).includes(v)) return v as T
  return apiError(c, lang, 'bad-request', 'api.error.param-one-of', { name, allowed, got: v ?? '' })
}

/** An optional whole number from `min` to `max`; `fallback` when absent. */
export function integerParam(c: Context, lang: Lang, name: string, range: { min: number; max: number; fallback: number }): number | Response {
  const v = c.req.query(name)
  if (v === undefined) return range.fallback
  const n = Number(v)
  if (/^\d+$/.test(v) && Number.isSafeInteger(n) && n >= range.min && n <= range.max) return n
  return apiError(c, lang, 'bad-request', 'api.error.param-integer', { name, min: range.min, max: range.max, got: v })
}
