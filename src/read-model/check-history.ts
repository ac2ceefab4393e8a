import type { Db } from '../db/database.js'
import type { CheckResultView, FindingView } from './latest-check-results.js'
import { findingView } from './latest-check-results.js'

/**
 * Every content check result of one file since `since`, newest first (at most `limit`):
 * what its page shows as the checks' history. One index range of check_results
 * (distribution_iri, at).
 */
export async function getCheckHistory(db: Db, distributionIri: string, since: Date, limit = 200): Promise<CheckResultView[]> {
  const rows = await db
    .selectFrom('check_results')
    .select(['check_id', 'dimension', 'status', 'findings', 'at'])
    .where('distribution_iri', '=', distributionIri)
    .where('at', '>=', since)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({
    checkId: r.check_id,
    dimension: r.dimension,
    status: r.status,
    at: new Date(r.at),
    findings: (typeof r.findings === 'string' ? (JSON.parse(r.findings) as FindingView[]) : (r.findings as FindingView[])).map(findingView),
  }))
}
