import { Hono } from 'hono'
import { getOrganisationLeague } from '../read-model/organisation-league.js'
import type { ApiDeps } from './api-deps.js'
import { requestLang } from './request-lang.js'

const HEAD = ['organisation', 'iri', 'day', 'total', 'availability', 'freshness', 'format', 'conformance', 'metadata', 'datasets', 'broken', 'degraded']

/** One CSV cell: quoted when it holds a quote, comma or line break; a leading =, +, - or @ is quoted away so no spreadsheet runs it as a formula. */
function cell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v)
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/**
 * `GET /api/export/organisations.csv[?lang=]`: the league of organisations as CSV (UTF-8 with
 * a BOM, CRLF), names in `lang`. The datasets that name no organisation have an empty name.
 */
export function exportApi({ db, lang }: ApiDeps): Hono {
  return new Hono().get('/organisations.csv', async (c) => {
    const league = await getOrganisationLeague(db, requestLang(c, lang))
    const lines = [HEAD.join(',')]
    for (const r of league) {
      const s = r.scores
      lines.push([r.name, r.iri, s?.day, s?.total, s?.availability, s?.freshness, s?.format, s?.conformance, s?.metadata, r.datasets, r.broken, r.degraded].map(cell).join(','))
    }
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', 'attachment; filename="datavakt-organisations.csv"')
    return c.body('\uFEFF' + lines.join('\r\n') + '\r\n')
  })
}
