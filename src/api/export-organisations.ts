import { Hono } from 'hono'
import { getOrganisationLeague } from '../read-model/organisation-league.js'
import type { ApiDeps } from './api-deps.js'
import { csvAnswer } from './list-answer.js'
import { ORGANISATION_COLUMNS } from './organisations.js'
import { requestLang } from './request-lang.js'

/**
 * `GET /api/export/organisations.csv[?lang=]`: the league of organisations as CSV, the same
 * as `/api/organisations?format=csv`, at the address the pages link to.
 */
export function exportApi({ db, lang }: ApiDeps): Hono {
  return new Hono().get('/organisations.csv', async (c) => {
    const league = await getOrganisationLeague(db, requestLang(c, lang))
    return csvAnswer(c, 'datavakt-organisations.csv', league, ORGANISATION_COLUMNS, c.req.query('sep'))
  })
}
