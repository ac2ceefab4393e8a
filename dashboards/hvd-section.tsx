import { t } from '../src/i18n/catalogue.js'
import type { Lang } from '../src/i18n/lang.js'
import { HVD_OBLIGATIONS, type HvdDatasetReport, type HvdEvidence, type HvdReport, type ObligationStatus } from '../src/read-model/hvd-obligations.js'
import { FindingWords } from './finding-words.js'
import { entityHref } from './page-address.js'
import { DataTable } from './data-table.js'
import { WebLink } from './web-link.js'

/** The colour class of an obligation's status (the page's existing check-status colours). */
const STATUS_CLASS: Record<ObligationStatus, string> = { met: 'status-pass', 'not-met': 'status-fail', unknown: 'muted' }

function Status(props: { status: ObligationStatus; lang: Lang }) {
  return <span class={STATUS_CLASS[props.status]}>{t(props.lang, `pages.hvd.status.${props.status}`)}</span>
}

/** One download or API with how it answered over the period. */
function EvidenceItem(props: { e: HvdEvidence; lang: Lang }) {
  const { e, lang } = props
  const uptime = e.uptime === null ? t(lang, 'pages.hvd.uptime-none') : t(lang, 'pages.hvd.uptime', { percent: Math.round(e.uptime * 1000) / 10, n: e.probes })
  const description = e.description ? (e.description.status === 'pass' ? t(lang, 'pages.hvd.description', { kind: e.description.kind ?? '' }) : t(lang, 'pages.hvd.description-bad')) : null
  return (
    <li>
      {t(lang, `pages.hvd.kind.${e.kind}`)}: {e.url ? <WebLink url={e.url} /> : <code>{e.iri}</code>} · {uptime}
      {description ? ` · ${description}` : ''}
    </li>
  )
}

/** One high-value dataset: each obligation with its status and why, then the files and APIs it rests on. */
function HvdDataset(props: { d: HvdDatasetReport; lang: Lang }) {
  const { d, lang } = props
  return (
    <div class="card hvd-dataset">
      <h3>
        <a href={entityHref('dataset', d.iri, lang)}>{d.title}</a> · <Status status={d.status} lang={lang} />
      </h3>
      <DataTable
        label={`${t(lang, 'pages.hvd.title')}: ${d.title}`}
        class="hvd"
        head={
          <>
            <th>{t(lang, 'pages.hvd.column.obligation')}</th>
            <th>{t(lang, 'pages.hvd.column.status')}</th>
            <th>{t(lang, 'pages.hvd.column.why')}</th>
          </>
        }
      >
        {HVD_OBLIGATIONS.map((o) => (
          <tr data-obligation={o}>
            <td>{t(lang, `pages.hvd.obligation.${o}`)}</td>
            <td>
              <Status status={d.obligations[o].status} lang={lang} />
            </td>
            <td>
              {d.obligations[o].reasons.length ? (
                <ul class="findings">
                  {d.obligations[o].reasons.map((r) => (
                    <li>
                      <FindingWords finding={r} lang={lang} />
                    </li>
                  ))}
                </ul>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
      {d.evidence.length ? (
        <>
          <h4>{t(lang, 'pages.hvd.evidence')}</h4>
          <ul class="findings">
            {d.evidence.map((e) => (
              <EvidenceItem e={e} lang={lang} />
            ))}
          </ul>
        </>
      ) : null}
      <p class="muted">{t(lang, 'pages.hvd.checked', { date: d.checkedAt })}</p>
    </div>
  )
}

/**
 * The organisation's High-Value Datasets obligations as its own section
 * (src/read-model/hvd-obligations.ts), with the same evidence as CSV and JSON to download.
 */
export function HvdSection(props: { report: HvdReport; lang: Lang }) {
  const { report, lang } = props
  const api = `/api/organisation/hvd?${new URLSearchParams({ iri: report.organisation, lang }).toString()}`
  const met = report.datasets.filter((d) => d.status === 'met').length
  return (
    <section id="hvd" aria-labelledby="hvd-title">
      <h2 id="hvd-title">{t(lang, 'pages.hvd.title')}</h2>
      <p class="muted">{t(lang, 'pages.hvd.intro', { days: report.periodDays, target: Math.round(report.availabilityTarget * 100) })}</p>
      {report.datasets.length === 0 ? (
        <p class="empty">{t(lang, 'pages.hvd.none')}</p>
      ) : (
        <>
          <p>
            <strong>{t(lang, 'pages.hvd.summary', { met, total: report.datasets.length })}</strong>{' '}
            <a href={`${api}&format=csv`}>{t(lang, 'pages.hvd.export-csv')}</a>, <a href={`${api}&format=json`}>{t(lang, 'pages.hvd.export-json')}</a>
          </p>
          {report.datasets.map((d) => (
            <HvdDataset d={d} lang={lang} />
          ))}
        </>
      )}
    </section>
  )
}
