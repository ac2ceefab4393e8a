import { t } from '../src/i18n/catalogue.js'
import type { Lang } from '../src/i18n/lang.js'
import { LEAGUE_SORTS, type LeagueQuery, type LeagueSort } from '../src/read-model/league-query.js'
import type { OrganisationSummary } from '../src/read-model/organisation-league.js'
import { addressWith, entityHref, paramOf, type PageAddress } from './page-address.js'
import { ScoreCells } from './score-cards.js'
import { DataTable } from './data-table.js'

const columnName = (sort: LeagueSort, lang: Lang) => (sort === 'name' ? t(lang, 'pages.column.organisation') : t(lang, `dimension.${sort}`))

/**
 * A column heading that sorts the table by it: a plain link (`?sort=`, every other
 * parameter kept), the reverse order when it is already sorted by it; `aria-sort` says how
 * it is sorted now.
 */
function SortHead(props: { sort: LeagueSort; query: LeagueQuery; here: PageAddress; lang: Lang }) {
  const { sort, query, here, lang } = props
  const current = query.sort === sort
  const next = current && !query.descending ? `-${sort}` : sort
  return (
    <th scope="col" class={sort === 'name' ? undefined : 'num'} aria-sort={current ? (query.descending ? 'descending' : 'ascending') : undefined}>
      <a href={addressWith(here, { sort: next }, 'organisations')}>{columnName(sort, lang)}</a>
      {current ? <span aria-hidden="true">{query.descending ? ' ▼' : ' ▲'}</span> : null}
    </th>
  )
}

/** The search box over the league: a plain GET form (works without JavaScript) that keeps the sort, the days and the language. */
function SearchForm(props: { query: LeagueQuery; here: PageAddress; lang: Lang; shown: number; total: number }) {
  const { query, here, lang } = props
  const kept = ['lang', 'sort', 'days'].flatMap((k) => {
    const v = k === 'lang' ? lang : paramOf(here, k)
    return v ? [<input type="hidden" name={k} value={v} />] : []
  })
  return (
    <>
      <form method="get" action="/" role="search" class="search" aria-label={t(lang, 'pages.region.search.label')}>
        <label for="q">{t(lang, 'pages.region.search.label')}</label>
        <input type="search" id="q" name="q" value={query.q} />
        {kept}
        <button type="submit">{t(lang, 'pages.region.search.button')}</button>
        {query.q ? <a href={addressWith(here, { q: null }, 'organisations')}>{t(lang, 'pages.region.search.clear')}</a> : null}
      </form>
      <p class="muted" id="organisations-count">
        {query.q && props.shown === 0 ? t(lang, 'pages.region.search.none', { q: query.q }) : t(lang, 'pages.region.search.count', { n: props.shown, total: props.total })}{' '}
        {t(lang, 'pages.region.sort.hint')}
      </p>
    </>
  )
}

/** The league of organisations, sortable by every column and narrowed by name (see queryLeague). */
export function LeagueTable(props: { organisations: OrganisationSummary[]; total: number; query: LeagueQuery; here: PageAddress; lang: Lang }) {
  const { lang, query, here } = props
  return (
    <>
      <SearchForm query={query} here={here} lang={lang} shown={props.organisations.length} total={props.total} />
      <DataTable
        label={t(lang, 'pages.region.organisations')}
        id="organisations"
        head={
          <>
            {LEAGUE_SORTS.map((s) => (
              <SortHead sort={s} query={query} here={here} lang={lang} />
            ))}
            <th class="num">{t(lang, 'pages.column.datasets')}</th>
            <th class="num">{t(lang, 'pages.column.broken')}</th>
            <th class="num">{t(lang, 'pages.column.degraded')}</th>
          </>
        }
      >
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
      </DataTable>
    </>
  )
}
