import { t } from '../src/i18n/catalogue.js'
import type { Lang } from '../src/i18n/lang.js'
import type { DatasetSummary, OrganisationView } from '../src/read-model/organisation.js'
import { pageOf } from '../src/read-model/problem-groups.js'
import { CatalogueTable } from './catalogue-table.js'
import { FollowBox } from './follow-box.js'
import { HvdSection } from './hvd-section.js'
import { Layout } from './layout.js'
import { ProblemGroups } from './problem-groups.js'
import { DataTable } from './data-table.js'
import { entityHref, type PageAddress } from './page-address.js'
import { Paging, requestedPage } from './paging.js'
import { ScoreCards, ScoreCells, ScoreHeads, Trend } from './score-cards.js'

/** How many datasets one page of an organisation's list shows. */
export const DATASETS_PER_PAGE = 50

/** Its datasets worst first, a page at a time (`?datasets-page=`), with the count shown. */
function DatasetTable(props: { datasets: DatasetSummary[]; here: PageAddress; lang: Lang }) {
  const { lang, here } = props
  const list = pageOf(props.datasets, requestedPage(here, 'datasets-page'), DATASETS_PER_PAGE)
  return (
    <div id="datasets">
      {list.pages > 1 ? (
        <p class="muted" id="datasets-count">
          {t(lang, 'pages.organisation.datasets-shown', { from: list.from, to: list.to, count: list.total })}
        </p>
      ) : null}
      <DataTable
        label={t(lang, 'pages.organisation.datasets')}
        id="datasets-table"
        head={
          <>
            <th>{t(lang, 'pages.column.dataset')}</th>
            <ScoreHeads lang={lang} />
          </>
        }
      >
        {list.items.map((d) => (
          <tr>
            <td>
              <a href={entityHref('dataset', d.iri, lang)}>{d.title}</a>
            </td>
            <ScoreCells scores={d.scores} />
          </tr>
        ))}
      </DataTable>
      <Paging page={list.page} pages={list.pages} here={here} lang={lang} param="datasets-page" anchor="datasets" label={t(lang, 'pages.organisation.datasets')} />
    </div>
  )
}

/** A publisher's page: its scores and trend, its problems grouped by cause with since when, its HVD obligations (when it has high-value datasets), its catalogues' health and its datasets. */
export function OrganisationPage(props: { data: OrganisationView; lang: Lang; here: PageAddress }) {
  const { data, lang } = props
  const name = data.name ?? t(lang, 'pages.organisation.unknown-name')
  return (
    <Layout title={name} lang={lang} here={props.here}>
      <nav class="muted" aria-label={t(lang, 'pages.layout.breadcrumb')}>
        <a href={`/?lang=${lang}`}>{t(lang, 'pages.region.title')}</a> › {t(lang, 'pages.organisation.crumb')}
      </nav>
      <h1>{name}</h1>
      <p class="muted">
        <code>{data.iri}</code> · {t(lang, 'pages.badge')}:{' '}
        <img src={`/badge/organisation.svg?${new URLSearchParams({ iri: data.iri, lang }).toString()}`} alt={t(lang, 'pages.badge')} />
      </p>
      <ScoreCards scores={data.scores} lang={lang} />
      <Trend rows={data.trend} lang={lang} />
      <h2>{t(lang, 'pages.organisation.problems')}</h2>
      <ProblemGroups problems={data.problems} here={props.here} lang={lang} />
      {data.hvd.datasets.length ? <HvdSection report={data.hvd} lang={lang} /> : null}
      {data.catalogues.length ? (
        <>
          <h2>{t(lang, 'pages.region.catalogue-health')}</h2>
          <CatalogueTable catalogues={data.catalogues} organisations={data.sourceOrganisations} lang={lang} />
        </>
      ) : null}
      <h2>{t(lang, 'pages.organisation.datasets')}</h2>
      <DatasetTable datasets={data.datasets} here={props.here} lang={lang} />
      <FollowBox kind="organisation" iri={data.iri} lang={lang} />
    </Layout>
  )
}
