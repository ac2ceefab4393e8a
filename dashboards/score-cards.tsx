import { raw } from 'hono/html'
import { DIMENSIONS } from '../src/domain/dimension.js'
import { t } from '../src/i18n/catalogue.js'
import type { Lang } from '../src/i18n/lang.js'
import type { RollupRow } from '../src/read-model/rollup-row.js'
import { ScoreChip } from './score-chip.js'
import { trendSvg } from './trend-svg.js'

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

/** The total's daily line chart under its heading; nothing when there is no history. */
export function Trend(props: { rows: RollupRow[]; lang: Lang }) {
  if (props.rows.length === 0) return null
  const points = props.rows.map((r) => ({ day: r.day, value: r.total }))
  return (
    <>
      <h2>{t(props.lang, 'pages.trend')}</h2>
      <div class="card">{raw(trendSvg(points, { label: t(props.lang, 'pages.trend.label') }))}</div>
    </>
  )
}
