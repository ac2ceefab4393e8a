import type { Db } from '../db/database.js'
import { pickLang } from '../domain/lang-text.js'
import type { Lang } from '../i18n/lang.js'
import { getDatasetScores } from './dataset-scores.js'
import { isUnknownOrganisation, organisationKeyOf } from './organisation-key.js'
import { getProblems, type Problem } from './problems.js'
import { getLatestRollup, type RollupRow } from './rollup-row.js'
import { getTrend } from './trend.js'

/** One of an organisation's datasets with its latest rollup. */
export interface DatasetSummary {
  iri: string
  /** Its title in the reader's language; its IRI when it has none. */
  title: string
  scores: RollupRow | null
}

/** What an organisation's page (and /api/organisation) shows. */
export interface OrganisationView {
  iri: string
  /** Its name in the reader's language; its IRI when it has none; null for the datasets that name no organisation. */
  name: string | null
  scores: RollupRow | null
  /** Its daily rollups of the last 90 days up to `now`, oldest first. */
  trend: RollupRow[]
  /** Its live datasets, worst total first (unscored last), then by title. */
  datasets: DatasetSummary[]
  /** Every problem of its files, worst first (the one problems read). */
  problems: Problem[]
}

/**
 * One organisation: its score and trend, its datasets worst first and every problem of
 * its files worst first. Null when the IRI names neither a harvested organisation nor the
 * organisation of any live dataset. Only reads.
 */
export async function readOrganisation(db: Db, iri: string, lang: Lang, now: Date = new Date()): Promise<OrganisationView | null> {
  const [org, datasets] = await Promise.all([
    db.selectFrom('organisations').select(['iri', 'name']).where('iri', '=', iri).executeTakeFirst(),
    db
      .selectFrom('datasets as ds')
      .select(['ds.iri', 'ds.title'])
      .where(organisationKeyOf('ds'), '=', iri)
      .where('ds.withdrawn_at', 'is', null)
      .execute(),
  ])
  if (!org && datasets.length === 0) return null
  const [own, datasetScores, trend, problems] = await Promise.all([
    getLatestRollup(db, 'organisation', iri),
    getDatasetScores(db, iri),
    getTrend(db, 'organisation', iri, 90, now),
    getProblems(db, { organisationIri: iri, lang }),
  ])
  const byDataset = new Map(datasetScores.map(({ title: _title, ...rollup }) => [rollup.key, rollup]))
  const list = datasets
    .map((d) => ({ iri: d.iri, title: pickLang(d.title, lang) || d.iri, scores: byDataset.get(d.iri) ?? null }))
    .sort((a, b) => (a.scores?.total ?? 101) - (b.scores?.total ?? 101) || a.title.localeCompare(b.title, lang))
  return {
    iri,
    name: isUnknownOrganisation(iri) ? null : (org && pickLang(org.name, lang)) || iri,
    scores: own ?? null,
    trend,
    datasets: list,
    problems,
  }
}
