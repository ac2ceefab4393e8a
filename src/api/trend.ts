import { Hono } from 'hono'
import { getTrend } from '../read-model/trend.js'
import type { ApiDeps } from './api-deps.js'
import { defineQuery } from './query-schema.js'
import { requestLang } from './request-lang.js'

const LEVELS = ['distribution', 'dataset', 'organisation', 'region'] as const

export const trendQuery = defineQuery(
  {
    level: { type: 'string', enum: LEVELS, description: 'Whose trend: a distribution, dataset, organisation or the region.' },
    key: { type: 'string', minLength: 1, maxLength: 2000, description: 'The IRI (the region id for the region).' },
    days: { type: 'integer', minimum: 1, maximum: 3660, default: 90, description: 'How many days back.' },
  },
  ['level', 'key'],
)

/**
 * `GET /api/trend?level=…&key=…[&days=90]`: the daily rollups of one distribution, dataset,
 * organisation or the region over the last `days` days (1–3660), oldest first. 400 for a
 * missing key, an unknown level or a bad number of days.
 */
export function trendApi({ db, lang: fallback }: ApiDeps): Hono {
  return new Hono().get('/', async (c) => {
    const lang = requestLang(c, fallback)
    const query = trendQuery.read(c, lang)
    if (query instanceof Response) return query
    const level = query.level as (typeof LEVELS)[number]
    const key = String(query.key)
    return c.json({ level, key, days: await getTrend(db, level, key, Number(query.days)) })
  })
}
