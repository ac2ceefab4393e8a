import type { Db } from '../db/database.js'
import { pickLang } from '../domain/lang-text.js'
import type { Lang } from '../i18n/lang.js'
import { getDistributionScoresOfDataset, type DistributionScoreRow } from './distribution-scores.js'
import { getLatestCheckResults, type CheckResultView, type TargetedCheckResult } from './latest-check-results.js'
import { UNKNOWN_ORGANISATION } from '../scoring/score-region.js'
import { isUnknownOrganisation } from './organisation-key.js'
import { getLatestRollup, type RollupRow } from './rollup-row.js'
import { getTrend } from './trend.js'
import { probedUrl } from '../domain/probed-url.js'

/** A file's current scores per dimension and in total (null = unknown); its reasons are in the problems read. */
export type FileScores = Pick<DistributionScoreRow, 'availability' | 'freshness' | 'format' | 'conformance' | 'metadata' | 'total' | 'at'>

/** One live file of a dataset as its page shows it. */
export interface DistributionView {
  iri: string
  /** Its title in the reader's language, else its format, else its IRI. */
  title: string
  url: string | null
  format: string | null
  score: FileScores | null
  /** Availability state: ok, degraded, broken or unknown (never probed). */
  state: string
  /** The probe code behind the state (a finding code: `describeFinding({ code })` says it). */
  lastCode: string | null
  lastProbeAt: Date | null
  /** The latest result of each check on this file. */
  results: CheckResultView[]
}

/** What a dataset's page (and /api/dataset) shows. */
export interface DatasetView {
  iri: string
  title: string
  description: string
  /** The organisation it counts under (scoring's UNKNOWN_ORGANISATION when it names none). */
  organisationIri: string
  /** The organisation's name in the reader's language, else its IRI; null when the dataset names none. */
  organisationName: string | null
  scores: RollupRow | null
  distributions: DistributionView[]
  /** The latest result of each dataset-level check (metadata). */
  datasetResults: CheckResultView[]
}

/** A file's scores as readers get them (no reasons); null when it has none. */
export function scoresOf(s: DistributionScoreRow | undefined): FileScores | null {
  if (!s) return null
  const { availability, freshness, format, conformance, metadata, total, at } = s
  return { availability, freshness, format, conformance, metadata, total, at }
}

const withoutTarget = ({ distributionIri: _d, ...r }: TargetedCheckResult): CheckResultView => r

/** One dataset: its live files with their scores, availability state and latest check results. Null when not harvested. Only reads. */
export async function readDataset(db: Db, iri: string, lang: Lang): Promise<DatasetView | null> {
  const ds = await db.selectFrom('datasets').selectAll().where('iri', '=', iri).executeTakeFirst()
  if (!ds) return null
  const orgIri = ds.organisation_iri ?? ds.publisher_iri ?? UNKNOWN_ORGANISATION
  const [org, dists, scores, states, rollup, results] = await Promise.all([
    db.selectFrom('organisations').select(['name']).where('iri', '=', orgIri).executeTakeFirst(),
    db.selectFrom('distributions').selectAll().where('dataset_iri', '=', iri).where('withdrawn_at', 'is', null).orderBy('iri').execute(),
    getDistributionScoresOfDataset(db, iri),
    db
      .selectFrom('availability_state as s')
      .innerJoin('distributions as d', 'd.iri', 's.distribution_iri')
      .select(['s.distribution_iri', 's.state', 's.last_code', 's.last_probe_at'])
      .where('d.dataset_iri', '=', iri)
      .execute(),
    getLatestRollup(db, 'dataset', iri),
    getLatestCheckResults(db, iri),
  ])
  const scoreOf = new Map(scores.map((s) => [s.distribution_iri, s]))
  const stateOf = new Map(states.map((s) => [s.distribution_iri, s]))
  const resultsOf = (distIri: string | null) => results.filter((r) => r.distributionIri === distIri).map(withoutTarget)
  return {
    iri,
    title: pickLang(ds.title, lang) || iri,
    description: pickLang(ds.description, lang),
    organisationIri: orgIri,
    organisationName: isUnknownOrganisation(orgIri) ? null : (org && pickLang(org.name, lang)) || orgIri,
    scores: rollup ?? null,
    distributions: dists.map((d) => {
      const st = stateOf.get(d.iri)
      return {
        iri: d.iri,
        title: pickLang(d.title, lang) || d.format || d.iri,
        url: probedUrl(d.download_url, d.access_url),
        format: d.format ?? d.media_type,
        score: scoresOf(scoreOf.get(d.iri)),
        state: st?.state ?? 'unknown',
        lastCode: st?.last_code ?? null,
        lastProbeAt: st?.last_probe_at ?? null,
        results: resultsOf(d.iri),
      }
    }),
    datasetResults: resultsOf(null),
  }
}

/** A dataset's page: the dataset as the API gives it, and its total's trend over the last 90 days. */
export interface DatasetPageView extends DatasetView {
  trend: RollupRow[]
}

/** The dataset page's read model (readDataset plus the trend); null when not harvested. Only reads. */
export async function readDatasetPage(db: Db, iri: string, lang: Lang, now: Date = new Date()): Promise<DatasetPageView | null> {
  const [dataset, trend] = await Promise.all([readDataset(db, iri, lang), getTrend(db, 'dataset', iri, 90, now)])
  return dataset && { ...dataset, trend }
}
