import type { Db } from '../db/database.js'
import { pickLang } from '../domain/lang-text.js'
import type { Lang } from '../i18n/lang.js'
import { getCatalogueHealth, type CatalogueHealth } from './catalogue-health.js'
import { getHvdObligations, type HvdReport } from './hvd-obligations.js'
import { isUnknownOrganisation, organisationKeyOf } from './organisation-key.js'
import { getOrganisationDatasets, type DatasetSummary } from './organisation-datasets.js'
import { withFirstSeen } from './problem-since.js'
import { getProblems, type Problem } from './problems.js'
import { getLatestRollup, type RollupRow } from './rollup-row.js'
import { getSourceOrganisations, type SourceOrganisation } from './source-organisations.js'
import { getTrend } from './trend.js'

export type { DatasetSummary }

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
  /** Every problem of its files, worst first (the one problems read), each with when it was first seen. */
  problems: Problem[]
  /** The health of the catalogues its live datasets come from. */
  catalogues: CatalogueHealth[]
  /** The organisations each of those catalogues publishes for, by source id. */
  sourceOrganisations: Record<string, SourceOrganisation[]>
  /** Its high-value datasets and their obligations (the one HVD read). */
  hvd: HvdReport
}

/**
 * One organisation: its score and trend, its datasets worst first, every problem of its
 * files worst first (with since when) and the health of its catalogues. Null when the IRI
 * names neither a harvested organisation nor the organisation of any live dataset. Only
 * reads.
 */
export async function readOrganisation(db: Db, iri: string, lang: Lang, now: Date = new Date()): Promise<OrganisationView | null> {
  const [org, list, sourceRows] = await Promise.all([
    db.selectFrom('organisations').select(['iri', 'name']).where('iri', '=', iri).executeTakeFirst(),
    getOrganisationDatasets(db, iri, lang),
    db
      .selectFrom('datasets as ds')
      .select('ds.source_id')
      .distinct()
      .where(organisationKeyOf('ds'), '=', iri)
      .where('ds.withdrawn_at', 'is', null)
      .execute(),
  ])
  if (!org && list.length === 0) return null
  const sources = new Set(sourceRows.map((d) => d.source_id))
  const [own, trend, problems, catalogues, sourceOrgs, hvd] = await Promise.all([
    getLatestRollup(db, 'organisation', iri),
    getTrend(db, 'organisation', iri, 90, now),
    getProblems(db, { organisationIri: iri, lang }).then((list) => withFirstSeen(db, list, now)),
    getCatalogueHealth(db, lang),
    getSourceOrganisations(db, lang, [...sources]),
    getHvdObligations(db, iri, lang, now),
  ])
  return {
    iri,
    name: isUnknownOrganisation(iri) ? null : (org && pickLang(org.name, lang)) || iri,
    scores: own ?? null,
    trend,
    datasets: list,
    problems,
    catalogues: catalogues.filter((c) => sources.has(c.sourceId)),
    sourceOrganisations: Object.fromEntries(sourceOrgs),
    hvd,
  }
}
