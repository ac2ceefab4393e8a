import type { Hono } from 'hono'
import { getOrganisationLeague, type OrganisationSummary } from '../read-model/organisation-league.js'
import type { ApiDeps } from './api-deps.js'
import { fieldColumns, scoreColumns, type CsvColumn } from './csv.js'
import { LIST_PARAMS, listAnswer, listApi } from './list-answer.js'
import { defineQuery } from './query-schema.js'

export const organisationsQuery = defineQuery(LIST_PARAMS)

/** The league as CSV: one row per organisation, its latest rollup, datasets and broken/degraded files. */
export const ORGANISATION_COLUMNS: readonly CsvColumn<OrganisationSummary>[] = [
  ...fieldColumns<OrganisationSummary>(['organisation', 'name'], 'iri'),
  { name: 'day', value: (r) => r.scores?.day },
  ...scoreColumns((r: OrganisationSummary) => r.scores),
  ...fieldColumns<OrganisationSummary>('datasets', 'broken', 'degraded'),
]

/**
 * `GET /api/organisations[?limit=&cursor=&format=csv&sep=&lang=]`: every organisation worst
 * first with its latest rollup, dataset count and broken/degraded files, a page at a time
 * (or all as CSV). `name` is null for the datasets that name no organisation.
 */
export function organisationsApi({ db, lang: fallback }: ApiDeps): Hono {
  return listApi(fallback, organisationsQuery, async (c, { lang, query, offset }) => {
    const league = await getOrganisationLeague(db, lang)
    return listAnswer(c, query, offset, league, { key: 'organisations', columns: ORGANISATION_COLUMNS, filename: 'datavakt-organisations.csv', json: (r) => r })
  })
}
