import { t } from '../src/i18n/catalogue.js'
import type { Lang } from '../src/i18n/lang.js'

/** The address of a dataset's or an organisation's Atom feed of alerts. */
export function feedAddress(kind: 'dataset' | 'organisation', iri: string, lang: Lang): string {
  return `/feed/${kind}.atom?iri=${encodeURIComponent(iri)}&lang=${lang}`
}

/**
 * "Follow": a reuser leaves an e-mail address to get the alerts of this dataset or
 * organisation (double opt-in, see src/alerts/subscriptions.ts), or takes the Atom feed.
 * The feed's `<link rel="alternate">` is hoisted into the page's head by hono/jsx.
 */
export function FollowBox(props: { kind: 'dataset' | 'organisation'; iri: string; lang: Lang }) {
  const { kind, iri, lang } = props
  const feed = feedAddress(kind, iri, lang)
  return (
    <section class="follow-box" aria-labelledby="follow-heading">
      <link rel="alternate" type="application/atom+xml" href={feed} title={t(lang, 'alerts.follow.feed')} />
      <h2 id="follow-heading">{t(lang, 'alerts.follow.heading')}</h2>
      <p>{t(lang, kind === 'dataset' ? 'alerts.follow.intro-dataset' : 'alerts.follow.intro-organisation')}</p>
      <form method="post" action="/alerts/follow">
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="iri" value={iri} />
        <input type="hidden" name="lang" value={lang} />
        <label for="follow-email">{t(lang, 'alerts.follow.email-label')}</label>{' '}
        <input id="follow-email" type="email" name="email" required autocomplete="email" />{' '}
        <button type="submit">{t(lang, 'alerts.follow.submit')}</button>
      </form>
      <p>
        <a href={feed} type="application/atom+xml">
          {t(lang, 'alerts.follow.feed')}
        </a>
      </p>
    </section>
  )
}
