import { t } from '../src/i18n/catalogue.js'
import { WebLink } from './web-link.js'
import { num } from '../src/i18n/format.js'
import type { Lang } from '../src/i18n/lang.js'
import type { DistributionPageView } from '../src/read-model/distribution-page.js'
import type { StateChange } from '../src/read-model/probe-timeline.js'
import { CheckResultsTable } from './check-results.js'
import { ProbeWords, stateKey } from './dataset-page.js'
import { Layout } from './layout.js'
import { entityHref, type PageAddress } from './page-address.js'
import { TrendChart } from './score-cards.js'
import { ScoreChip } from './score-chip.js'
import { DataTable } from './data-table.js'
import { shownTime } from './shown-time.js'

function State(props: { state: string | null; lang: Lang }) {
  return <span class={`state-${props.state ?? 'unknown'}`}>{t(props.lang, stateKey(props.state))}</span>
}

/** Uptime over 30 and 90 days and the file's state now, as cards. */
function UptimeCards(props: { data: DistributionPageView; lang: Lang }) {
  const { data, lang } = props
  const pct = (v: number | null) => (v === null ? '–' : `${num(lang, v, 1)} %`)
  return (
    <>
      <div class="cards" id="uptime">
        <div class="card">
          <div class="label">{t(lang, 'pages.dataset.state')}</div>
          <div class="value">
            <State state={data.file.availability?.state ?? null} lang={lang} />
          </div>
        </div>
        <div class="card">
          <div class="label">{t(lang, 'pages.distribution.uptime', { days: 30 })}</div>
          <div class="value">{pct(data.uptime30)}</div>
        </div>
        <div class="card">
          <div class="label">{t(lang, 'pages.distribution.uptime', { days: 90 })}</div>
          <div class="value">{pct(data.uptime90)}</div>
        </div>
        <div class="card">
          <div class="label">{t(lang, 'dimension.total')}</div>
          <div class="value">
            <ScoreChip value={data.score?.total} />
          </div>
        </div>
      </div>
      <p class="muted">{t(lang, 'pages.distribution.uptime-explained', { n: data.probes })}</p>
    </>
  )
}

/** When the file went from one state to another (ok → broken and back), newest first, with the probe's reason. */
function Changes(props: { changes: StateChange[]; lang: Lang }) {
  const { lang } = props
  if (props.changes.length === 0) return <p class="muted">{t(lang, 'pages.distribution.no-changes')}</p>
  return (
    <DataTable
      label={t(lang, 'pages.distribution.changes')}
      id="changes"
      class="wide"
      columns={[t(lang, 'pages.distribution.column.when'), t(lang, 'pages.distribution.column.from'), t(lang, 'pages.distribution.column.to'), t(lang, 'pages.distribution.column.why')]}
    >
      {props.changes.map((c) => (
        <tr>
          <td class="when">{shownTime(c.at)}</td>
          <td>{c.from ? <State state={c.from} lang={lang} /> : t(lang, 'pages.distribution.first-probe')}</td>
          <td>
            <State state={c.to} lang={lang} />
          </td>
          <td>
            <code>{c.code}</code> <ProbeWords code={c.code} lang={lang} />
          </td>
        </tr>
      ))}
    </DataTable>
  )
}

/**
 * A file's page: its address as a link, where it belongs, its uptime over 30 and 90 days,
 * its response times per day (a chart with its values), its changes of state and the
 * history of its content checks.
 */
export function DistributionPage(props: { data: DistributionPageView; lang: Lang; here: PageAddress }) {
  const { data, lang } = props
  // From the first day with a probe: a file first probed last week gets a week wide chart, not 90 days of nothing.
  const firstProbed = data.responseTimes.findIndex((p) => p.value !== null)
  const responses = firstProbed < 0 ? [] : data.responseTimes.slice(firstProbed)
  return (
    <Layout title={data.file.title} lang={lang} here={props.here}>
      <nav class="muted" aria-label={t(lang, 'pages.layout.breadcrumb')}>
        <a href={`/?lang=${lang}`}>{t(lang, 'pages.region.title')}</a> ›{' '}
        <a href={entityHref('organisation', data.organisationIri, lang)}>{data.organisationName ?? t(lang, 'pages.organisation.unknown-name')}</a> ›{' '}
        <a href={entityHref('dataset', data.file.datasetIri, lang)}>{data.datasetTitle}</a> › {t(lang, 'pages.distribution.crumb')}
      </nav>
      <h1>{data.file.title}</h1>
      <p id="file-address">
        {t(lang, 'pages.distribution.address')}: {data.url ? <WebLink url={data.url} /> : t(lang, 'pages.distribution.no-address')}
        {data.file.format ? <span class="muted"> ({data.file.format})</span> : null}
      </p>
      <UptimeCards data={data} lang={lang} />
      <TrendChart
        id="response-times"
        heading={t(lang, 'pages.distribution.response-times')}
        label={t(lang, 'pages.distribution.response-label')}
        points={responses}
        lang={lang}
        valueHeading={t(lang, 'pages.column.milliseconds')}
        width={400}
      />
      <h2>{t(lang, 'pages.distribution.changes')}</h2>
      <Changes changes={data.changes} lang={lang} />
      <h2>{t(lang, 'pages.distribution.checks')}</h2>
      {data.checks.length ? (
        <CheckResultsTable results={data.checks} label={t(lang, 'pages.distribution.checks')} lang={lang} />
      ) : (
        <p class="muted">{t(lang, 'pages.distribution.no-checks')}</p>
      )}
    </Layout>
  )
}
