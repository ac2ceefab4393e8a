import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { latestCheckResultsAsOf } from '../db/content-store.js'
import type { StoredFinding } from '../db/tables/content.js'
import { MQA_INDICATORS, MQA_MAX } from '../../checks/vocabularies/mqa-points.js'
import { aggregateScores } from './aggregate-scores.js'
import { availabilityResult, type AvailabilitySnapshot } from './availability-result.js'
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
 * Maps stored findings to scoring findings (the shapes agree; this drops locations). The
 * metadata check's MQA findings (`mqa-<indicator>`, info) cost what MQA says they cost: the
 * indicator's lost points out of MQA's 405, read from the result's `mqa.indicator.<id>`
 * metric. So the metadata dimension follows the MQA score, and fixing an indicator gains
 * what MQA would give for it.
 */
function toScoringFindings(findings: StoredFinding[], metrics: Record<string, number>): ScoringResult['findings'] {
  return findings.map((f) => {
    const out: ScoringResult['findings'][number] = { code: f.code, severity: f.severity, message: f.message, hint: f.hint }
    const id = f.code.startsWith('mqa-') ? f.code.slice(4) : null
    const max = id ? MQA_POINTS.get(id) : undefined
    const got = id ? metrics?.[`mqa.indicator.${id}`] : undefined
    if (max !== undefined && typeof got === 'number' && got < max) out.weight = (max - got) / MQA_MAX
    return out
  })
}

/**
 * The availability snapshot of every distribution at `asOf`, from the latest probe that
 * could judge its URL (unverified probes neither break nor heal, so they are passed over).
 */
async function availabilitySnapshots(db: Db, asOf: Date): Promise<Map<string, AvailabilitySnapshot>> {
  const rows = await sql<{ distribution_iri: string; outcome: string; code: string; state_after: string | null; findings: { code: string; message: string }[] }>`
    select distinct on (distribution_iri) distribution_iri, outcome, code, state_after, findings
    from probes
    where at <= ${asOf.toISOString()}::timestamptz and outcome <> 'unverified'
    order by distribution_iri, at desc, id desc`.execute(db)
  const out = new Map<string, AvailabilitySnapshot>()
  for (const r of rows.rows) {
    const state = (['ok', 'degraded', 'broken'].includes(r.state_after ?? '') ? r.state_after : r.outcome === 'ok' ? 'ok' : 'degraded') as AvailabilitySnapshot['state']
    out.set(r.distribution_iri, { state, code: r.code, findings: Array.isArray(r.findings) ? r.findings : [] })
  }
  return out
}

/**
 * Scores every distribution, dataset and organisation, and the region, as the stored
 * results stood at `asOf`: the latest result of each check at or before that moment, and
 * the availability state from the probes. Distributions and datasets withdrawn by then
 * are left out. Reads only; writes nothing.
 */
export async function scoreRegion(db: Db, opts: { asOf: Date; regionId?: string; lang?: 'sv' | 'en' }): Promise<RegionScoring> {
  const { asOf } = opts
  const regionId = opts.regionId ?? DEFAULT_REGION
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

  const results = await latestCheckResultsAsOf(db, asOf)
  const byDist = new Map<string, ScoringResult[]>()
  const byDataset = new Map<string, ScoringResult[]>()
  for (const r of results) {
    const sr: ScoringResult = { checkId: r.check_id, dimension: r.dimension, status: r.status, findings: toScoringFindings(r.findings, r.metrics) }
    const map = r.distribution_iri === null ? byDataset : byDist
    const key = r.distribution_iri ?? r.dataset_iri
    const list = map.get(key)
    if (list) list.push(sr)
    else map.set(key, [sr])
  }
  const availability = await availabilitySnapshots(db, asOf)

  const distNodes: ScoredNode<DistributionScore>[] = []
  const distsOfDataset = new Map<string, ScoredNode<DistributionScore>[]>()
  for (const d of distributions) {
    let own = byDist.get(d.iri) ?? []
    const snap = availability.get(d.iri)
    // The probes are the authority on availability; an 'availability' check result is the
    // fallback for a distribution that has never been probed.
    if (snap) own = [...own.filter((r) => r.dimension !== 'availability'), availabilityResult(snap, opts.lang)]
    const score = scoreDistribution([...own, ...(byDataset.get(d.dataset_iri) ?? [])])
    const node: ScoredNode<DistributionScore> = {
      key: d.iri,
      parent: d.dataset_iri,
      score,
      counts: {
        errors: score.reasons.filter((r) => r.severity === 'error').reduce((a, r) => a + r.count, 0),
        warnings: score.reasons.filter((r) => r.severity === 'warning').reduce((a, r) => a + r.count, 0),
        broken: score.availability === 0 ? 1 : 0,
      },
    }
    distNodes.push(node)
    const list = distsOfDataset.get(d.dataset_iri)
    if (list) list.push(node)
    else distsOfDataset.set(d.dataset_iri, [node])
  }

  const datasetNodes: ScoredNode[] = []
  const datasetsOfOrg = new Map<string, ScoredNode[]>()
  for (const ds of datasets) {
    const parts = distsOfDataset.get(ds.iri) ?? []
    // A dataset without distributions is judged on its dataset-level results alone.
    const score = parts.length > 0 ? aggregateScores(parts.map((p) => p.score)) : stripReasons(scoreDistribution(byDataset.get(ds.iri) ?? []))
    const org = ds.organisation_iri ?? ds.publisher_iri ?? UNKNOWN_ORGANISATION
    const node: ScoredNode = {
      key: ds.iri,
      parent: org,
      score,
      counts: {
        distributions: parts.length,
        scoredDistributions: parts.filter((p) => p.score.total !== null).length,
        brokenDistributions: parts.filter((p) => p.counts.broken === 1).length,
      },
    }
    datasetNodes.push(node)
    const list = datasetsOfOrg.get(org)
    if (list) list.push(node)
    else datasetsOfOrg.set(org, [node])
  }

  const orgNodes: ScoredNode[] = [...datasetsOfOrg.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([org, parts]) => ({
      key: org,
      parent: regionId,
      score: aggregateScores(parts.map((p) => p.score)),
      counts: {
        datasets: parts.length,
        distributions: sum(parts, 'distributions'),
        brokenDistributions: sum(parts, 'brokenDistributions'),
      },
    }))
  const region: ScoredNode = {
    key: regionId,
    parent: null,
    score: aggregateScores(orgNodes.map((o) => o.score)),
    counts: {
      organisations: orgNodes.length,
      datasets: datasetNodes.length,
      distributions: distNodes.length,
      brokenDistributions: sum(orgNodes, 'brokenDistributions'),
    },
  }
  return { asOf, regionId, distributions: distNodes, datasets: datasetNodes, organisations: orgNodes, region }
}

function sum(nodes: ScoredNode[], field: string): number {
  return nodes.reduce((a, n) => a + (n.counts[field] ?? 0), 0)
}

function stripReasons(s: DistributionScore): DimensionScores {
  const { reasons: _reasons, ...rest } = s
  return rest
}
