import { DIMENSIONS } from '../src/domain/dimension.js'
import { t } from '../src/i18n/catalogue.js'
import type { Lang } from '../src/i18n/lang.js'
import type { RollupRow } from '../src/read-model/rollup-row.js'
import { addressWith, type PageAddress } from './page-address.js'
import { TrendChart } from './score-cards.js'

/** The drawing width of the charts side by side: about their width on a desktop, so a phone shrinks them less. */
const CHART_WIDTH = 400

/** The periods a trend can show, in days, and the one a page shows when asked for none. */
export const TREND_DAYS = [30, 90, 365] as const
const DEFAULT_TREND_DAYS = 90

/** The period a page's `?days=` asks for, when it is one of TREND_DAYS; else 90. */
export function trendDays(value: string | undefined): number {
  const n = Number(value)
  return (TREND_DAYS as readonly number[]).includes(n) ? n : DEFAULT_TREND_DAYS
}

/** Links to the same page with 30, 90 or 365 days of trend (every other parameter kept); the current one is not a link. */
function DaysSwitch(props: { days: number; here: PageAddress; lang: Lang }) {
  const { days, here, lang } = props
  return (
    <nav class="paging" aria-label={t(lang, 'pages.trend.period')} id="trend-days">
      <span>{t(lang, 'pages.trend.period')}:</span>
      {TREND_DAYS.map((n) =>
        n === days ? (
          <strong aria-current="true">{t(lang, 'pages.trend.days', { n })}</strong>
        ) : (
          <a href={addressWith(here, { days: String(n) }, 'trends')}>{t(lang, 'pages.trend.days', { n })}</a>
        ),
      )}
    </nav>
  )
}

/** The count of broken files a rollup counted (region and organisation rollups count them); null when it did not. */
function brokenOf(r: RollupRow): number | null {
  const counts = (typeof r.counts === 'string' ? JSON.parse(r.counts) : r.counts) as Record<string, number> | null
  const n = counts?.brokenDistributions
  return typeof n === 'number' ? n : null
}

/**
 * The trends of a rollup series: the total, each dimension and the count of broken files,
 * each a chart with its values behind it, with the switch between 30, 90 and 365 days.
 */
export function RegionTrends(props: { rows: RollupRow[]; days: number; here: PageAddress; lang: Lang }) {
  const { rows, lang } = props
  if (rows.length === 0) return null
  const dimensionLabel = (d: (typeof DIMENSIONS)[number]) => t(lang, 'pages.trend.dimension-label', { dimension: t(lang, `dimension.${d}`) })
  return (
    <section id="trends" aria-labelledby="trends-heading">
      <h2 id="trends-heading">{t(lang, 'pages.region.trends')}</h2>
      <DaysSwitch days={props.days} here={props.here} lang={lang} />
      <div class="charts">
        <TrendChart id="trend-total" level={3} width={CHART_WIDTH} heading={t(lang, 'dimension.total')} label={t(lang, 'pages.trend.label')} points={rows.map((r) => ({ day: r.day, value: r.total }))} lang={lang} max={100} />
        {DIMENSIONS.map((d) => (
          <TrendChart id={`trend-${d}`} level={3} width={CHART_WIDTH} heading={t(lang, `dimension.${d}`)} label={dimensionLabel(d)} points={rows.map((r) => ({ day: r.day, value: r[d] }))} lang={lang} max={100} />
        ))}
        <TrendChart
          id="trend-broken"
          level={3}
          width={CHART_WIDTH}
          heading={t(lang, 'pages.trend.broken')}
          label={t(lang, 'pages.trend.broken-label')}
          points={rows.map((r) => ({ day: r.day, value: brokenOf(r) }))}
          lang={lang}
          valueHeading={t(lang, 'pages.column.files')}
        />
      </div>
    </section>
  )
}
