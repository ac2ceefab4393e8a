import type { Db } from '../db/database.js'
import { pickLang } from '../domain/lang-text.js'
import type { Lang } from '../i18n/lang.js'
import { getDatasetScores } from './dataset-scores.js'
import { organisationKeyOf } from './organisation-key.js'
import type { RollupRow } from './rollup-row.js'

/** One of an organisation's datasets with its latest rollup. */
export interface DatasetSummary {
  iri: string
  /** Its title in the reader's language; its IRI when it has none. */
  title: string
  scores: RollupRow | null
}

/** An organisation's live datasets, worst total first (unscored last), then by title; titles in `lang`. */
export async function getOrganisationDatasets(db: Db, iri: string, lang: Lang): Promise<DatasetSummary[]> {
  const [datasets, datasetScores] = await Promise.all([
    db.selectFrom('datasets as ds').select(['ds.iri', 'ds.title']).where(organisationKeyOf('ds'), '=', iri).where('ds.withdrawn_at', 'is', null).execute(),
    getDatasetScores(db, iri),
  ])
  const byDataset = new Map(datasetScores.map(({ title: _title, ...rollup }) => [rollup.key, rollup]))
  return datasets
    .map((d) => ({ iri: d.iri, title: pickLang(d.title, lang) || d.iri, scores: byDataset.get(d.iri) ?? null }))
    .sort((a, b) => (a.scores?.total ?? 101) - (b.scores?.total ?? 101) || a.title.localeCompare(b.title, lang))
}
