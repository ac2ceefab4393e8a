import { Hono } from 'hono'
import type { Db } from '../src/db/database.js'
import { loadDataset, loadOrganisation, loadOverview } from './load-dashboard-data.js'
import { DatasetView, OrganisationView, OverviewPage } from './pages.js'
import { badgeSvg, scoreColour } from './badge-svg.js'
import { getOrganisationScores } from '../src/scoring/get-organisation-scores.js'
import { getDatasetScores } from '../src/scoring/get-dataset-scores.js'
import { texts, type Lang } from './texts.js'

const langOf = (v: string | undefined): Lang => (v === 'en' ? 'en' : 'sv')

/**
 * Server-rendered pages and public badges. Pages take `?lang=en`; entities are addressed
 * by `?iri=` because IRIs contain slashes that do not survive path segments everywhere.
 */
export function dashboardRoutes(db: Db): Hono {
  const app = new Hono()

  app.get('/', async (c) => {
    const lang = langOf(c.req.query('lang'))
    return c.html(<OverviewPage data={await loadOverview(db, lang)} lang={lang} />)
  })

  app.get('/organisation', async (c) => {
    const lang = langOf(c.req.query('lang'))
    const iri = c.req.query('iri')
    if (!iri) return c.text('iri saknas', 400)
    const data = await loadOrganisation(db, iri, lang)
    if (!data) return c.text(`Okänd organisation: ${iri}`, 404)
    return c.html(<OrganisationView data={data} lang={lang} />)
  })

  app.get('/dataset', async (c) => {
    const lang = langOf(c.req.query('lang'))
    const iri = c.req.query('iri')
    if (!iri) return c.text('iri saknas', 400)
    const data = await loadDataset(db, iri, lang)
    if (!data) return c.text(`Okänd datamängd: ${iri}`, 404)
    return c.html(<DatasetView data={data} lang={lang} />)
  })

  // Public badges: always an SVG (grey "okänd" for unknown), short cache, embeddable anywhere.
  app.get('/badge/:level{(organisation|dataset)\\.svg}', async (c) => {
    const level = c.req.param('level').replace('.svg', '') as 'organisation' | 'dataset'
    const iri = c.req.query('iri') ?? ''
    const lang = langOf(c.req.query('lang'))
    let total: number | null = null
    if (level === 'organisation') {
      total = (await getOrganisationScores(db)).find((r) => r.key === iri)?.total ?? null
    } else {
      const ds = await db.selectFrom('datasets').select(['organisation_iri', 'publisher_iri']).where('iri', '=', iri).executeTakeFirst()
      const org = ds?.organisation_iri ?? ds?.publisher_iri
      if (org) total = (await getDatasetScores(db, org)).find((r) => r.key === iri)?.total ?? null
    }
    const label = lang === 'en' ? 'data quality' : 'datakvalitet'
    const value = total === null ? texts(lang).notScored : `${Math.round(total)}/100`
    c.header('Content-Type', 'image/svg+xml; charset=utf-8')
    c.header('Cache-Control', 'public, max-age=300')
    return c.body(badgeSvg(label, value, scoreColour(total)))
  })

  return app
}
