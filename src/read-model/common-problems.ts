import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import type { StoredScoreReason } from '../db/tables/content.js'
import { SCORING_VERSION } from '../scoring/scoring-version.js'

/** One cause of problems across the whole region: how many files and organisations have it. */
export interface CommonProblem {
  code: string
  checkId: string
  dimension: StoredScoreReason['dimension']
  /** The worst severity among them. */
  severity: StoredScoreReason['severity']
  files: number
  organisations: number
  /** Total-score points gained if every one is fixed (summed over the files). */
  totalPointsToGain: number
  /** One of its reasons, for its words (`describeFinding(sample, lang)`). */
  sample: StoredScoreReason
}

interface Row {
  code: string
  check_id: string
  dimension: StoredScoreReason['dimension']
  severity_rank: number | string
  files: number | string
  organisations: number | string
  gain: number | string | null
  sample: StoredScoreReason | string
}

const SEVERITY = ['error', 'warning', 'info'] as const

/**
 * The most common problems across the region: the reasons of every live file's current score
 * (the same reasons getProblems lists per organisation) grouped by check and code, the most
 * files first, then the most points to gain. At most `limit` causes.
 */
export async function getCommonProblems(db: Db, limit = 10): Promise<CommonProblem[]> {
  const { rows } = await sql<Row>`
    select r->>'code' as code, r->>'checkId' as check_id, r->>'dimension' as dimension,
      min(case r->>'severity' when 'error' then 0 when 'warning' then 1 else 2 end) as severity_rank,
      count(distinct s.distribution_iri) as files, count(distinct s.organisation_iri) as organisations,
      sum((r->>'totalPointsToGain')::float8) as gain, (array_agg(r))[1] as sample
    from scores s
    join distributions d on d.iri = s.distribution_iri
    cross join lateral jsonb_array_elements(s.reasons) r
    where s.scoring_version = ${SCORING_VERSION} and d.withdrawn_at is null
    group by 1, 2, 3
    order by files desc, gain desc nulls last, code
    limit ${limit}`.execute(db)
  return rows.map((r) => ({
    code: r.code,
    checkId: r.check_id,
    dimension: r.dimension,
    severity: SEVERITY[Number(r.severity_rank)] ?? 'info',
    files: Number(r.files),
    organisations: Number(r.organisations),
    totalPointsToGain: Math.round(Number(r.gain ?? 0) * 10) / 10,
    sample: typeof r.sample === 'string' ? (JSON.parse(r.sample) as StoredScoreReason) : r.sample,
  }))
}
