import type { Db } from '../db/database.js'
import type { Lang } from '../i18n/lang.js'
import { getCatalogueHealth, type CatalogueHealth } from './catalogue-health.js'
import { getCommonProblems, type CommonProblem } from './common-problems.js'
import { getOrganisationLeague, type OrganisationSummary } from './organisation-league.js'
import { getRegionScore } from './region-score.js'
import type { RollupRow } from './rollup-row.js'
import { getSourceOrganisations, type SourceOrganisation } from './source-organisations.js'
import { getTrend } from './trend.js'

/** What the region page (and /api/region) shows. */
export interface RegionView {
  /** The region's latest rollup; null before anything was scored. */
  region: RollupRow | null
  /** The region's daily rollups of the last `days` days (default 90) up to `now`, oldest first. */
  trend: RollupRow[]
  /** Organisations worst first (see getOrganisationLeague). */
  organisations: OrganisationSummary[]
  /** Every configured catalogue source and its latest harvest. */
  catalogues: CatalogueHealth[]
  /** The organisations each catalogue source publishes for, by source id. */
  sourceOrganisations: Record<string, SourceOrganisation[]>
  /** The most common problems across the region. */
  commonProblems: CommonProblem[]
}

/** The region: its score and trend, its organisations worst first, catalogue health and its most common problems. Only reads. */
export async function readRegion(db: Db, lang: Lang, now: Date = new Date(), days = 90): Promise<RegionView> {
  const [region, organisations, catalogues, sources, commonProblems] = await Promise.all([
    getRegionScore(db),
    getOrganisationLeague(db, lang),
    getCatalogueHealth(db, lang),
    getSourceOrganisations(db, lang),
    getCommonProblems(db),
  ])
  const trend = region ? await getTrend(db, 'region', region.key, days, now) : []
  return { region: region ?? null, trend, organisations, catalogues, sourceOrganisations: Object.fromEntries(sources), commonProblems }
}
