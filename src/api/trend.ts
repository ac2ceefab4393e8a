import { Hono } from 'hono'
import { getTrend } from '../read-model/trend.js'
import type { ApiDeps } from './api-deps.js'
import { integerParam, oneOfParam, requiredParam } from './query-params.js'
import { requestLang } from './request-lang.js'

const LEVELS = ['distribution', 'dataset', 'organisation', 'region'] as const

/**
 * `GET /api/trend?level=…&key=…[&days=90]`: the daily rollups of one distribution, dataset,
 * organisation or the region over the last `days` days (1–3660), oldest first. 400 for a
 * missing key, an unknown level or a bad number of days.
 */
export function trendApi({ db, lang: fallback }: ApiDeps): Hono {
  return new Hono().get('/', async (c) => {
    const lang = requestLang(c, fallback)
    const level = oneOfParam(c, lang, 'level', LEVELS)
    if (level instanceof Response) return level
    const key = requiredParam(c, lang, 'key')
    if (key instanceof Response) return key
    const days = integerParam(c, lang, 'days', { min: 1, max: 3660, fallback: 90 })
    if (days instanceof Response) return days
    return c.json({ level, key, days: await getTrend(db, level, key, days) })
  })
}
