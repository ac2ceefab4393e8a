import { Hono } from 'hono'
import { t } from '../i18n/catalogue.js'
import type { Lang } from '../i18n/lang.js'
import { getHvdObligations, HVD_OBLIGATIONS, type HvdDatasetReport, type HvdObligationName, type HvdReport } from '../read-model/hvd-obligations.js'
import type { ApiDeps } from './api-deps.js'
import { apiError } from './api-error.js'
import type { CsvColumn } from './csv.js'
import { findingJson } from './finding-json.js'
import { csvAnswer, wantsCsv } from './list-answer.js'
import { defineQuery } from './query-schema.js'
import { requestLang } from './request-lang.js'

export const organisationHvdQuery = defineQuery(
  {
    iri: { type: 'string', minLength: 1, maxLength: 2000, description: 'The IRI of the organisation.' },
    format: { type: 'string', enum: ['json', 'csv'], description: 'csv: one row per dataset and obligation (also given by Accept: text/csv).' },
    sep: { type: 'string', enum: ['comma', 'semicolon'], description: 'CSV separator; semicolon also writes decimal commas.' },
  },
  ['iri'],
)

/** One CSV row: a dataset and one of its obligations. */
interface HvdRow {
  dataset: HvdDatasetReport
  obligation: HvdObligationName
}

function columns(report: HvdReport, lang: Lang): CsvColumn<HvdRow>[] {
  return [
    { name: 'organisation', value: () => report.organisation },
    { name: 'dataset', value: (r) => r.dataset.title },
    { name: 'dataset_iri', value: (r) => r.dataset.iri },
    { name: 'obligation', value: (r) => r.obligation },
    { name: 'obligation_text', value: (r) => t(lang, `pages.hvd.obligation.${r.obligation}`) },
    { name: 'status', value: (r) => r.dataset.obligations[r.obligation].status },
    { name: 'reasons', value: (r) => r.dataset.obligations[r.obligation].reasons.map((x) => findingJson(x, lang).message).join(' | ') },
    { name: 'evidence', value: (r) => (r.obligation === 'availability' || r.obligation === 'api' || r.obligation === 'bulk' ? evidenceText(r, lang) : '') },
    { name: 'checked_at', value: (r) => r.dataset.checkedAt },
  ]
}

/** The downloads or services an obligation rests on, each with its 30-day uptime. */
function evidenceText(r: HvdRow, lang: Lang): string {
  const kinds = r.obligation === 'api' ? ['service'] : r.obligation === 'bulk' ? ['download'] : ['download', 'service']
  return r.dataset.evidence
    .filter((e) => kinds.includes(e.kind))
    .map((e) => `${e.url ?? e.iri} (${e.uptime === null ? t(lang, 'pages.hvd.uptime-none') : t(lang, 'pages.hvd.uptime', { percent: Math.round(e.uptime * 1000) / 10, n: e.probes })})`)
    .join(' | ')
}

/**
 * `GET /api/organisation/hvd?iri=…[&format=csv&sep=][&lang=]`: the High-Value Datasets
 * obligations of one organisation (src/read-model/hvd-obligations.ts), the same the
 * organisation page shows, as JSON (each reason with its words in `lang`) or as CSV with
 * one row per dataset and obligation: evidence an organisation can hand in. 404 for an IRI
 * that names no organisation.
 */
export function organisationHvdApi({ db, lang: fallback }: ApiDeps): Hono {
  return new Hono().get('/', async (c) => {
    const lang = requestLang(c, fallback)
    const query = organisationHvdQuery.read(c, lang)
    if (query instanceof Response) return query
    const iri = String(query.iri)
    const report = await getHvdObligations(db, iri, lang)
    if (report.datasets.length === 0 && !(await db.selectFrom('organisations').select('iri').where('iri', '=', iri).executeTakeFirst())) {
      return apiError(c, lang, 'not-found', 'api.error.unknown-organisation', { iri })
    }
    if (wantsCsv(c, query)) {
      const rows = report.datasets.flatMap((dataset) => HVD_OBLIGATIONS.map((obligation) => ({ dataset, obligation })))
      return csvAnswer(c, 'datavakt-hvd.csv', rows, columns(report, lang), query.sep)
    }
    c.header('Content-Disposition', 'inline; filename="datavakt-hvd.json"')
    return c.json(hvdJson(report, lang))
  })
}

/** The report with every reason's words in `lang`. */
export function hvdJson(report: HvdReport, lang: Lang) {
  return {
    ...report,
    datasets: report.datasets.map((d) => ({
      ...d,
      obligations: Object.fromEntries(HVD_OBLIGATIONS.map((o) => [o, { ...d.obligations[o], reasons: d.obligations[o].reasons.map((r) => findingJson(r, lang)) }])),
    })),
  }
}
