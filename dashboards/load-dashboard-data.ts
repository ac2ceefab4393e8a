import type { Db } from '../src/db/database.js'
import type { RollupRow } from '../src/scoring/rollup-row.js'
import type { StoredScoreReason } from '../src/db/tables/content.js'
import { getRegionScore } from '../src/scoring/get-region-score.js'
import { getOrganisationScores } from '../src/scoring/get-organisation-scores.js'
import { getDatasetScores } from '../src/scoring/get-dataset-scores.js'
import { getDistributionScoresOfDataset } from '../src/scoring/get-distribution-score.js'
import { getTrend } from '../src/scoring/get-trend.js'
import { pickLang, type Lang } from './texts.js'
import { describeFinding } from '../src/i18n/catalogue.js'

/**
 * Read-only loaders that gather what one dashboard page (or its JSON twin in the API)
 * shows. They only read; every number comes from stored rollups, scores and states.
 */

export interface OrganisationSummary {
  iri: string
  name: string
  scores: RollupRow | null
  datasets: number
  broken: number
  degraded: number
}

export interface CatalogueHealth {
  sourceId: string
  url: string
  kind: string
  status: string | null
  httpStatus: number | null
  error: string | null
  at: Date | null
  datasets: number | null
}

export interface Overview {
  region: RollupRow | null
  trend: RollupRow[]
  organisations: OrganisationSummary[]
  catalogues: CatalogueHealth[]
}

/** The region page: region score and trend, organisations worst first, catalogue health. */
export async function loadOverview(db: Db, lang: Lang, now = new Date()): Promise<Overview> {
  const [region, orgScores, orgs, counts, states, catalogues] = await Promise.all([
    getRegionScore(db),
    getOrganisationScores(db),
    db.selectFrom('organisations').select(['iri', 'name']).execute(),
    db
      .selectFrom('datasets')
      .select((eb) => [eb.fn.coalesce('organisation_iri', 'publisher_iri').as('org'), eb.fn.countAll<number>().as('n')])
      .where('withdrawn_at', 'is', null)
      .groupBy((eb) => eb.fn.coalesce('organisation_iri', 'publisher_iri'))
      .execute(),
    db
      .selectFrom('availability_state as s')
      .innerJoin('distributions as d', 'd.iri', 's.distribution_iri')
      .innerJoin('datasets as ds', 'ds.iri', 'd.dataset_iri')
      .select((eb) => [
        eb.fn.coalesce('ds.organisation_iri', 'ds.publisher_iri').as('org'),
        's.state',
        eb.fn.countAll<number>().as('n'),
      ])
      .where('d.withdrawn_at', 'is', null)
      .where('s.state', 'in', ['broken', 'degraded'])
      .groupBy((eb) => [eb.fn.coalesce('ds.organisation_iri', 'ds.publisher_iri'), 's.state'])
      .execute(),
    loadCatalogueHealth(db),
  ])
  const names = new Map(orgs.map((o) => [o.iri, pickLang(o.name, lang) || o.iri]))
  const datasetCount = new Map(counts.map((c) => [c.org as string, c.n]))
  const stateCount = new Map(states.map((s) => [`${s.org}|${s.state}`, s.n]))
  const seen = new Set<string>()
  const organisations: OrganisationSummary[] = orgScores.map((r) => {
    seen.add(r.key)
    return summary(r.key, r)
  })
  // Organisations without a rollup yet still appear, after the scored ones.
  for (const iri of datasetCount.keys()) if (iri && !seen.has(iri)) organisations.push(summary(iri, null))
  function summary(iri: string, scores: RollupRow | null): OrganisationSummary {
    return {
      iri,
      name: names.get(iri) ?? iri,
      scores,
      datasets: datasetCount.get(iri) ?? 0,
      broken: stateCount.get(`${iri}|broken`) ?? 0,
      degraded: stateCount.get(`${iri}|degraded`) ?? 0,
    }
  }
  const trend = region ? await getTrend(db, 'region', region.key, 90, now) : []
  return { region: region ?? null, trend, organisations, catalogues }
}

/** The latest harvest run of every configured catalogue source. */
export async function loadCatalogueHealth(db: Db): Promise<CatalogueHealth[]> {
  const sources = await db.selectFrom('catalogue_sources').selectAll().orderBy('id').execute()
  const out: CatalogueHealth[] = []
  for (const s of sources) {
    const run = await db
      .selectFrom('harvest_runs')
      .selectAll()
      .where('source_id', '=', s.id)
      .where('status', '!=', 'running')
      .orderBy('started_at', 'desc')
      .limit(1)
      .executeTakeFirst()
    out.push({
      sourceId: s.id,
      url: s.url,
      kind: s.kind,
      status: run?.status ?? null,
      httpStatus: run?.http_status ?? null,
      error: run?.error ?? null,
      at: run?.finished_at ?? null,
      datasets: run?.datasets ?? null,
    })
  }
  return out
}

export interface Problem extends StoredScoreReason {
  message: string
  hint?: string
  datasetIri: string
  datasetTitle: string
  distributionIri: string
  url: string | null
}

export interface OrganisationPage {
  iri: string
  name: string
  scores: RollupRow | null
  trend: RollupRow[]
  datasets: { iri: string; title: string; scores: RollupRow | null }[]
  problems: Problem[]
}

/** One organisation: its score and trend, its datasets worst first, and every problem worst first. */
export async function loadOrganisation(db: Db, iri: string, lang: Lang, now = new Date()): Promise<OrganisationPage | null> {
  const org = await db.selectFrom('organisations').select(['iri', 'name']).where('iri', '=', iri).executeTakeFirst()
  const datasets = await db
    .selectFrom('datasets')
    .select(['iri', 'title'])
    .where((eb) => eb.or([eb('organisation_iri', '=', iri), eb.and([eb('organisation_iri', 'is', null), eb('publisher_iri', '=', iri)])]))
    .where('withdrawn_at', 'is', null)
    .execute()
  if (!org && datasets.length === 0) return null
  const [orgScores, datasetScores, trend, scoreRows] = await Promise.all([
    getOrganisationScores(db),
    getDatasetScores(db, iri),
    getTrend(db, 'organisation', iri, 90, now),
    datasets.length
      ? db
          .selectFrom('scores as s')
          .innerJoin('distributions as d', 'd.iri', 's.distribution_iri')
          .select(['s.distribution_iri', 's.dataset_iri', 's.reasons', 'd.download_url', 'd.access_url'])
          .where('s.dataset_iri', 'in', datasets.map((d) => d.iri))
          .where('d.withdrawn_at', 'is', null)
          .execute()
      : Promise.resolve([]),
  ])
  const titles = new Map(datasets.map((d) => [d.iri, pickLang(d.title, lang) || d.iri]))
  const byDataset = new Map(datasetScores.map((r) => [r.key, r]))
  const problems: Problem[] = []
  for (const row of scoreRows) {
    for (const reason of row.reasons) {
      if (reason.pointsLost <= 0 && reason.severity === 'info') continue
      problems.push({
        ...reason,
        ...describeFinding(reason, lang),
        datasetIri: row.dataset_iri,
        datasetTitle: titles.get(row.dataset_iri) ?? row.dataset_iri,
        distributionIri: row.distribution_iri,
        url: row.download_url ?? row.access_url,
      })
    }
  }
  problems.sort((a, b) => b.totalPointsToGain - a.totalPointsToGain || sevRank(a.severity) - sevRank(b.severity))
  const list = datasets
    .map((d) => ({ iri: d.iri, title: titles.get(d.iri)!, scores: byDataset.get(d.iri) ?? null }))
    .sort((a, b) => (a.scores?.total ?? 101) - (b.scores?.total ?? 101) || a.title.localeCompare(b.title, 'sv'))
  return {
    iri,
    name: org ? pickLang(org.name, lang) || iri : iri,
    scores: orgScores.find((r) => r.key === iri) ?? null,
    trend,
    datasets: list,
    problems,
  }
}

function sevRank(s: string): number {
  return s === 'error' ? 0 : s === 'warning' ? 1 : 2
}

export interface DistributionView {
  iri: string
  title: string
  url: string | null
  format: string | null
  score: Awaited<ReturnType<typeof getDistributionScoresOfDataset>>[number] | null
  state: string
  lastCode: string | null
  lastProbeAt: Date | null
  findings: { checkId: string; status: string; code: string; severity: string; message: string; hint?: string }[]
}

export interface DatasetPage {
  iri: string
  title: string
  description: string
  organisationIri: string | null
  organisationName: string | null
  scores: RollupRow | null
  distributions: DistributionView[]
  metadataFindings: DistributionView['findings']
}

/** One dataset: its distributions with their scores, availability state and latest findings. */
export async function loadDataset(db: Db, iri: string, lang: Lang): Promise<DatasetPage | null> {
  const ds = await db.selectFrom('datasets').selectAll().where('iri', '=', iri).executeTakeFirst()
  if (!ds) return null
  const orgIri = ds.organisation_iri ?? ds.publisher_iri
  const [org, dists, scores, states, datasetRollups, results] = await Promise.all([
    orgIri ? db.selectFrom('organisations').select(['name']).where('iri', '=', orgIri).executeTakeFirst() : undefined,
    db.selectFrom('distributions').selectAll().where('dataset_iri', '=', iri).where('withdrawn_at', 'is', null).execute(),
    getDistributionScoresOfDataset(db, iri),
    db
      .selectFrom('availability_state as s')
      .innerJoin('distributions as d', 'd.iri', 's.distribution_iri')
      .select(['s.distribution_iri', 's.state', 's.last_code', 's.last_probe_at'])
      .where('d.dataset_iri', '=', iri)
      .execute(),
    orgIri ? getDatasetScores(db, orgIri) : Promise.resolve([]),
    latestResults(db, iri),
  ])
  const scoreOf = new Map(scores.map((s) => [s.distribution_iri, s]))
  const stateOf = new Map(states.map((s) => [s.distribution_iri, s]))
  const findingsOf = (distIri: string | null) =>
    results
      .filter((r) => r.distribution_iri === distIri)
      .flatMap((r) =>
        r.findings.length
          ? r.findings.map((f) => ({ checkId: r.check_id, status: r.status, code: f.code, severity: f.severity, ...describeFinding(f, lang) }))
          : [],
      )
  return {
    iri,
    title: pickLang(ds.title, lang) || iri,
    description: pickLang(ds.description, lang),
    organisationIri: orgIri,
    organisationName: org ? pickLang(org.name, lang) : orgIri,
    scores: datasetRollups.find((r) => r.key === iri) ?? null,
    distributions: dists.map((d) => {
      const st = stateOf.get(d.iri)
      return {
        iri: d.iri,
        title: pickLang(d.title, lang) || d.format || d.iri,
        url: d.download_url ?? d.access_url,
        format: d.format ?? d.media_type,
        score: scoreOf.get(d.iri) ?? null,
        state: st?.state ?? 'unknown',
        lastCode: st?.last_code ?? null,
        lastProbeAt: st?.last_probe_at ?? null,
        findings: findingsOf(d.iri),
      }
    }),
    metadataFindings: findingsOf(null),
  }
}

/** The newest result of each check for each target of a dataset. */
async function latestResults(db: Db, datasetIri: string) {
  const rows = await db
    .selectFrom('check_results')
    .select(['distribution_iri', 'check_id', 'status', 'findings', 'at'])
    .where('dataset_iri', '=', datasetIri)
    .orderBy('at', 'desc')
    .limit(5000) // a year of daily checks of a large dataset; the newest per check is all we show
    .execute()
  const seen = new Set<string>()
  return rows.filter((r) => {
    const k = `${r.distribution_iri ?? ''}|${r.check_id}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}
