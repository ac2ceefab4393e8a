import { t } from '../src/i18n/catalogue.js'
import type { Lang } from '../src/i18n/lang.js'
import type { BouncingRecipient, OutboxEntry, OutboxListing } from '../src/read-model/outbox.js'
import { Layout } from './layout.js'
import type { PageAddress } from './page-address.js'
import { DataTable } from './data-table.js'
import { shownTime } from './shown-time.js'

/**
 * The admin page of the outbox (`/admin/outbox`): what was sent, what waits, what failed
 * with its attempts and last error; and one message's page (`/admin/outbox/message?id=`)
 * with its text and, in embedded and demo mode, the whole .eml file written for it.
 */

function stateWords(e: OutboxEntry, lang: Lang): string {
  if (e.state === 'sent') return t(lang, 'admin.outbox.state.sent', { at: shownTime(e.sentAt), via: e.sentVia ?? '' })
  if (e.state === 'bounced' || e.state === 'paused') return t(lang, `admin.outbox.state.${e.state}`)
  return t(lang, `admin.outbox.state.${e.state}`, { at: shownTime(e.nextAttemptAt) })
}

const messageHref = (id: number, lang: Lang) => `/admin/outbox/message?id=${id}&lang=${lang}`

function Row(props: { e: OutboxEntry; lang: Lang }) {
  const { e, lang } = props
  return (
    <tr class={`outbox-${e.state}`}>
      <td>{shownTime(e.createdAt)}</td>
      <td>{e.channel === 'webhook' ? `${t(lang, 'admin.outbox.webhook')}: ${e.recipient}` : e.recipient}</td>
      <td>
        <a href={messageHref(e.id, lang)}>{e.subject}</a>
      </td>
      <td>
        {stateWords(e, lang)}
        {e.lastError ? <div class="outbox-error">{e.lastError}</div> : null}
      </td>
      <td>{e.attempts}</td>
    </tr>
  )
}

/** The addresses the mail server refused: how often, its last answer, and whether they are paused. */
function Bounces(props: { bouncing: BouncingRecipient[]; rules: { times: number; days: number }; lang: Lang }) {
  const { lang } = props
  const title = t(lang, 'admin.bounces.title')
  return (
    <section>
      <h2>{title}</h2>
      <p>{t(lang, 'admin.bounces.intro', props.rules)}</p>
      <DataTable
        label={title}
        id="bounces"
        columns={(['recipient', 'bounces', 'last', 'response', 'paused'] as const).map((c) => t(lang, `admin.bounces.column.${c}`))}
      >
        {props.bouncing.map((b) => (
          <tr class={b.pausedUntil ? 'bounce-paused' : 'bounce'}>
            <td>{b.recipient}</td>
            <td>{`${b.bounces} (${b.total})`}</td>
            <td>{shownTime(b.lastAt)}</td>
            <td>{b.lastResponse ?? ''}</td>
            <td>{b.pausedUntil ? t(lang, 'admin.bounces.paused-until', { at: shownTime(b.pausedUntil) }) : t(lang, 'admin.bounces.not-paused')}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  )
}

export function AdminOutboxPage(props: { listing: OutboxListing; emlDir: string; bounceRules: { times: number; days: number }; lang: Lang; here: PageAddress }) {
  const { listing, lang } = props
  const title = t(lang, 'admin.outbox.title')
  return (
    <Layout title={title} lang={lang} here={props.here}>
      <h1>{title}</h1>
      <p>{t(lang, 'admin.outbox.intro')}</p>
      <p id="outbox-counts">{t(lang, 'admin.outbox.counts', listing.counts)}</p>
      <p>{t(lang, 'admin.outbox.eml-dir', { dir: props.emlDir })}</p>
      {listing.entries.length === 0 ? (
        <p>{t(lang, 'admin.outbox.empty')}</p>
      ) : (
        <DataTable
          label={title}
          id="outbox"
          columns={(['created', 'recipient', 'subject', 'state', 'attempts'] as const).map((c) => t(lang, `admin.outbox.column.${c}`))}
        >
          {listing.entries.map((e) => (
            <Row e={e} lang={lang} />
          ))}
        </DataTable>
      )}
      {listing.bouncing.length > 0 ? <Bounces bouncing={listing.bouncing} rules={props.bounceRules} lang={lang} /> : null}
    </Layout>
  )
}

/** One message: its subject and text, and the .eml file when one was written. */
export function AdminMessagePage(props: { id: number; subject: string; text: string; eml: string | null; lang: Lang; here: PageAddress }) {
  const { lang } = props
  const title = t(lang, 'admin.message.title', { id: props.id })
  return (
    <Layout title={title} lang={lang} here={props.here}>
      <p>
        <a href={`/admin/outbox?lang=${lang}`}>{t(lang, 'admin.message.back')}</a>
      </p>
      <h1>{title}</h1>
      <h2>{props.subject}</h2>
      <pre id="message-text">{props.text}</pre>
      {props.eml === null ? (
        <p>{t(lang, 'admin.message.no-file')}</p>
      ) : (
        <details>
          <summary>{t(lang, 'admin.message.raw')}</summary>
          <p>
            <a href={`/admin/outbox/eml?id=${props.id}`}>{t(lang, 'admin.message.download')}</a>
          </p>
          <pre id="message-eml">{props.eml}</pre>
        </details>
      )}
    </Layout>
  )
}
