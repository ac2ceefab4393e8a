import type { Hono } from 'hono'
import { listHarvestRuns, listSweeps } from '../read-model/work-runs.js'
import type { ApiDeps } from './api-deps.js'
import { isoCell, type CsvColumn } from './csv.js'
import { LIST_PARAMS, listAnswer, listApi } from './list-answer.js'
import { defineQuery } from './query-schema.js'

/** How far back the run lists reach: the latest this many, paged. */
const RECENT = 1000

type HarvestRun = Awaited<ReturnType<typeof listHarvestRuns>>[number]
type Sweep = Awaited<ReturnType<typeof listSweeps>>[number]


export const harvestRunsQuery = defineQuery({ ...LIST_PARAMS, source: { type: 'string', minLength: 1, maxLength: 200, description: 'Only the runs of this catalogue source id.' } })
export const sweepsQuery = defineQuery(LIST_PARAMS)

const HARVEST_COLUMNS: CsvColumn<HarvestRun>[] = [
  { name: 'id', value: (r) => r.id },
  { name: 'source', value: (r) => r.source_id },
  { name: 'started_at', value: (r) => isoCell(r.started_at) },
  { name: 'finished_at', value: (r) => isoCell(r.finished_at) },
  { name: 'status', value: (r) => r.status },
  { name: 'http_status', value: (r) => r.http_status },
  { name: 'datasets', value: (r) => r.datasets },
  { name: 'distributions', value: (r) => r.distributions },
  { name: 'added', value: (r) => r.added },
  { name: 'changed', value: (r) => r.changed },
  { name: 'withdrawn', value: (r) => r.withdrawn },
]

const SWEEP_COLUMNS: CsvColumn<Sweep>[] = [
  { name: 'id', value: (s) => s.id },
  { name: 'kind', value: (s) => s.kind },
  { name: 'status', value: (s) => s.status },
  { name: 'trigger', value: (s) => s.trigger },
  { name: 'created_at', value: (s) => isoCell(s.created_at) },
  { name: 'finished_at', value: (s) => isoCell(s.finished_at) },
  { name: 'hosts', value: (s) => s.hosts },
  { name: 'hosts_done', value: (s) => Number(s.hosts_done ?? 0) },
  { name: 'urls', value: (s) => s.urls },
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
