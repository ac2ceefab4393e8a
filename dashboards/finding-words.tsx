import { describeFinding, t, type ShownFinding } from '../src/i18n/catalogue.js'
import type { Lang } from '../src/i18n/lang.js'

/**
 * What a stored finding or score reason says, in the page's language, made from its code
 * and params when shown (an old row's stored words when it has no params), with how to
 * fix it when the catalogue knows.
 */
export function FindingWords(props: { finding: ShownFinding; lang: Lang }) {
  const words = describeFinding(props.finding, props.lang)
  return (
    <>
      {words.message}
      {words.hint ? (
        <>
          <br />
          <span class="hint">
            {t(props.lang, 'pages.organisation.fix')}: {words.hint}
          </span>
        </>
      ) : null}
    </>
  )
}
