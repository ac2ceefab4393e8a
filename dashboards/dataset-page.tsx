import { DIMENSIONS } from '../src/domain/dimension.js'
import { describeFinding, t } from '../src/i18n/catalogue.js'
import type { Lang } from '../src/i18n/lang.js'
import type { DatasetView, DistributionView } from '../src/read-model/dataset.js'
import type { CheckResultView } from '../src/read-model/latest-check-results.js'
import { FindingWords } from './finding-words.js'
import { Layout } from './layout.js'
import { entityHref, type PageAddress } from './page-address.js'
import { ScoreCards } from './score-cards.js'
import { ScoreChip } from './score-chip.js'
import { shownTime } from './shown-time.js'

/** How many findings a list shows at most (a broken file can have thousands). */
const FINDINGS_SHOWN = 50

const STATES = ['ok', 'degraded', 'broken', 'unknown'] as const
const stateKey = (s: string) => `state.${(STATES as readonly string[]).includes(s) ? (s as (typeof STATES)[number]) : 'unknown'}` as const

/** The findings (not info) of a target's latest check results, with their fixes, in the page's language. */
function FindingList(props: { results: CheckResultView[]; lang: Lang }) {
  const { lang } = props
  const shown = props.results
    .flatMap((r) => r.findings.map((f) => ({ ...f, checkId: r.checkId })))
    .filter((f) => f.severity !== 'info')
    .slice(0, FINDINGS_SHOWN)
  if (shown.length === 0) return <p class="muted">{t(lang, 'pages.no-problems')}</p>
  return (
    <ul class="findings">
      {shown.map((f) => (
        <li>
          <span class={`sev-${f.severity}`}>{t(lang, `severity.${f.severity}`)}</span> <code>{f.code}</code> ({f.checkId}):{' '}
          <FindingWords finding={f} lang={lang} />
        </li>
      ))}
    </ul>
  )
}

/** What the probe code behind an availability state means, when the catalogue knows the code. */
function ProbeWords(props: { code: string; lang: Lang }) {
  const { message } = describeFinding({ code: props.code }, props.lang)
  return message === props.code ? null : <>{message}</>
}

function DistributionCard(props: { d: DistributionView; lang: Lang }) {
  const { d, lang } = props
  return (
    <div class="card" style="margin-bottom:14px" data-distribution={d.iri}>
      <strong>{d.title}</strong> {d.format ? <span class="muted">({d.format})</span> : null}
      <br />
      <code>{d.url ?? '–'}</code>
      <p>
        {t(lang, 'pages.dataset.state')}: <span class={`state-${d.state}`}>{t(lang, stateKey(d.state))}</span>
        {d.lastCode ? (
          <>
            {' '}
            · <code>{d.lastCode}</code> <ProbeWords code={d.lastCode} lang={lang} />
          </>
        ) : null}
        {d.lastProbeAt ? ` · ${t(lang, 'pages.dataset.last-probe')}: ${shownTime(d.lastProbeAt)}` : null}
      </p>
      <p>
        {t(lang, 'dimension.total')} <ScoreChip value={d.score?.total} />{' '}
        {DIMENSIONS.map((dim) => (
          <>
            {' '}
            · {t(lang, `dimension.${dim}`)} <ScoreChip value={d.score?.[dim]} />
          </>
        ))}
      </p>
      <FindingList results={d.results} lang={lang} />
    </div>
  )
}

/** A dataset: its scores, its dataset-level findings, and each file with its scores, availability and findings. */
export function DatasetPage(props: { data: DatasetView; lang: Lang; here: PageAddress }) {
  const { data, lang } = props
  return (
    <Layout title={data.title} lang={lang} here={props.here}>
      <p class="muted" aria-label={t(lang, 'pages.layout.breadcrumb')}>
        <a href={`/?lang=${lang}`}>{t(lang, 'pages.region.title')}</a> ›{' '}
        <a href={entityHref('organisation', data.organisationIri, lang)}>{data.organisationName ?? t(lang, 'pages.organisation.unknown-name')}</a> ›{' '}
        {t(lang, 'pages.dataset.crumb')}
      </p>
      <h1>{data.title}</h1>
      <p>{data.description}</p>
      <p class="muted">
        <code>{data.iri}</code> ·{' '}
        <img src={`/badge/dataset.svg?${new URLSearchParams({ iri: data.iri, lang }).toString()}`} alt={t(lang, 'pages.badge')} />
      </p>
      <ScoreCards scores={data.scores} lang={lang} />
      {data.datasetResults.length ? (
        <>
          <h2>{t(lang, 'dimension.metadata')}</h2>
          <FindingList results={data.datasetResults} lang={lang} />
        </>
      ) : null}
      <h2>{t(lang, 'pages.dataset.distributions')}</h2>
      {data.distributions.map((d) => (
        <DistributionCard d={d} lang={lang} />
      ))}
    </Layout>
  )
}
