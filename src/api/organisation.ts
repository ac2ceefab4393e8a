import type { Hono } from 'hono'
import { readOrganisation } from '../read-model/organisation.js'
import type { ApiDeps } from './api-deps.js'
import { entityRoute } from './entity-route.js'
import { findingJson } from './finding-json.js'
import { hvdJson } from './organisation-hvd.js'
import { defineQuery } from './query-schema.js'

export const organisationQuery = defineQuery({ iri: { type: 'string', minLength: 1, maxLength: 2000, description: 'The IRI of the organisation.' } }, ['iri'])

/**
 * `GET /api/organisation?iri=…[&lang=]`: one organisation's scores, trend, datasets,
 * problems worst first and HVD obligations (as /api/organisation/hvd), each problem with its code, params and words in `lang`. 400
 * without `iri`, 404 for an IRI that names no organisation.
 */
export function organisationApi(deps: ApiDeps): Hono {
  return entityRoute(deps, {
    query: organisationQuery,
    read: (iri, lang) => readOrganisation(deps.db, iri, lang),
    unknownKey: 'api.error.unknown-organisation',
    json: (view, lang) => ({ ...view, problems: view.problems.map((p) => findingJson(p, lang)), hvd: hvdJson(view.hvd, lang) }),
  })
}
