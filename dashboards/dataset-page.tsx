import { DIMENSIONS } from '../src/domain/dimension.js'
import { WebLink } from './web-link.js'
import { describeFinding, t } from '../src/i18n/catalogue.js'
import type { Lang } from '../src/i18n/lang.js'
import type { DatasetPageView, DistributionView } from '../src/read-model/dataset.js'
import { BadgeEmbed } from './badge-embed.js'
import { CheckResultsTable } from './check-results.js'
import { FollowBox } from './follow-box.js'
import { Layout } from './layout.js'
import { entityHref, type PageAddress } from './page-address.js'
import { ScoreCards, Trend } from './score-cards.js'
import { ScoreChip } from './score-chip.js'
import { shownTime } from './shown-time.js'

const STATES = ['ok', 'degraded', 'broken', 'unknown'] as const
/** The catalogue key of an availability state (unknown for anything else). */
export const stateKey = (s: string | null) => `state.${(STATES as readonly string[]).includes(s ?? '') ? (s as (typeof STATES)[number]) : 'unknown'}` as const

/** What the probe code behind an availability state means, when the catalogue knows the code. */
export function ProbeWords(props: { code: string; lang: Lang }) {
  const { message } = describeFinding({ code: props.code }, props.lang)
  return message === props.code ? null : <>{message}</>
}

function DistributionCard(props: { d: DistributionView; lang: Lang }) {
  const { d, lang } = props
  return (
    <div class="card distribution" data-distribution={d.iri}>
      <h3>
        <a href={entityHref('distribution', d.iri, lang)}>{d.title}</a> {d.format ? <span class="muted">({d.format})</span> : null}
      </h3>
      {d.url ? <WebLink url={d.url} /> : <code>–</code>}
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
      {d.results.length ? <CheckResultsTable results={d.results} label={`${t(lang, 'pages.dataset.checks')}: ${d.title}`} lang={lang} /> : <p class="muted">{t(lang, 'pages.dataset.no-checks')}</p>}
    </div>
  )
}

/**
 * A dataset: its scores, its dataset-level checks, each file with its availability, scores
 * and latest result per check (linking to the file's page), and how to embed its badge.
 * `site` is the public address the embed lines use.
 */
export function DatasetPage(props: { data: DatasetPageView; lang: Lang; here: PageAddress; site: string }) {
  const { data, lang } = props
  return (
    <Layout title={data.title} lang={lang} here={props.here}>
      <nav class="muted" aria-label={t(lang, 'pages.layout.breadcrumb')}>
        <a href={`/?lang=${lang}`}>{t(lang, 'pages.region.title')}</a> ›{' '}
        <a href={entityHref('organisation', data.organisationIri, lang)}>{data.organisationName ?? t(lang, 'pages.organisation.unknown-name')}</a> ›{' '}
        {t(lang, 'pages.dataset.crumb')}
      </nav>
      <h1>{data.title}</h1>
      <p>{data.description}</p>
      <p class="muted">
        <code>{data.iri}</code> ·{' '}
        <img src={`/badge/dataset.svg?${new URLSearchParams({ iri: data.iri, lang }).toString()}`} alt={t(lang, 'pages.badge')} />
      </p>
      <ScoreCards scores={data.scores} lang={lang} />
      <Trend rows={data.trend} lang={lang} />
      {data.datasetResults.length ? (
        <>
          <h2>{t(lang, 'dimension.metadata')}</h2>
          <CheckResultsTable results={data.datasetResults} label={t(lang, 'dimension.metadata')} lang={lang} />
        </>
      ) : null}
      <h2>{t(lang, 'pages.dataset.distributions')}</h2>
      {data.distributions.map((d) => (
        <DistributionCard d={d} lang={lang} />
      ))}
      <BadgeEmbed iri={data.iri} site={props.site} lang={lang} />
      <FollowBox kind="dataset" iri={data.iri} lang={lang} />
    </Layout>
  )
}
