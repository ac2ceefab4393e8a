import { Hono } from 'hono'
import { getScoreHistory, type HistoryPoint, type Resolution } from '../read-model/score-history.js'
import type { ApiDeps } from './api-deps.js'
import { apiError } from './api-error.js'
import { fieldColumns, scoreColumns, type CsvColumn } from './csv.js'
import { csvAnswer, LIST_PARAMS, wantsCsv } from './list-answer.js'
import { defineQuery } from './query-schema.js'
import { requestLang } from './request-lang.js'

const LEVELS = ['distribution', 'dataset', 'organisation', 'region'] as const
const DAY = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' } as const
/** The longest range one request may ask for. */
const MAX_DAYS = 3660

export const historyQuery = defineQuery(
  {
    level: { type: 'string', enum: LEVELS, description: 'Whose history: a distribution, dataset, organisation or the region.' },
    key: { type: 'string', minLength: 1, maxLength: 2000, description: 'The IRI (the region id for the region).' },
    from: { ...DAY, description: 'First day (YYYY-MM-DD, UTC); default 89 days before `to`.' },
    to: { ...DAY, description: 'Last day (YYYY-MM-DD, UTC); default today.' },
    resolution: { type: 'string', enum: ['day', 'week', 'month'], default: 'day', description: 'One point per day, ISO week or month (means).' },
    format: LIST_PARAMS.format,
    sep: LIST_PARAMS.sep,
  },
  ['level', 'key'],
)

const COLUMNS: CsvColumn<HistoryPoint>[] = [...fieldColumns<HistoryPoint>('period', 'days'), ...scoreColumns((p: HistoryPoint) => p)]

const isRealDay = (d: string) => new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d

/**
 * `GET /api/history?level=…&key=…[&from=&to=][&resolution=day|week|month][&format=csv&sep=]`:
 * the score history of one distribution, dataset, organisation or the region, per
 * dimension, oldest first (see getScoreHistory). 400 for a day that does not exist, `from`
 * after `to`, or a range over 3660 days.
 */
export function historyApi({ db, lang: fallback }: ApiDeps): Hono {
  return new Hono().get('/', async (c) => {
    const lang = requestLang(c, fallback)
    const query = historyQuery.read(c, lang)
    if (query instanceof Response) return query
    const to = (query.to as string | undefined) ?? new Date().toISOString().slice(0, 10)
    const from = (query.from as string | undefined) ?? new Date(Date.parse(`${to}T00:00:00Z`) - 89 * 86_400_000).toISOString().slice(0, 10)
    for (const [name, day] of [['from', from], ['to', to]] as const) {
      if (!isRealDay(day)) return apiError(c, lang, 'bad-request', 'api.error.param-invalid', { name, got: day })
    }
    const span = (Date.parse(to) - Date.parse(from)) / 86_400_000
    if (span < 0 || span >= MAX_DAYS) return apiError(c, lang, 'bad-request', 'api.error.date-range', { from, to, max: MAX_DAYS })
    const level = query.level as (typeof LEVELS)[number]
    const key = String(query.key)
    const resolution = query.resolution as Resolution
    const points = await getScoreHistory(db, level, key, { from, to, resolution })
    if (wantsCsv(c, query)) return csvAnswer(c, 'datavakt-history.csv', points, COLUMNS, query.sep)
    return c.json({ level, key, from, to, resolution, points })
  })
}
