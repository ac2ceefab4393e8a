import type { Hono } from 'hono'
import type { Lang } from '../i18n/lang.js'
import { readDataset } from '../read-model/dataset.js'
import type { CheckResultView } from '../read-model/latest-check-results.js'
import type { ApiDeps } from './api-deps.js'
import { entityRoute } from './entity-route.js'
import { findingJson } from './finding-json.js'
import { defineQuery } from './query-schema.js'

export const datasetQuery = defineQuery({ iri: { type: 'string', minLength: 1, maxLength: 2000, description: 'The IRI of the dataset.' } }, ['iri'])

const resultJson = (r: CheckResultView, lang: Lang) => ({ ...r, findings: r.findings.map((f) => findingJson(f, lang)) })

/**
 * `GET /api/dataset?iri=…[&lang=]`: one dataset with its files, their scores, availability
 * state and the latest result of each check, every finding with its code, params and words
 * in `lang`. 400 without `iri`, 404 for an IRI that names no harvested dataset.
 */
export function datasetApi(deps: ApiDeps): Hono {
  return entityRoute(deps, {
    query: datasetQuery,
    read: (iri, lang) => readDataset(deps.db, iri, lang),
    unknownKey: 'api.error.unknown-dataset',
    json: (view, lang) => ({
      ...view,
      distributions: view.distributions.map((d) => ({ ...d, results: d.results.map((r) => resultJson(r, lang)) })),
      datasetResults: view.datasetResults.map((r) => resultJson(r, lang)),
    }),
  })
}
