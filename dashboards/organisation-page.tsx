import { t } from '../src/i18n/catalogue.js'
import { num } from '../src/i18n/format.js'
import type { Lang } from '../src/i18n/lang.js'
import type { DatasetSummary, OrganisationView } from '../src/read-model/organisation.js'
import type { Problem } from '../src/read-model/problems.js'
import { FindingWords } from './finding-words.js'
import { Layout } from './layout.js'
import { entityHref, type PageAddress } from './page-address.js'
import { ScoreCards, ScoreCells, ScoreHeads, Trend } from './score-cards.js'

/** How many problems the page lists; the rest are counted above the table. */
export const PROBLEMS_SHOWN = 200

function ProblemRow(props: { p: Problem; lang: Lang }) {
  const { p, lang } = props
  return (
    <tr>
      <td>
        <a href={entityHref('dataset', p.datasetIri, lang)}>{p.datasetTitle}</a>
        <br />
        <code>{p.url ?? p.distributionIri}</code>
      </td>
      <td>
        <span class={`sev-${p.severity}`}>{t(lang, `dimension.${p.dimension}`)}</span> · <code>{p.code}</code>
        {p.count > 1 ? ` (${t(lang, 'pages.organisation.occurrences', { n: p.count })})` : ''}
        <br />
        <FindingWords finding={p} lang={lang} />
      </td>
      <td class="num">{num(lang, p.totalPointsToGain, 1)}</td>
    </tr>
  )
}

function ProblemTable(props: { problems: Problem[]; lang: Lang }) {
  const { problems, lang } = props
  if (problems.length === 0) return <p class="empty">{t(lang, 'pages.no-problems')}</p>
  const shown = problems.slice(0, PROBLEMS_SHOWN)
  return (
    <>
      <p class="muted" id="problems-count">
        {t(lang, 'pages.organisation.problems-shown', { shown: shown.length, total: problems.length })}
      </p>
      <table id="problems">
        <thead>
          <tr>
            <th>{t(lang, 'pages.column.dataset')}</th>
            <th>{t(lang, 'pages.organisation.column.reason')}</th>
            <th class="num">{t(lang, 'pages.organisation.column.points-to-gain')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((p) => (
            <ProblemRow p={p} lang={lang} />
          ))}
        </tbody>
      </table>
    </>
  )
}

function DatasetTable(props: { datasets: DatasetSummary[]; lang: Lang }) {
  const { lang } = props
  return (
    <table id="datasets">
      <thead>
        <tr>
          <th>{t(lang, 'pages.column.dataset')}</th>
          <ScoreHeads lang={lang} />
        </tr>
      </thead>
      <tbody>
        {props.datasets.map((d) => (
          <tr>
            <td>
              <a href={entityHref('dataset', d.iri, lang)}>{d.title}</a>
            </td>
            <ScoreCells scores={d.scores} />
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** A publisher's page: its scores and trend, its problems worst first with the fix, and its datasets. */
export function OrganisationPage(props: { data: OrganisationView; lang: Lang; here: PageAddress }) {
  const { data, lang } = props
  const name = data.name ?? t(lang, 'pages.organisation.unknown-name')
  return (
    <Layout title={name} lang={lang} here={props.here}>
      <p class="muted" aria-label={t(lang, 'pages.layout.breadcrumb')}>
        <a href={`/?lang=${lang}`}>{t(lang, 'pages.region.title')}</a> › {t(lang, 'pages.organisation.crumb')}
      </p>
      <h1>{name}</h1>
      <p class="muted">
        <code>{data.iri}</code> · {t(lang, 'pages.badge')}:{' '}
        <img src={`/badge/organisation.svg?${new URLSearchParams({ iri: data.iri, lang }).toString()}`} alt={t(lang, 'pages.badge')} />
      </p>
      <ScoreCards scores={data.scores} lang={lang} />
      <Trend rows={data.trend} lang={lang} />
      <h2>{t(lang, 'pages.organisation.problems')}</h2>
      <ProblemTable problems={data.problems} lang={lang} />
      <h2>{t(lang, 'pages.organisation.datasets')}</h2>
      <DatasetTable datasets={data.datasets} lang={lang} />
    </Layout>
  )
}
