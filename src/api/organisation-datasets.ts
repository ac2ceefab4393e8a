import type { Hono } from 'hono'
import { getOrganisationDatasets, type DatasetSummary } from '../read-model/organisation-datasets.js'
import type { ApiDeps } from './api-deps.js'
import { apiError } from './api-error.js'
import { fieldColumns, scoreColumns, type CsvColumn } from './csv.js'
import { LIST_PARAMS, listAnswer, listApi } from './list-answer.js'
import { defineQuery } from './query-schema.js'

export const organisationDatasetsQuery = defineQuery(
  { ...LIST_PARAMS, iri: { type: 'string', minLength: 1, maxLength: 2000, description: 'The IRI of the organisation.' } },
  ['iri'],
)

const COLUMNS: CsvColumn<DatasetSummary>[] = [
  ...fieldColumns<DatasetSummary>(['dataset', 'title'], 'iri'),
  { name: 'day', value: (d) => d.scores?.day },
  ...scoreColumns((d: DatasetSummary) => d.scores),
]

/**
 * `GET /api/organisation/datasets?iri=…[&limit=&cursor=][&format=csv&sep=][&lang=]`: one
 * organisation's live datasets, worst total first, each with its latest rollup, a page at
 * a time (or all as CSV). 404 for an IRI that names no organisation with live datasets.
 */
export function organisationDatasetsApi({ db, lang: fallback }: ApiDeps): Hono {
  return listApi(fallback, organisationDatasetsQuery, async (c, { lang, query, offset }) => {
    const iri = String(query.iri)
    const datasets = await getOrganisationDatasets(db, iri, lang)
    if (datasets.length === 0 && !(await db.selectFrom('organisations').select('iri').where('iri', '=', iri).executeTakeFirst())) {
      return apiError(c, lang, 'not-found', 'api.error.unknown-organisation', { iri })
    }
    return listAnswer(c, query, offset, datasets, { key: 'datasets', columns: COLUMNS, filename: 'datavakt-datasets.csv', json: (d) => d }, { organisation: iri })
  })
}
