import type { Hono } from 'hono'
import type { Lang } from '../i18n/lang.js'
import { PROBLEM_STATES, problemStandings, type ProblemStanding } from '../read-model/problem-states.js'
import { getProblems, type Problem } from '../read-model/problems.js'
import type { ApiDeps } from './api-deps.js'
import { apiError } from './api-error.js'
import { fieldColumns, type CsvColumn } from './csv.js'
import { findingJson } from './finding-json.js'
import { LIST_PARAMS, listAnswer, listApi } from './list-answer.js'
import { defineQuery } from './query-schema.js'
import { describeFinding } from '../i18n/catalogue.js'

const IRI = { type: 'string', minLength: 1, maxLength: 2000 } as const

export const problemsQuery = defineQuery({
  ...LIST_PARAMS,
  organisation: { ...IRI, description: 'The IRI of the organisation whose problems to list.' },
  dataset: { ...IRI, description: 'The IRI of the dataset whose problems to list.' },
  check: { type: 'string', minLength: 1, maxLength: 100, description: 'Only the problems this check found.' },
  code: { type: 'string', minLength: 1, maxLength: 100, description: 'Only the problems with this code.' },
  severity: { type: 'string', enum: ['error', 'warning', 'info'], description: 'Only the problems of this severity.' },
  state: { type: 'string', enum: PROBLEM_STATES, description: 'open: its alert is open (the contacts are told); pending: found, no alert open (yet).' },
})

/** A problem with where it stands with the alerts. */
type StandingProblem = Problem & ProblemStanding

function problemColumns(lang: Lang): CsvColumn<StandingProblem>[] {
  return [
    ...fieldColumns<StandingProblem>(
      ['organisation', 'organisationIri'],
      ['dataset', 'datasetIri'],
      ['dataset_title', 'datasetTitle'],
      ['distribution', 'distributionIri'],
      'url',
      'dimension',
      ['check', 'checkId'],
      'code',
      'severity',
      'count',
      ['points_to_gain', 'totalPointsToGain'],
      'state',
      'since',
    ),
    { name: 'message', value: (p) => describeFinding(p, lang).message },
  ]
}

/**
 * `GET /api/problems?organisation=…|dataset=…[&check=&code=&severity=&state=][&limit=&cursor=][&format=csv&sep=][&lang=]`:
 * the one list of problems, worst first (the same read as the organisation page), each with
 * its code, params, words in `lang` and `state` (see ProblemState) with `since`, a page at a time with `total` and a `next` link, or
 * all as CSV. 400 without an organisation or dataset, or for a bad parameter.
 */
export function problemsApi({ db, lang: fallback }: ApiDeps): Hono {
  return listApi(fallback, problemsQuery, async (c, { lang, query, offset }) => {
    const organisationIri = query.organisation as string | undefined
    const datasetIri = query.dataset as string | undefined
    if (!organisationIri && !datasetIri) return apiError(c, lang, 'bad-request', 'api.error.one-of-params', { names: ['organisation', 'dataset'] })
    const found = (await getProblems(db, { organisationIri, datasetIri, lang })).filter(
      (p) => (!query.check || p.checkId === query.check) && (!query.code || p.code === query.code) && (!query.severity || p.severity === query.severity),
    )
    const standings = await problemStandings(db, found)
    const all: StandingProblem[] = found.map((p, i) => ({ ...p, ...standings[i]! })).filter((p) => !query.state || p.state === query.state)
    return listAnswer(c, query, offset, all, { key: 'problems', columns: problemColumns(lang), filename: 'datavakt-problems.csv', json: (p) => findingJson(p, lang) })
  })
}
