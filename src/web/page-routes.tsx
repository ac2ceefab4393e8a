import { Hono, type Context } from 'hono'
import type { HtmlEscapedString } from 'hono/utils/html'
import { DatasetPage } from '../../dashboards/dataset-page.js'
import { DistributionPage } from '../../dashboards/distribution-page.js'
import { ErrorPage } from '../../dashboards/error-page.js'
import { OrganisationPage } from '../../dashboards/organisation-page.js'
import { RegionPage } from '../../dashboards/region-page.js'
import type { PageAddress } from '../../dashboards/page-address.js'
import { trendDays } from '../../dashboards/region-trends.js'
import { requestLang } from '../api/request-lang.js'
import { t } from '../i18n/catalogue.js'
import type { Lang } from '../i18n/lang.js'
import { readDatasetPage } from '../read-model/dataset.js'
import { readDistributionPage } from '../read-model/distribution-page.js'
import { leagueQuery } from '../read-model/league-query.js'
import { readOrganisation } from '../read-model/organisation.js'
import { readRegion } from '../read-model/region.js'
import { pageHere } from './page-here.js'
import type { WebDeps } from './web-deps.js'

function errorPage(c: Context, lang: Lang, status: 400 | 404, title: string, text: string) {
  return c.html(<ErrorPage title={title} text={text} lang={lang} here={pageHere(c)} />, status)
}

/**
 * The handler of a page about one organisation or dataset named by `?iri=`: 400 without
 * it, 404 when the read finds nothing, else the rendered page.
 */
function entityPage<T>(
  fallback: Lang,
  unknownKey: 'pages.error.unknown-organisation' | 'pages.error.unknown-dataset' | 'pages.error.unknown-distribution',
  read: (iri: string, lang: Lang) => Promise<T | null>,
  render: (data: T, lang: Lang, here: PageAddress, c: Context) => HtmlEscapedString | Promise<HtmlEscapedString>,
) {
  return async (c: Context) => {
    const lang = requestLang(c, fallback)
    const iri = c.req.query('iri')
    if (!iri) return errorPage(c, lang, 400, t(lang, 'pages.error.bad-request'), t(lang, 'pages.error.iri-missing'))
    const data = await read(iri, lang)
    if (!data) return errorPage(c, lang, 404, t(lang, 'pages.error.not-found'), t(lang, unknownKey, { iri }))
    return c.html(render(data, lang, pageHere(c), c))
  }
}

/** The public address of the site, no trailing slash: config's web.publicUrl, else the request's own origin. */
function siteOf(c: Context, publicUrl: string | undefined): string {
  return (publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '')
}

/**
 * The server-rendered pages: the region (/, with `?sort=&q=&days=`), an organisation, a
 * dataset and a distribution (by `?iri=`, since IRIs hold slashes that do not survive path
 * segments everywhere), each in the language of `?lang=`. A missing or unknown IRI gets an
 * error page in that language.
 */
export function pageRoutes({ db, lang: fallback, publicUrl }: WebDeps): Hono {
  const app = new Hono()

  app.get('/', async (c) => {
    const lang = requestLang(c, fallback)
    const days = trendDays(c.req.query('days'))
    const query = leagueQuery(c.req.query('sort'), c.req.query('q'))
    return c.html(<RegionPage data={await readRegion(db, lang, new Date(), days)} query={query} days={days} lang={lang} here={pageHere(c)} />)
  })

  app.get(
    '/organisation',
    entityPage(fallback, 'pages.error.unknown-organisation', (iri, lang) => readOrganisation(db, iri, lang), (data, lang, here) => (
      <OrganisationPage data={data} lang={lang} here={here} />
    )),
  )
  app.get(
    '/dataset',
    entityPage(fallback, 'pages.error.unknown-dataset', (iri, lang) => readDatasetPage(db, iri, lang), (data, lang, here, c) => (
      <DatasetPage data={data} lang={lang} here={here} site={siteOf(c, publicUrl)} />
    )),
  )
  app.get(
    '/distribution',
    entityPage(fallback, 'pages.error.unknown-distribution', (iri, lang) => readDistributionPage(db, iri, lang), (data, lang, here) => (
      <DistributionPage data={data} lang={lang} here={here} />
    )),
  )

  return app
}
