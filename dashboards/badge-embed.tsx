import { t } from '../src/i18n/catalogue.js'
import type { Lang } from '../src/i18n/lang.js'

/**
 * How to embed a dataset's badge elsewhere: one line of Markdown (a README) and one of HTML
 * (a web page), the badge linking back to the dataset's page, with the site's public
 * address (`site`, no trailing slash) so the lines work wherever they are pasted.
 */
export function BadgeEmbed(props: { iri: string; site: string; lang: Lang }) {
  const { lang, site } = props
  const query = new URLSearchParams({ iri: props.iri, lang }).toString()
  const badge = `${site}/badge/dataset.svg?${query}`
  const page = `${site}/dataset?${query}`
  const alt = t(lang, 'badges.label')
  const markdown = `[![${alt}](${badge})](${page})`
  const html = `<a href="${page.replace(/&/g, '&amp;')}"><img src="${badge.replace(/&/g, '&amp;')}" alt="${alt}"></a>`
  return (
    <section id="embed" aria-labelledby="embed-heading">
      <h2 id="embed-heading">{t(lang, 'pages.dataset.embed')}</h2>
      <p class="muted">{t(lang, 'pages.dataset.embed-hint')}</p>
      <h3>Markdown</h3>
      <pre class="snippet" id="embed-markdown">
        <code>{markdown}</code>
      </pre>
      <h3>HTML</h3>
      <pre class="snippet" id="embed-html">
        <code>{html}</code>
      </pre>
    </section>
  )
}
