import type { Db } from '../db/database.js'
import type { Lang } from '../i18n/lang.js'
import { getCatalogueHealth, type CatalogueHealth } from './catalogue-health.js'
import { getOrganisationLeague, type OrganisationSummary } from './organisation-league.js'
import { getRegionScore } from './region-score.js'
import type { RollupRow } from './rollup-row.js'
import { getTrend } from './trend.js'

/** What the region page (and /api/region) shows. */
export interface RegionView {
  /** The region's latest rollup; null before anything was scored. */
  region: RollupRow | null
  /** The region's daily rollups of the last 90 days up to `now`, oldest first. */
  trend: RollupRow[]
  /** Organisations worst first (see getOrganisationLeague). */
  organisations: OrganisationSummary[]
  /** Every configured catalogue source and its latest harvest. */
  catalogues: CatalogueHealth[]
}

/** The region: its score and trend, its organisations worst first, and catalogue health. Only reads. */
export async function readRegion(db: Db, lang: Lang, now: Date = new Date()): Promise<RegionView> {
  const [region, organisations, catalogues] = await Promise.all([getRegionScore(db), getOrganisationLeague(db, lang), getCatalogueHealth(db)])
  const trend = region ? await getTrend(db, 'region', region.key, 90, now) : []
  return { region: region ?? null, trend, organisations, catalogues }
}
