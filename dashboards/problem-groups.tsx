import { describeFinding, t } from '../src/i18n/catalogue.js'
import { num } from '../src/i18n/format.js'
import type { Lang } from '../src/i18n/lang.js'
import { groupProblems, pageOf, type ProblemGroup } from '../src/read-model/problem-groups.js'
import type { Problem } from '../src/read-model/problems.js'
import { addressWith, entityHref, paramOf, type PageAddress } from './page-address.js'
import { Paging, requestedPage } from './paging.js'
import { DataTable } from './data-table.js'

/** How many causes one page of an organisation's problems lists. */
export const GROUPS_PER_PAGE = 20
/** How many files a cause shows in the list of causes; the rest are a link away (`?cause=`). */
export const FILES_PER_GROUP = 20
/** How many files one page of a single cause (`?cause=…&files-page=N`) lists. */
export const FILES_PER_PAGE = 100

/** A cause's key in the address (`?cause=`): its dimension, check and finding code. */
export const causeKey = (g: Pick<ProblemGroup, 'dimension' | 'checkId' | 'code'>) => `${g.dimension}:${g.checkId}:${g.code}`

function GroupRows(props: { problems: Problem[]; lang: Lang }) {
  const { lang } = props
  return (
    <DataTable
      label={t(lang, 'pages.organisation.column.file')}
      columns={[
        t(lang, 'pages.column.dataset'),
        t(lang, 'pages.organisation.column.file'),
        t(lang, 'pages.organisation.column.what'),
        { heading: t(lang, 'pages.organisation.column.points-to-gain'), num: true },
      ]}
    >
      {props.problems.map((p) => (
        <tr>
          <td>
            <a href={entityHref('dataset', p.datasetIri, lang)}>{p.datasetTitle}</a>
          </td>
          <td>
            <a href={entityHref('distribution', p.distributionIri, lang)}>{p.url ?? p.distributionIri}</a>
          </td>
          <td>
            {describeFinding(p, lang).message}
            {p.count > 1 ? ` (${t(lang, 'pages.organisation.occurrences', { n: p.count })})` : ''}
          </td>
          <td class="num">{num(lang, p.totalPointsToGain, 1)}</td>
        </tr>
      ))}
    </DataTable>
  )
}

/**
 * One cause: a heading that says how many files and what is wrong, and, expanded, how to fix
 * it and its files (`rows`, and `children` below them: a link to the rest, or paging).
 */
function Group(props: { g: ProblemGroup; rows: Problem[]; lang: Lang; open?: boolean; children?: unknown }) {
  const { g, lang } = props
  const words = describeFinding(g.problems[0]!, lang)
  return (
    <details class="problem-group" data-code={g.code} open={props.open}>
      <summary>
        <span class={`sev-${g.severity}`}>{t(lang, `dimension.${g.dimension}`)}</span>{' '}
        {t(lang, 'pages.organisation.group-heading', { n: g.files, message: words.message })}{' '}
        <span class="gain">{t(lang, 'pages.organisation.gain', { points: g.totalPointsToGain })}</span>
        {g.firstSeen ? <span class="muted since"> · {t(lang, 'pages.since', { date: g.firstSeen.toISOString() })}</span> : null}
      </summary>
      <p>
        <code>{g.code}</code> ({g.checkId})
        {words.hint ? (
          <>
            <br />
            <span class="hint">
              {t(lang, 'pages.organisation.fix')}: {words.hint}
            </span>
          </>
        ) : null}
      </p>
      <GroupRows problems={props.rows} lang={lang} />
      {props.children}
    </details>
  )
}

/** A cause in the list of causes: its first FILES_PER_GROUP files, and a link to all of them when there are more. */
function ListedGroup(props: { g: ProblemGroup; here: PageAddress; lang: Lang }) {
  const { g, here, lang } = props
  const rows = g.problems.slice(0, FILES_PER_GROUP)
  const rest = rows.length < g.problems.length
  return (
    <Group g={g} rows={rows} lang={lang}>
      {rest ? (
        <p class="more">
          {t(lang, 'pages.organisation.rows-shown', { shown: rows.length, total: g.problems.length })}{' '}
          <a href={addressWith(here, { cause: causeKey(g), page: null, 'files-page': null }, 'problems')}>{t(lang, 'pages.organisation.all-rows', { n: g.problems.length })}</a>
        </p>
      ) : null}
    </Group>
  )
}

/** One cause alone (`?cause=`), open, its files a page at a time, with the way back to every cause. */
function OneCause(props: { g: ProblemGroup; total: number; here: PageAddress; lang: Lang }) {
  const { g, here, lang } = props
  const rows = pageOf(g.problems, requestedPage(here, 'files-page'), FILES_PER_PAGE)
  return (
    <div id="problems">
      <p class="muted" id="problems-count">
        {t(lang, 'pages.organisation.cause-rows', { from: rows.from, to: rows.to, count: rows.total })}{' '}
        <a href={addressWith(here, { cause: null, 'files-page': null }, 'problems')}>{t(lang, 'pages.organisation.all-causes', { total: props.total })}</a>
      </p>
      <Group g={g} rows={rows.items} lang={lang} open>
        <Paging page={rows.page} pages={rows.pages} here={here} lang={lang} param="files-page" anchor="problems" />
      </Group>
    </div>
  )
}

/**
 * An organisation's problems grouped by cause, worst first, a page at a time (`?page=`),
 * with the count of causes and problems shown and what "points to gain" means. Each cause
 * shows its first files; `?cause=` shows one cause with all its files, paged. A cause that
 * is gone (a stale link) says so above the list of causes.
 */
export function ProblemGroups(props: { problems: Problem[]; here: PageAddress; lang: Lang }) {
  const { problems, here, lang } = props
  if (problems.length === 0) return <p class="empty">{t(lang, 'pages.no-problems')}</p>
  const groups = groupProblems(problems)
  const asked = paramOf(here, 'cause')
  const one = asked === undefined ? undefined : groups.find((g) => causeKey(g) === asked)
  if (one) return <OneCause g={one} total={problems.length} here={here} lang={lang} />
  const list = pageOf(groups, requestedPage(here, 'page'), GROUPS_PER_PAGE)
  return (
    <div id="problems">
      {asked !== undefined ? <p class="hint" role="status">{t(lang, 'pages.organisation.cause-gone')}</p> : null}
      <p class="muted" id="problems-count">
        {t(lang, 'pages.organisation.groups-shown', { from: list.from, to: list.to, count: list.total, total: problems.length })}
      </p>
      <p class="muted">{t(lang, 'pages.organisation.points-explained')}</p>
      {list.items.map((g) => (
        <ListedGroup g={g} here={here} lang={lang} />
      ))}
      <Paging page={list.page} pages={list.pages} here={here} lang={lang} param="page" anchor="problems" />
    </div>
  )
}
