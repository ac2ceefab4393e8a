import type { Db } from '../db/database.js'
import type { LangText } from '../domain/lang-text.js'
import { latestRollupDay, type RollupRow } from './rollup-row.js'
import { SCORING_VERSION } from '../scoring/scoring-version.js'

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
  return db
    .selectFrom('score_rollups as r')
    .leftJoin('datasets as ds', 'ds.iri', 'r.key')
    .selectAll('r')
    .select('ds.title')
    .where('r.level', '=', 'dataset')
    .where('r.parent', '=', organisationIri)
    .where('r.day', '=', d)
    .where('r.scoring_version', '=', SCORING_VERSION)
    .orderBy((eb) => eb.ref('r.total'), (ob) => ob.asc().nullsLast())
    .orderBy('r.key')
    .execute()
}
