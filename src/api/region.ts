import { Hono } from 'hono'
import { readRegion } from '../read-model/region.js'
import type { ApiDeps } from './api-deps.js'
import { defineQuery } from './query-schema.js'
import { requestLang } from './request-lang.js'

export const regionQuery = defineQuery({})

/** `GET /api/region[?lang=]`: the region's latest rollup, its 90-day trend and catalogue health. */
export function regionApi({ db, lang }: ApiDeps): Hono {
  return new Hono().get('/', async (c) => {
    const query = regionQuery.read(c, requestLang(c, lang))
    if (query instanceof Response) return query
    const view = await readRegion(db, requestLang(c, lang))
    return c.json({ region: view.region, trend: view.trend, catalogues: view.catalogues })
  })
}
