import { Hono } from 'hono'
import type { Lang } from '../i18n/lang.js'
import { readDataset } from '../read-model/dataset.js'
import type { CheckResultView } from '../read-model/latest-check-results.js'
import type { ApiDeps } from './api-deps.js'
import { apiError } from './api-error.js'
import { findingJson } from './finding-json.js'
import { requestLang } from './request-lang.js'

const resultJson = (r: CheckResultView, lang: Lang) => ({ ...r, findings: r.findings.map((f) => findingJson(f, lang)) })

/**
 * `GET /api/dataset?iri=…[&lang=]`: one dataset with its files, their scores, availability
 * state and the latest result of each check, every finding with its code, params and words
 * in `lang`. 400 without `iri`, 404 for an IRI that names no harvested dataset.
 */
export function datasetApi({ db, lang: fallback }: ApiDeps): Hono {
  return new Hono().get('/', async (c) => {
    const lang = requestLang(c, fallback)
    const iri = c.req.query('iri')
    if (!iri) return apiError(c, lang, 'bad-request', 'api.error.param-required', { name: 'iri' })
    const view = await readDataset(db, iri, lang)
    if (!view) return apiError(c, lang, 'not-found', 'api.error.unknown-dataset', { iri })
    return c.json({
      ...view,
      distributions: view.distributions.map((d) => ({ ...d, results: d.results.map((r) => resultJson(r, lang)) })),
      datasetResults: view.datasetResults.map((r) => resultJson(r, lang)),
    })
  })
}
