import { Hono } from 'hono'
import type { Db } from '../db/database.js'
import { dashboardRoutes } from '../../dashboards/dashboard-routes.js'
import { loadDataset, loadOrganisation, loadOverview } from '../../dashboards/load-dashboard-data.js'
import { getTrend } from '../scoring/get-trend.js'

export interface AppDeps {
  db: Db
}

/** One JSON error shape for every API failure. */
export interface ApiError {
  error: { code: string; message: string }
}

const LEVELS = ['distribution', 'dataset', 'organisation', 'region'] as const

/**
 * The Hono application: JSON API under /api, dashboards and badges at the root. It only
 * reads the database. Every API error is `{ error: { code, message } }` with a 4xx/5xx.
 */
export function createApp(deps: AppDeps): Hono {
  const { db } = deps
  const app = new Hono()
  const fail = (code: string, message: string) => ({ error: { code, message } }) satisfies ApiError

  app.get('/api/health', async (c) => {
    await db.selectFrom('catalogue_sources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
    return c.json({ status: 'ok' })
  })

  app.get('/api/region', async (c) => {
    const o = await loadOverview(db, c.req.query('lang') === 'en' ? 'en' : 'sv')
    return c.json({ region: o.region, trend: o.trend, catalogues: o.catalogues })
  })

  app.get('/api/organisations', async (c) => {
    const o = await loadOverview(db, c.req.query('lang') === 'en' ? 'en' : 'sv')
    return c.json({ organisations: o.organisations })
  })

  app.get('/api/organisation', async (c) => {
    const iri = c.req.query('iri')
    if (!iri) return c.json(fail('bad-request', 'Query parameter "iri" is required'), 400)
    const page = await loadOrganisation(db, iri, c.req.query('lang') === 'en' ? 'en' : 'sv')
    if (!page) return c.json(fail('not-found', `No organisation ${iri}`), 404)
    return c.json(page)
  })

  app.get('/api/dataset', async (c) => {
    const iri = c.req.query('iri')
    if (!iri) return c.json(fail('bad-request', 'Query parameter "iri" is required'), 400)
    const page = await loadDataset(db, iri, c.req.query('lang') === 'en' ? 'en' : 'sv')
    if (!page) return c.json(fail('not-found', `No dataset ${iri}`), 404)
    return c.json(page)
  })

  app.get('/api/trend', async (c) => {
    const level = c.req.query('level') as (typeof LEVELS)[number] | undefined
    const key = c.req.query('key')
    const days = Number(c.req.query('days') ?? 90)
    if (!level || !LEVELS.includes(level)) return c.json(fail('bad-request', `"level" must be one of ${LEVELS.join(', ')}`), 400)
    if (!key) return c.json(fail('bad-request', 'Query parameter "key" is required'), 400)
    if (!Number.isInteger(days) || days < 1 || days > 3660) return c.json(fail('bad-request', '"days" must be an integer 1–3660'), 400)
    return c.json({ level, key, days: await getTrend(db, level, key, days) })
  })

  app.get('/api/export/organisations.csv', async (c) => {
    const o = await loadOverview(db, c.req.query('lang') === 'en' ? 'en' : 'sv')
    const head = ['organisation', 'iri', 'day', 'total', 'availability', 'freshness', 'format', 'conformance', 'metadata', 'datasets', 'broken', 'degraded']
    const cell = (v: unknown) => {
      const s = v === null || v === undefined ? '' : String(v)
      return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
    }
    const lines = [head.join(',')]
    for (const r of o.organisations) {
      const s = r.scores
      lines.push(
        [r.name, r.iri, s?.day, s?.total, s?.availability, s?.freshness, s?.format, s?.conformance, s?.metadata, r.datasets, r.broken, r.degraded]
          .map(cell)
          .join(','),
      )
    }
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', 'attachment; filename="datavakt-organisationer.csv"')
    return c.body('\uFEFF' + lines.join('\r\n') + '\r\n')
  })

  app.route('/', dashboardRoutes(db))

  app.notFound((c) => c.json(fail('not-found', `No such resource: ${c.req.path}`), 404))
  app.onError((err, c) => {
    console.error(err)
    return c.json(fail('internal', err.message || 'Internal error'), 500)
  })
  return app
}
