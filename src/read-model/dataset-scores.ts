import type { Db } from '../db/database.js'
import type { LangText } from '../domain/lang-text.js'
import { latestRollupDay, rollupsOfDay, type RollupRow } from './rollup-row.js'

/** A dataset's rollup with its title (null when the dataset is not harvested). */
export type DatasetScoreRow = RollupRow & { title: LangText | null }

/**
 * The rollups of one organisation's datasets for a day (default: the latest day rolled up),
 * worst total first, under the current scoring version, with each dataset's title. Empty
 * when none.
 */
export async function getDatasetScores(db: Db, organisationIri: string, day?: string): Promise<DatasetScoreRow[]> {
  const d = day ?? (await latestRollupDay(db, 'dataset'))
  if (!d) return []
  return rollupsOfDay(db, 'dataset', d).leftJoin('datasets as ds', 'ds.iri', 'r.key').select('ds.title').where('r.parent', '=', organisationIri).execute()
}
