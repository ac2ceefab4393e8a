import { DIMENSIONS } from '../domain/dimension.js'
import type { Lang } from '../i18n/lang.js'
import type { OrganisationSummary } from './organisation-league.js'

/** What the league table can be sorted by: the name, the total or one dimension. */
export const LEAGUE_SORTS = ['name', 'total', ...DIMENSIONS] as const
export type LeagueSort = (typeof LEAGUE_SORTS)[number]

/** How a reader asked for the league: sorted by a column, one way, and narrowed to names holding `q`. */
export interface LeagueQuery {
  sort: LeagueSort
  descending: boolean
  q: string
}

/**
 * The league query of a page address' `sort` and `q`: `sort=metadata` (ascending: worst
 * first, or A to Z), `sort=-metadata` (descending). Anything else: the total, worst first.
 */
export function leagueQuery(sort: string | undefined, q: string | undefined): LeagueQuery {
  const descending = sort?.startsWith('-') ?? false
  const key = descending ? sort!.slice(1) : sort
  const known = (LEAGUE_SORTS as readonly string[]).includes(key ?? '')
  return { sort: known ? (key as LeagueSort) : 'total', descending: known && descending, q: (q ?? '').trim().slice(0, 200) }
}

/** The value an organisation is sorted by; null (unscored, unnamed) always sorts last. */
function sortValue(o: OrganisationSummary, sort: LeagueSort): string | number | null {
  if (sort === 'name') return o.name
  return o.scores?.[sort] ?? null
}

/**
 * The league narrowed to organisations whose name holds `q` (any case; names are compared
 * as the reader's language writes them) and sorted as asked, ties by name.
 */
export function queryLeague(league: readonly OrganisationSummary[], query: LeagueQuery, lang: Lang): OrganisationSummary[] {
  const needle = query.q.toLocaleLowerCase(lang)
  const shown = needle ? league.filter((o) => o.name?.toLocaleLowerCase(lang).includes(needle)) : [...league]
  const byName = (a: OrganisationSummary, b: OrganisationSummary) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff', lang)
  return shown.sort((a, b) => {
    const va = sortValue(a, query.sort)
    const vb = sortValue(b, query.sort)
    if (va === null || vb === null) return va === vb ? byName(a, b) : va === null ? 1 : -1
    const order = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb), lang)
    return (query.descending ? -order : order) || byName(a, b)
  })
}
