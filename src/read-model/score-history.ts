import type { Db } from '../db/database.js'
import type { ScoreRollupTable } from '../db/tables/content.js'
import { SCORING_VERSION } from '../scoring/scoring-version.js'

/** How finely score history is told: one point per day, per ISO week (from Monday) or per calendar month. */
export type Resolution = 'day' | 'week' | 'month'

const DIMENSIONS = ['total', 'availability', 'freshness', 'format', 'conformance', 'metadata'] as const

/** One point of score history: the first day of its period, how many daily rollups it averages, and the mean of each dimension (null when none had one). */
export type HistoryPoint = { period: string; days: number } & Record<(typeof DIMENSIONS)[number], number | null>

/** The first day (YYYY-MM-DD) of the period a day falls in. */
export function periodOf(day: string, resolution: Resolution): string {
  if (resolution === 'day') return day
  if (resolution === 'month') return `${day.slice(0, 7)}-01`
  const d = new Date(`${day}T00:00:00Z`)
  const sinceMonday = (d.getUTCDay() + 6) % 7
  return new Date(d.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10)
}

/**
 * The score history of one distribution, dataset, organisation or the region from `from` to
 * `to` (days, inclusive), under the current scoring version, oldest first: the daily rollups
 * as they are (`day`), or averaged per week or month, each dimension over the days that had
 * it, rounded to one decimal. Days without a rollup are absent, not zero.
 */
export async function getScoreHistory(
  db: Db,
  level: ScoreRollupTable['level'],
  key: string,
  range: { from: string; to: string; resolution: Resolution },
): Promise<HistoryPoint[]> {
  const rows = await db
    .selectFrom('score_rollups')
    .select(['day', ...DIMENSIONS])
    .where('level', '=', level)
    .where('key', '=', key)
    .where('scoring_version', '=', SCORING_VERSION)
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .orderBy('day')
    .execute()
  const periods = new Map<string, { days: number; sums: Record<string, [number, number]> }>()
  for (const r of rows) {
    const period = periodOf(r.day, range.resolution)
    let p = periods.get(period)
    if (!p) periods.set(period, (p = { days: 0, sums: {} }))
    p.days++
    for (const dim of DIMENSIONS) {
      const v = r[dim]
      if (v === null || v === undefined) continue
      const [sum, n] = p.sums[dim] ?? [0, 0]
      p.sums[dim] = [sum + Number(v), n + 1]
    }
  }
  return [...periods].map(([period, p]) => {
    const point = { period, days: p.days } as HistoryPoint
    for (const dim of DIMENSIONS) {
      const s = p.sums[dim]
      point[dim] = s ? Math.round((s[0] / s[1]) * 10) / 10 : null
    }
    return point
  })
}
