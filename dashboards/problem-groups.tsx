import { describeFinding, t } from '../src/i18n/catalogue.js'
import { num } from '../src/i18n/format.js'
import type { Lang } from '../src/i18n/lang.js'
import { groupProblems, pageOf, type ProblemGroup } from '../src/read-model/problem-groups.js'
import type { Problem } from '../src/read-model/problems.js'
import { entityHref, type PageAddress } from './page-address.js'
import { Paging, requestedPage } from './paging.js'
import { DataTable } from './data-table.js'

/** How many causes one page of an organisation's problems lists. */
export const GROUPS_PER_PAGE = 20

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

/** One cause: a heading that says how many files and what is wrong, and, expanded, how to fix it and the files. */
function Group(props: { g: ProblemGroup; lang: Lang }) {
  const { g, lang } = props
  const words = describeFinding(g.problems[0]!, lang)
  return (
    <details class="problem-group" data-code={g.code}>
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
      <GroupRows problems={g.problems} lang={lang} />
    </details>
  )
}

/**
 * An organisation's problems grouped by cause, worst first, a page at a time (`?page=`),
 * with the count of causes and problems shown and what "points to gain" means.
 */
export function ProblemGroups(props: { problems: Problem[]; here: PageAddress; lang: Lang }) {
  const { problems, here, lang } = props
  if (problems.length === 0) return <p class="empty">{t(lang, 'pages.no-problems')}</p>
  const list = pageOf(groupProblems(problems), requestedPage(here, 'page'), GROUPS_PER_PAGE)
  return (
    <div id="problems">
      <p class="muted" id="problems-count">
        {t(lang, 'pages.organisation.groups-shown', { from: list.from, to: list.to, count: list.total, total: problems.length })}
      </p>
      <p class="muted">{t(lang, 'pages.organisation.points-explained')}</p>
      {list.items.map((g) => (
        <Group g={g} lang={lang} />
      ))}
      <Paging page={list.page} pages={list.pages} here={here} lang={lang} param="page" anchor="problems" />
    </div>
  )
}
