import type { Lang } from '../src/i18n/lang.js'
import { Layout } from './layout.js'
import type { PageAddress } from './page-address.js'

/**
 * The page of a signed alert link (unsubscribe, snooze, confirm a follow) and of the
 * follow form's answer: a heading, one sentence of catalogue words, and, before anything
 * is done, the form whose POST does it (a GET never changes anything, so a mail scanner
 * that opens links unsubscribes nobody).
 */
export function AlertLinkPage(props: {
  title: string
  text: string
  lang: Lang
  here: PageAddress
  confirm?: { token: string; button: string }
}) {
  const { lang, confirm } = props
  return (
    <Layout title={props.title} lang={lang} here={props.here}>
      <h1>{props.title}</h1>
      <p id="alert-link-text">{props.text}</p>
      {confirm ? (
        <form method="post" action={`/alerts/link?lang=${lang}`}>
          <input type="hidden" name="token" value={confirm.token} />
          <button type="submit">{confirm.button}</button>
        </form>
      ) : null}
    </Layout>
  )
}
