import { t } from '../src/i18n/catalogue.js'
import { num } from '../src/i18n/format.js'
import type { Lang } from '../src/i18n/lang.js'
import type { CommonProblem } from '../src/read-model/common-problems.js'
import { FindingWords } from './finding-words.js'
import { DataTable } from './data-table.js'

/** The region's most common problems: what is wrong, how to fix it, where and what fixing it gains. */
export function CommonProblems(props: { problems: CommonProblem[]; lang: Lang }) {
  const { lang } = props
  if (props.problems.length === 0) return null
  return (
    <>
      <h2 id="common-problems-heading">{t(lang, 'pages.region.common-problems')}</h2>
      <DataTable
        label={t(lang, 'pages.region.common-problems')}
        id="common-problems"
        columns={[t(lang, 'pages.region.column.problem'), t(lang, 'pages.region.column.where'), { heading: t(lang, 'pages.organisation.column.points-to-gain'), num: true }]}
      >
        {props.problems.map((p) => (
          <tr data-code={p.code}>
            <td>
              <span class={`sev-${p.severity}`}>{t(lang, `dimension.${p.dimension}`)}</span>: <FindingWords finding={p.sample} lang={lang} />
            </td>
            <td>{t(lang, 'pages.region.common-where', { n: p.files, count: p.organisations })}</td>
            <td class="num">{num(lang, p.totalPointsToGain, 1)}</td>
          </tr>
        ))}
      </DataTable>
      <p class="muted">{t(lang, 'pages.organisation.points-explained')}</p>
    </>
  )
}
