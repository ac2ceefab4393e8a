import type { NewCheckResult } from '../db/content-store.js'
import type { StoredFinding } from '../db/tables/content.js'
import type { RanCheck } from './run-checks.js'

/** Where a batch of check results belongs: the run, the dataset, the distribution (null for a dataset-level check), the time. */
export interface ResultPlace {
  runId: number | null
  datasetIri: string
  distributionIri: string | null
  at: Date
}

/** The rows that store what the checks of one target found. */
export function resultRows(ran: readonly RanCheck[], place: ResultPlace): NewCheckResult[] {
  return ran.map(({ check, result }) => ({
    ...place,
    checkId: check.id,
    dimension: check.dimension,
    status: result.status,
    findings: result.findings as StoredFinding[],
    metrics: result.metrics,
    facts: result.facts,
  }))
}
