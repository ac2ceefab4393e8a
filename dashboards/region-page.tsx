import { t } from '../src/i18n/catalogue.js'
import type { Lang } from '../src/i18n/lang.js'
import type { CatalogueHealth } from '../src/read-model/catalogue-health.js'
import type { OrganisationSummary } from '../src/read-model/organisation-league.js'
import type { RegionView } from '../src/read-model/region.js'
import { Layout } from './layout.js'
import { entityHref, type PageAddress } from './page-address.js'
import { ScoreCards, ScoreCells, ScoreHeads, Trend } from './score-cards.js'
import { shownTime } from './shown-time.js'

function LeagueTable(props: { organisations: OrganisationSummary[]; lang: Lang }) {
  const { lang } = props
  return (
    <table id="organisations">
      <thead>
        <tr>
          <th>{t(lang, 'pages.column.organisation')}</th>
          <ScoreHeads lang={lang} />
          <th class="num">{t(lang, 'pages.column.datasets')}</th>
          <th class="num">{t(lang, 'pages.column.broken')}</th>
          <th class="num">{t(lang, 'pages.column.degraded')}</th>
        </tr>
      </thead>
      <tbody>
        {props.organisations.map((o) => (
          <tr>
            <td>
              <a href={entityHref('organisation', o.iri, lang)}>{o.name ?? t(lang, 'pages.organisation.unknown-name')}</a>
            </td>
            <ScoreCells scores={o.scores} />
            <td class="num">{o.datasets}</td>
            <td class="num">{o.broken ? <span class="state-broken">{o.broken}</span> : 0}</td>
            <td class="num">{o.degraded ? <span class="state-degraded">{o.degraded}</span> : 0}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function HarvestStatus(props: { c: CatalogueHealth; lang: Lang }) {
  const { c, lang } = props
  if (c.status === 'ok') return <td>{t(lang, 'pages.region.harvest-ok')}</td>
  if (c.status === 'failed') return <td class="sev-error">{`${t(lang, 'pages.region.harvest-failed')}${c.error ? `: ${c.error}` : ''}`}</td>
  return <td>–</td>
}

function CatalogueTable(props: { catalogues: CatalogueHealth[]; lang: Lang }) {
  const { lang } = props
  return (
    <table id="catalogues">
      <thead>
        <tr>
          <th>{t(lang, 'pages.region.column.source')}</th>
          <th>{t(lang, 'pages.region.column.url')}</th>
          <th>{t(lang, 'pages.region.column.last-harvest')}</th>
          <th>{t(lang, 'pages.region.column.status')}</th>
          <th class="num">{t(lang, 'pages.column.datasets')}</th>
        </tr>
      </thead>
      <tbody>
        {props.catalogues.map((c) => (
          <tr>
            <td>{c.sourceId}</td>
            <td>
              <code>{c.url}</code>
            </td>
            <td>{shownTime(c.at)}</td>
            <HarvestStatus c={c} lang={lang} />
            <td class="num">{c.datasets ?? '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The region page: its scores and trend, the league of organisations worst first, and catalogue health. */
export function RegionPage(props: { data: RegionView; lang: Lang; here: PageAddress }) {
  const { data, lang } = props
  const empty = data.organisations.length === 0
  return (
    <Layout title={t(lang, 'pages.region.title')} lang={lang} here={props.here}>
      <h1>{t(lang, 'pages.region.title')}</h1>
      {empty ? <p class="empty">{t(lang, 'pages.region.no-data')}</p> : null}
      <ScoreCards scores={data.region} lang={lang} />
      <Trend rows={data.trend} lang={lang} />
      {empty ? null : (
        <>
          <h2>{t(lang, 'pages.region.organisations')}</h2>
          <LeagueTable organisations={data.organisations} lang={lang} />
        </>
      )}
      {data.catalogues.length ? (
        <>
          <h2>{t(lang, 'pages.region.catalogue-health')}</h2>
          <CatalogueTable catalogues={data.catalogues} lang={lang} />
        </>
      ) : null}
    </Layout>
  )
}
