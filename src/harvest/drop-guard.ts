import type { Db } from '../db/database.js'
import { liveDatasetIris, previousFinishedRun } from '../db/harvest-runs.js'
import { HarvestError } from './harvest-error.js'
import type { HarvestModel } from './model.js'

/**
 * Catalogue servers do send half a file, and a Turtle file cut at a statement boundary
 * parses. So a harvest that would withdraw more than `maxShare` of the source's live
 * datasets fails with 'dataset-drop' and withdraws nothing, unless the run before it
 * failed the same way with the same number of datasets: the next harvest reading the same
 * smaller catalogue confirms the drop.
 */
export async function guardAgainstDrop(db: Db, sourceId: string, runId: number, model: HarvestModel, maxShare: number, url: string): Promise<void> {
  const live = await liveDatasetIris(db, sourceId)
  if (live.length === 0) return
  const present = new Set([...model.datasets.map((d) => d.iri), ...model.keepDatasetIris])
  const gone = live.filter((iri) => !present.has(iri)).length
  if (gone / live.length <= maxShare) return
  const prev = await previousFinishedRun(db, sourceId, runId)
  if (prev?.status === 'failed' && prev.error_code === 'dataset-drop' && Number(prev.datasets) === model.datasets.length) return
  throw new HarvestError('dataset-drop', { url, count: model.datasets.length, gone, live: live.length })
}
