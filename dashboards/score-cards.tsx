import { raw } from 'hono/html'
import { DIMENSIONS } from '../src/domain/dimension.js'
import { t } from '../src/i18n/catalogue.js'
import { num } from '../src/i18n/format.js'
import type { Lang } from '../src/i18n/lang.js'
import type { RollupRow } from '../src/read-model/rollup-row.js'
import { ScoreChip } from './score-chip.js'
import { DataTable } from './data-table.js'
import { trendSvg, type TrendPoint } from './trend-svg.js'

/** The five dimension scores and the total of a rollup, as cards (a dash where unknown). */
export function ScoreCards(props: { scores: RollupRow | null; lang: Lang }) {
  const s = props.scores
  return (
    <div class="cards">
      <div class="card">
        <div class="label">{t(props.lang, 'dimension.total')}</div>
        <div class="value">
          <ScoreChip value={s?.total} />
        </div>
      </div>
      {DIMENSIONS.map((d) => (
        <div class="card" data-dimension={d}>
          <div class="label">{t(props.lang, `dimension.${d}`)}</div>
          <div class="value">
            <ScoreChip value={s?.[d]} />
          </div>
        </div>
      ))}
    </div>
  )
}

/** The head cells of a score table: the total, then the five dimensions. */
export function ScoreHeads(props: { lang: Lang }) {
  return (
    <>
      <th class="num">{t(props.lang, 'dimension.total')}</th>
      {DIMENSIONS.map((d) => (
        <th class="num">{t(props.lang, `dimension.${d}`)}</th>
      ))}
    </>
  )
}

/** The cells of a score table's row, under ScoreHeads: the total, then the five dimensions (a dash where unknown). */
export function ScoreCells(props: { scores: RollupRow | null }) {
  const s = props.scores
  return (
    <>
      <td class="num">
        <ScoreChip value={s?.total} />
      </td>
      {DIMENSIONS.map((d) => (
        <td class="num">
          <ScoreChip value={s?.[d]} />
        </td>
      ))}
    </>
  )
}

/**
 * A daily line chart under its heading, with the same values in a table behind a
 * disclosure (for screen readers and for anyone who wants the numbers); nothing when
 * no day has a value. The table lists the days that have a value; `valueHeading` names
 * its value column (default: score).
 */
export function TrendChart(props: {
  id: string
  heading: string
  label: string
  points: TrendPoint[]
  lang: Lang
  max?: number
  valueHeading?: string
  level?: 2 | 3
  /** The chart's drawing width (it scales to its box): narrower draws bigger text on a phone. */
  width?: number
}) {
  const { lang } = props
  if (!props.points.some((p) => p.value !== null)) return null
  const Heading = props.level === 3 ? 'h3' : 'h2'
  return (
    <section aria-labelledby={`${props.id}-heading`} class="chart-section">
      <Heading id={`${props.id}-heading`}>{props.heading}</Heading>
      <div class="card">
        {raw(trendSvg(props.points, { id: props.id, label: props.label, max: props.max, width: props.width }))}
        <details class="chart-data">
          <summary>{t(lang, 'pages.trend.table')}</summary>
          <DataTable label={props.label} caption columns={[t(lang, 'pages.column.day'), { heading: props.valueHeading ?? t(lang, 'pages.column.score'), num: true }]}>
            {props.points.filter((p) => p.value !== null).map((p) => (
              <tr>
                <td>{p.day}</td>
                <td class="num">{num(lang, p.value, 1)}</td>
              </tr>
            ))}
          </DataTable>
        </details>
      </div>
    </section>
  )
}

/** The total's daily line chart under its heading; nothing when there is no history. */
export function Trend(props: { rows: RollupRow[]; lang: Lang }) {
  const points = props.rows.map((r) => ({ day: r.day, value: r.total }))
  const label = t(props.lang, 'pages.trend.label')
  return <TrendChart id="trend-total" heading={t(props.lang, 'pages.trend')} label={label} points={points} lang={props.lang} max={100} />
}
