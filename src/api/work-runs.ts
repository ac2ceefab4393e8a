import type { Hono } from 'hono'
import { listHarvestRuns, listSweeps } from '../read-model/work-runs.js'
import type { ApiDeps } from './api-deps.js'
import { fieldColumns, timeColumns, type CsvColumn } from './csv.js'
import { LIST_PARAMS, listAnswer, listApi } from './list-answer.js'
import { defineQuery } from './query-schema.js'

/** How far back the run lists reach: the latest this many, paged. */
const RECENT = 1000

type HarvestRun = Awaited<ReturnType<typeof listHarvestRuns>>[number]
type Sweep = Awaited<ReturnType<typeof listSweeps>>[number]


export const harvestRunsQuery = defineQuery({ ...LIST_PARAMS, source: { type: 'string', minLength: 1, maxLength: 200, description: 'Only the runs of this catalogue source id.' } })
export const sweepsQuery = defineQuery(LIST_PARAMS)

const HARVEST_COLUMNS: CsvColumn<HarvestRun>[] = [
  ...fieldColumns('id', ['source', 'source_id']),
  ...timeColumns('started_at', 'finished_at'),
  ...fieldColumns('status', 'http_status', 'datasets', 'distributions', 'added', 'changed', 'withdrawn'),
]

const SWEEP_COLUMNS: CsvColumn<Sweep>[] = [
  ...fieldColumns('id', 'kind', 'status', 'trigger'),
  ...timeColumns('created_at', 'finished_at'),
  ...fieldColumns('hosts'),
  { name: 'hosts_done', value: (s) => Number(s.hosts_done ?? 0) },
  ...fieldColumns('urls'),
]

/** `GET /api/harvest-runs[?source=][&limit=&cursor=][&format=csv&sep=]`: the latest 1000 harvest runs, newest first, paged. */
export function harvestRunsApi({ db, lang: fallback }: ApiDeps): Hono {
  return listApi(fallback, harvestRunsQuery, async (c, { lang, query, offset }) => {
    const runs = await listHarvestRuns(db, { sourceId: query.source as string | undefined, limit: RECENT, lang })
    return listAnswer(c, query, offset, runs, { key: 'runs', columns: HARVEST_COLUMNS, filename: 'datavakt-harvest-runs.csv', json: (r) => r })
  })
}

/** `GET /api/sweeps[?limit=&cursor=][&format=csv&sep=]`: the latest 1000 availability sweeps, newest first, with hosts done, paged. */
export function sweepsApi({ db, lang: fallback }: ApiDeps): Hono {
  return listApi(fallback, sweepsQuery, async (c, { lang, query, offset }) => {
    const sweeps = await listSweeps(db, { limit: RECENT })
    return listAnswer(c, query, offset, sweeps, { key: 'sweeps', columns: SWEEP_COLUMNS, filename: 'datavakt-sweeps.csv', json: (s) => ({ ...s, hosts_done: Number(s.hosts_done ?? 0) }) })
  })
}
