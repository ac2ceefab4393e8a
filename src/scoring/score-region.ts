import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { latestCheckResultsAsOf } from '../db/content-store.js'
import type { StoredFinding } from '../db/tables/content.js'
import type { ProbeSummary } from '../../checks/types.js'
import { MQA_INDICATORS, MQA_MAX } from '../../checks/vocabularies/mqa-points.js'
import { REACHABILITY_FINDINGS } from '../../checks/metadata/dataset-parts.js'
import { aggregateScores } from './aggregate-scores.js'
import { availabilityResult } from './availability-result.js'
import { probeSummariesAsOf } from './probe-summaries-as-of.js'
import { scoreDistribution, type DimensionScores, type DistributionScore, type ScoringResult } from './score-distribution.js'

/** Organisation key of datasets that name neither an organisation nor a publisher. */
export const UNKNOWN_ORGANISATION = 'urn:datavakt:unknown-organisation'
/** Default key of the region rollup (everything the instance watches). */
export const DEFAULT_REGION = 'region'

/** A scored whole with its key, parent and counts. */
export interface ScoredNode<S extends DimensionScores = DimensionScores> {
  key: string
  parent: string | null
  score: S
  counts: Record<string, number>
}

/** Every level scored at one moment. */
export interface RegionScoring {
  asOf: Date
  regionId: string
  distributions: ScoredNode<DistributionScore>[]
  datasets: ScoredNode[]
  organisations: ScoredNode[]
  region: ScoredNode
}

const MQA_POINTS = new Map(MQA_INDICATORS.map((i) => [i.id, i.points]))

/**
 * Maps stored findings to scoring findings (code, severity, params). The metadata check's
 * MQA findings (`mqa-<indicator>`) cost what MQA says they cost: the indicator's lost
 * points out of MQA's 405, read from the result's `mqa.indicator.<id>` metric. So the
 * metadata dimension follows the MQA score, and fixing an indicator gains what MQA would
 * give for it. The findings that say a URL does not answer (MQA's two reachability
 * indicators, HVD's bulk download and endpoint: REACHABILITY_FINDINGS) cost nothing here:
 * availability charges an unreachable file.
 */
function toScoringFindings(findings: StoredFinding[], metrics: Record<string, number>): ScoringResult['findings'] {
  return findings.map((f) => {
    const out: ScoringResult['findings'][number] = { code: f.code, severity: f.severity }
    if (f.params !== undefined) out.params = f.params
    else if (f.message !== undefined) Object.assign(out, f.hint === undefined ? { message: f.message } : { message: f.message, hint: f.hint })
    const id = f.code.startsWith('mqa-') ? f.code.slice(4) : null
    const max = id ? MQA_POINTS.get(id) : undefined
    const got = id ? metrics?.[`mqa.indicator.${id}`] : undefined
    if (REACHABILITY_FINDINGS.has(f.code)) out.weight = 0
    else if (max !== undefined && typeof got === 'number' && got < max) out.weight = (max - got) / MQA_MAX
    return out
  })
}

/** Appends `value` to the list under `key`. */
function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** The datasets and distributions alive at `asOf` (not withdrawn by then). */
async function liveTargets(db: Db, asOf: Date) {
  const iso = asOf.toISOString()
  const alive = (col: 'd.withdrawn_at' | 'ds.withdrawn_at') => sql<boolean>`(${sql.ref(col)} is null or ${sql.ref(col)} > ${iso}::timestamptz)`
  const datasets = await db
    .selectFrom('datasets as ds')
    .select(['ds.iri', 'ds.organisation_iri', 'ds.publisher_iri'])
    .where(alive('ds.withdrawn_at'))
    .orderBy('ds.iri')
    .execute()
  const distributions = await db
    .selectFrom('distributions as d')
    .innerJoin('datasets as ds', 'ds.iri', 'd.dataset_iri')
    .select(['d.iri', 'd.dataset_iri'])
    .where(alive('d.withdrawn_at'))
    .where(alive('ds.withdrawn_at'))
    .orderBy('d.iri')
    .execute()
  return { datasets, distributions }
}

/** The latest stored result of each check at `asOf`, by distribution and (dataset-level ones) by dataset. */
async function resultsAsOf(db: Db, asOf: Date) {
  const byDist = new Map<string, ScoringResult[]>()
  const byDataset = new Map<string, ScoringResult[]>()
  for (const r of await latestCheckResultsAsOf(db, asOf)) {
    const sr: ScoringResult = { checkId: r.check_id, dimension: r.dimension, status: r.status, findings: toScoringFindings(r.findings, r.metrics) }
    if (r.distribution_iri === null) push(byDataset, r.dataset_iri, sr)
    else push(byDist, r.distribution_iri, sr)
  }
  return { byDist, byDataset }
}

/** Scores one distribution from its own results, its dataset's, and its availability verdict. */
function scoreOne(d: { iri: string; dataset_iri: string }, own: ScoringResult[], ofDataset: ScoringResult[], probe: ProbeSummary | undefined): ScoredNode<DistributionScore> {
  // Availability is the verdict of the probes up to asOf, judged now: a stored
  // 'availability' check result may be older than the latest probe. A distribution with
  // no probe up to asOf has no verdict, so its availability is unknown (null), never 0.
  const results = own.filter((r) => r.dimension !== 'availability')
  if (probe) results.push(availabilityResult(probe))
  const score = scoreDistribution([...results, ...ofDataset])
  const countOf = (severity: string) => score.reasons.filter((r) => r.severity === severity).reduce((a, r) => a + r.count, 0)
  return {
    key: d.iri,
    parent: d.dataset_iri,
    score,
    counts: { errors: countOf('error'), warnings: countOf('warning'), broken: score.availability === 0 ? 1 : 0 },
  }
}

/** A dataset's node: the mean of its distributions, or its dataset-level results alone when it has none. */
function scoreDataset(ds: { iri: string; organisation_iri: string | null; publisher_iri: string | null }, parts: ScoredNode<DistributionScore>[], ofDataset: ScoringResult[]): ScoredNode {
  const score = parts.length > 0 ? aggregateScores(parts.map((p) => p.score)) : stripReasons(scoreDistribution(ofDataset))
  return {
    key: ds.iri,
    parent: ds.organisation_iri ?? ds.publisher_iri ?? UNKNOWN_ORGANISATION,
    score,
    counts: {
      distributions: parts.length,
      scoredDistributions: parts.filter((p) => p.score.total !== null).length,
      brokenDistributions: parts.filter((p) => p.counts.broken === 1).length,
    },
  }
}

/** The organisations' nodes (in key order) and the region's, from the datasets' nodes. */
function scoreWholes(datasetNodes: ScoredNode[], distributions: number, regionId: string): { organisations: ScoredNode[]; region: ScoredNode } {
  const datasetsOfOrg = new Map<string, ScoredNode[]>()
  for (const node of datasetNodes) push(datasetsOfOrg, node.parent as string, node)
  const organisations: ScoredNode[] = [...datasetsOfOrg.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([org, parts]) => ({
      key: org,
      parent: regionId,
      score: aggregateScores(parts.map((p) => p.score)),
      counts: { datasets: parts.length, distributions: sum(parts, 'distributions'), brokenDistributions: sum(parts, 'brokenDistributions') },
    }))
  const region: ScoredNode = {
    key: regionId,
    parent: null,
    score: aggregateScores(organisations.map((o) => o.score)),
    counts: { organisations: organisations.length, datasets: datasetNodes.length, distributions, brokenDistributions: sum(organisations, 'brokenDistributions') },
  }
  return { organisations, region }
}

/**
 * Scores every distribution, dataset and organisation, and the region, as the stored
 * results stood at `asOf`: the latest result of each check at or before that moment, and
 * the availability verdict of the probes up to then. Distributions and datasets withdrawn
 * by then are left out. Reads only; writes nothing.
 */
export async function scoreRegion(db: Db, opts: { asOf: Date; regionId?: string }): Promise<RegionScoring> {
  const { asOf } = opts
  const regionId = opts.regionId ?? DEFAULT_REGION
  const { datasets, distributions } = await liveTargets(db, asOf)
  const { byDist, byDataset } = await resultsAsOf(db, asOf)
  const probes = await probeSummariesAsOf(db, asOf)
  const distNodes: ScoredNode<DistributionScore>[] = []
  const distsOfDataset = new Map<string, ScoredNode<DistributionScore>[]>()
  for (const d of distributions) {
    const node = scoreOne(d, byDist.get(d.iri) ?? [], byDataset.get(d.dataset_iri) ?? [], probes.get(d.iri))
    distNodes.push(node)
    push(distsOfDataset, d.dataset_iri, node)
  }
  const datasetNodes = datasets.map((ds) => scoreDataset(ds, distsOfDataset.get(ds.iri) ?? [], byDataset.get(ds.iri) ?? []))
  const { organisations, region } = scoreWholes(datasetNodes, distNodes.length, regionId)
  return { asOf, regionId, distributions: distNodes, datasets: datasetNodes, organisations, region }
}

function sum(nodes: ScoredNode[], field: string): number {
  return nodes.reduce((a, n) => a + (n.counts[field] ?? 0), 0)
}

function stripReasons(s: DistributionScore): DimensionScores {
  const { reasons: _reasons, ...rest } = s
  return rest
}
