import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import { t } from '../src/i18n/catalogue.js'
import type { Lang } from '../src/i18n/lang.js'
import { PAGE_CSS } from './page-css.js'
import { addressIn, type PageAddress } from './page-address.js'

/**
 * The page frame shared by every dashboard page: language, title, header with the
 * language switch (which keeps the page's own parameters) and the CSV export.
 */
export function Layout(props: { title: string; lang: Lang; here: PageAddress; children: Child }) {
  const { lang } = props
  const other: Lang = lang === 'en' ? 'sv' : 'en'
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t(lang, 'app.name')}`}</title>
        <style>{raw(PAGE_CSS)}</style>
      </head>
      <body>
        <a class="skip" href="#main">
          {t(lang, 'pages.layout.skip')}
        </a>
        <header>
          <a href={`/?lang=${lang}`}>{t(lang, 'app.name')}</a>
          <span>{t(lang, 'app.tagline')}</span>
          <nav aria-label={t(lang, 'pages.layout.main-navigation')}>
            <a href={`/api/export/organisations.csv?lang=${lang}`}>{t(lang, 'pages.layout.export')}</a>
            <a href={addressIn(props.here, other)} hreflang={other} lang={other}>
              {t(lang, 'pages.layout.other-language')}
            </a>
          </nav>
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
      </body>
    </html>
  )
}
