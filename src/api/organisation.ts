import { Hono } from 'hono'
import { readOrganisation } from '../read-model/organisation.js'
import type { ApiDeps } from './api-deps.js'
import { apiError } from './api-error.js'
import { findingJson } from './finding-json.js'
import { requestLang } from './request-lang.js'

/**
 * `GET /api/organisation?iri=…[&lang=]`: one organisation's scores, trend, datasets and
 * problems worst first, each problem with its code, params and words in `lang`. 400
 * without `iri`, 404 for an IRI that names no organisation.
 */
export function organisationApi({ db, lang: fallback }: ApiDeps): Hono {
  return new Hono().get('/', async (c) => {
    const lang = requestLang(c, fallback)
    const iri = c.req.query('iri')
    if (!iri) return apiError(c, lang, 'bad-request', 'api.error.param-required', { name: 'iri' })
    const view = await readOrganisation(db, iri, lang)
    if (!view) return apiError(c, lang, 'not-found', 'api.error.unknown-organisation', { iri })
    return c.json({ ...view, problems: view.problems.map((p) => findingJson(p, lang)) })
  })
}
