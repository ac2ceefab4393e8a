import { Hono, type Context } from 'hono'
import { DatasetPage } from '../../dashboards/dataset-page.js'
import { ErrorPage } from '../../dashboards/error-page.js'
import { OrganisationPage } from '../../dashboards/organisation-page.js'
import { RegionPage } from '../../dashboards/region-page.js'
import { requestLang } from '../api/request-lang.js'
import type { WebDeps } from './web-deps.js'
import { t } from '../i18n/catalogue.js'
import type { Lang } from '../i18n/lang.js'
import { readDataset } from '../read-model/dataset.js'
import { readOrganisation } from '../read-model/organisation.js'
import { readRegion } from '../read-model/region.js'
import { pageHere } from './page-here.js'

function errorPage(c: Context, lang: Lang, status: 400 | 404, title: string, text: string) {
  return c.html(<ErrorPage title={title} text={text} lang={lang} here={pageHere(c)} />, status)
}

/**
 * The server-rendered pages: the region (/), an organisation and a dataset (by `?iri=`,
 * since IRIs hold slashes that do not survive path segments everywhere), each in the
 * language of `?lang=`. A missing or unknown IRI gets an error page in that language.
 */
export function pageRoutes({ db, lang: fallback }: WebDeps): Hono {
  const app = new Hono()

  app.get('/', async (c) => {
    const lang = requestLang(c, fallback)
    return c.html(<RegionPage data={await readRegion(db, lang)} lang={lang} here={pageHere(c)} />)
  })

  app.get('/organisation', async (c) => {
    const lang = requestLang(c, fallback)
    const iri = c.req.query('iri')
    if (!iri) return errorPage(c, lang, 400, t(lang, 'pages.error.bad-request'), t(lang, 'pages.error.iri-missing'))
    const data = await readOrganisation(db, iri, lang)
    if (!data) return errorPage(c, lang, 404, t(lang, 'pages.error.not-found'), t(lang, 'pages.error.unknown-organisation', { iri }))
    return c.html(<OrganisationPage data={data} lang={lang} here={pageHere(c)} />)
  })

  app.get('/dataset', async (c) => {
    const lang = requestLang(c, fallback)
    const iri = c.req.query('iri')
    if (!iri) return errorPage(c, lang, 400, t(lang, 'pages.error.bad-request'), t(lang, 'pages.error.iri-missing'))
    const data = await readDataset(db, iri, lang)
    if (!data) return errorPage(c, lang, 404, t(lang, 'pages.error.not-found'), t(lang, 'pages.error.unknown-dataset', { iri }))
    return c.html(<DatasetPage data={data} lang={lang} here={pageHere(c)} />)
  })

  return app
}
