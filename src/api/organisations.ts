import { Hono } from 'hono'
import { getOrganisationLeague } from '../read-model/organisation-league.js'
import type { ApiDeps } from './api-deps.js'
import { requestLang } from './request-lang.js'

/**
 * `GET /api/organisations[?lang=]`: every organisation worst first with its latest rollup,
 * dataset count and broken/degraded files. `name` is null for the datasets that name no organisation.
 */
export function organisationsApi({ db, lang }: ApiDeps): Hono {
  return new Hono().get('/', async (c) => c.json({ organisations: await getOrganisationLeague(db, requestLang(c, lang)) }))
}
