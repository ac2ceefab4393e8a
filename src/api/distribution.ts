import type { Hono } from 'hono'
import { readDistributionHistory, type ProbeView } from '../read-model/distribution-history.js'
import type { ApiDeps } from './api-deps.js'
import { apiError } from './api-error.js'
import { fieldColumns, timeColumns, type CsvColumn } from './csv.js'
import { findingJson } from './finding-json.js'
import { LIST_PARAMS, listAnswer, listApi } from './list-answer.js'
import { defineQuery } from './query-schema.js'
import type { Lang } from '../i18n/lang.js'

export const distributionQuery = defineQuery(
  {
    ...LIST_PARAMS,
    iri: { type: 'string', minLength: 1, maxLength: 2000, description: 'The IRI of the distribution.' },
    days: { type: 'integer', minimum: 1, maximum: 366, default: 30, description: 'How many days of probes.' },
  },
  ['iri'],
)


const PROBE_COLUMNS: CsvColumn<ProbeView>[] = [
  ...timeColumns('at'),
  ...fieldColumns('outcome', 'code', 'http_status', 'elapsed_ms', 'final_url', 'content_type', 'state_after'),
]

const probeJson = (p: ProbeView, lang: Lang) => ({ ...p, findings: p.findings.map((f) => findingJson(f, lang)) })

/**
 * `GET /api/distribution?iri=…[&days=30][&limit=&cursor=][&format=csv&sep=]`: one file with
 * its availability state and its probes of the last `days` days, newest first, a page at a
 * time (or all as CSV). 404 for an IRI that names no harvested distribution.
 */
export function distributionApi({ db, lang: fallback }: ApiDeps): Hono {
  return listApi(fallback, distributionQuery, async (c, { lang, query, offset }) => {
    const iri = String(query.iri)
    const since = new Date(Date.now() - Number(query.days) * 86_400_000)
    const view = await readDistributionHistory(db, iri, lang, since)
    if (!view) return apiError(c, lang, 'not-found', 'api.error.unknown-distribution', { iri })
    const { probes, ...distribution } = view
    return listAnswer(c, query, offset, probes, { key: 'probes', columns: PROBE_COLUMNS, filename: 'datavakt-probes.csv', json: (p) => probeJson(p, lang) }, { distribution })
  })
}
