import type { Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import type { ScoreTable } from '../db/tables/content.js'
import { SCORING_VERSION } from '../scoring/scoring-version.js'

/** A distribution's current score, with its reasons (worst first). */
export type DistributionScoreRow = Selectable<ScoreTable>

/** The current score of one distribution under the current scoring version, or undefined. */
export async function getDistributionScore(db: Db, distributionIri: string): Promise<DistributionScoreRow | undefined> {
  return db
    .selectFrom('scores')
    .selectAll()
    .where((eb) => eb.and({ distribution_iri: distributionIri, scoring_version: SCORING_VERSION }))
    .executeTakeFirst()
}

/** The current scores of every distribution of a dataset, worst total first. */
export async function getDistributionScoresOfDataset(db: Db, datasetIri: string): Promise<DistributionScoreRow[]> {
  return db
    .selectFrom('scores')
    .selectAll()
    .where((eb) => eb.and({ dataset_iri: datasetIri, scoring_version: SCORING_VERSION }))
    .orderBy((eb) => eb.ref('total'), (ob) => ob.asc().nullsLast())
    .orderBy('distribution_iri')
    .execute()
}
