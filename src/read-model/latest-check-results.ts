import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import type { CheckResultTable } from '../db/tables/content.js'
import type { FindingLocation, MessageParams, Severity } from '../domain/finding.js'

/**
 * A finding as a reader gets it: its code, severity, params and location. A finding stored
 * before findings became codes carries its words (`message`, `hint`) instead of params;
 * `describeFinding(f, lang)` (src/i18n/catalogue.ts) makes the words from either.
 */
export interface FindingView {
  code: string
  severity: Severity
  params?: MessageParams
  location?: FindingLocation
  message?: string
  hint?: string
}

/** The latest result of one check on one target (a file, or the dataset itself). */
export interface CheckResultView {
  checkId: string
  dimension: CheckResultTable['dimension']
  status: CheckResultTable['status']
  at: Date
  findings: FindingView[]
}

/** A check result of a dataset with the file it is about (null for dataset-level checks). */
export type TargetedCheckResult = CheckResultView & { distributionIri: string | null }

interface Row {
  distribution_iri: string | null
  check_id: string
  dimension: CheckResultTable['dimension']
  status: CheckResultTable['status']
  findings: FindingView[] | string
  at: Date | string
}

/**
 * The newest result of each check on each target of one dataset (its files and the dataset
 * itself), by check id. One index range of check_results (dataset_iri, check_id, at).
 */
export async function getLatestCheckResults(db: Db, datasetIri: string): Promise<TargetedCheckResult[]> {
  const { rows } = await sql<Row>`
    select distinct on (coalesce(distribution_iri, ''), check_id) distribution_iri, check_id, dimension, status, findings, at
    from check_results
    where dataset_iri = ${datasetIri}
    order by coalesce(distribution_iri, ''), check_id, at desc, id desc`.execute(db)
  return rows.map((r) => ({
    distributionIri: r.distribution_iri,
    checkId: r.check_id,
    dimension: r.dimension,
    status: r.status,
    at: r.at instanceof Date ? r.at : new Date(r.at),
    findings: (typeof r.findings === 'string' ? (JSON.parse(r.findings) as FindingView[]) : r.findings).map(findingView),
  }))
}

/** Keeps what a reader needs of a stored finding, and nothing a newer writer may add. */
export function findingView(f: FindingView): FindingView {
  const out: FindingView = { code: f.code, severity: f.severity }
  if (f.params !== undefined) out.params = f.params
  if (f.location !== undefined) out.location = f.location
  if (f.message !== undefined) out.message = f.message
  if (f.hint !== undefined) out.hint = f.hint
  return out
}
