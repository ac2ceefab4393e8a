import { Hono } from 'hono'
import { getProblems } from '../read-model/problems.js'
import type { ApiDeps } from './api-deps.js'
import { apiError } from './api-error.js'
import { findingJson } from './finding-json.js'
import { integerParam } from './query-params.js'
import { requestLang } from './request-lang.js'

/**
 * `GET /api/problems?organisation=…|dataset=…[&limit=][&lang=]`: the one list of problems,
 * worst first (the same read as the organisation page), each with its code, params and
 * words in `lang`, and `total` before the limit. 400 without an organisation or dataset,
 * or with a limit outside 1–10000.
 */
export function problemsApi({ db, lang: fallback }: ApiDeps): Hono {
  return new Hono().get('/', async (c) => {
    const lang = requestLang(c, fallback)
    const organisationIri = c.req.query('organisation') || undefined
    const datasetIri = c.req.query('dataset') || undefined
    if (!organisationIri && !datasetIri) return apiError(c, lang, 'bad-request', 'api.error.one-of-params', { names: ['organisation', 'dataset'] })
    const limit = integerParam(c, lang, 'limit', { min: 1, max: 10_000, fallback: 10_000 })
    if (limit instanceof Response) return limit
    const all = await getProblems(db, { organisationIri, datasetIri, lang })
    return c.json({ total: all.length, problems: all.slice(0, limit).map((p) => findingJson(p, lang)) })
  })
}
