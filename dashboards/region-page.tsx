import { t } from '../src/i18n/catalogue.js'
import type { Lang } from '../src/i18n/lang.js'
import { queryLeague, type LeagueQuery } from '../src/read-model/league-query.js'
import type { RegionView } from '../src/read-model/region.js'
import { CatalogueTable } from './catalogue-table.js'
import { CommonProblems } from './common-problems.js'
import { Layout } from './layout.js'
import { LeagueTable } from './league-table.js'
import type { PageAddress } from './page-address.js'
import { RegionTrends } from './region-trends.js'
import { ScoreCards } from './score-cards.js'

/**
 * The region page: its scores, the trend of each dimension and of broken files over
 * `days`, the league of organisations (sorted and narrowed as `query` asks), the most
 * common problems and catalogue health.
 */
export function RegionPage(props: { data: RegionView; query: LeagueQuery; days: number; lang: Lang; here: PageAddress }) {
  const { data, lang, here } = props
  const empty = data.organisations.length === 0
  return (
    <Layout title={t(lang, 'pages.region.title')} lang={lang} here={here}>
      <h1>{t(lang, 'pages.region.title')}</h1>
      {empty ? <p class="empty">{t(lang, 'pages.region.no-data')}</p> : null}
      <ScoreCards scores={data.region} lang={lang} />
      {empty ? null : (
        <>
          <h2>{t(lang, 'pages.region.organisations')}</h2>
          <LeagueTable organisations={queryLeague(data.organisations, props.query, lang)} total={data.organisations.length} query={props.query} here={here} lang={lang} />
        </>
      )}
      <RegionTrends rows={data.trend} days={props.days} here={here} lang={lang} />
      <CommonProblems problems={data.commonProblems} lang={lang} />
      {data.catalogues.length ? (
        <>
          <h2>{t(lang, 'pages.region.catalogue-health')}</h2>
          <CatalogueTable catalogues={data.catalogues} organisations={data.sourceOrganisations} lang={lang} />
        </>
      ) : null}
    </Layout>
  )
}
