import { t } from '../src/i18n/catalogue.js'
import type { Lang } from '../src/i18n/lang.js'
import { Layout } from './layout.js'
import type { PageAddress } from './page-address.js'

/**
 * An error page in the reader's language: a heading, one sentence made by the caller from
 * the catalogue, and the way back. It never shows an internal message (a database error):
 * the caller passes only catalogue words.
 */
export function ErrorPage(props: { title: string; text: string; lang: Lang; here: PageAddress }) {
  const { lang } = props
  return (
    <Layout title={props.title} lang={lang} here={props.here}>
      <h1>{props.title}</h1>
      <p class="empty" id="error-text">
        {props.text}
      </p>
      <p>
        <a href={`/?lang=${lang}`}>{t(lang, 'pages.error.home')}</a>
      </p>
    </Layout>
  )
}
