import { sql } from 'kysely'
import type { Db } from './database.js'
import { json } from './json.js'
import { runOwner } from './run-owner.js'
import type { CheckResultTable, ContentObservationTable, StoredFinding } from './tables/content.js'
import type { Selectable } from 'kysely'

/** A check result as read back. */
export type CheckResultRow = Selectable<CheckResultTable>
/** A content observation as read back. */
export type ContentObservationRow = Selectable<ContentObservationTable>

/** A check result to store (what a check returned, plus whom it was about). */
export interface NewCheckResult {
  runId: number | null
  distributionIri: string | null
  datasetIri: string
  checkId: string
  dimension: CheckResultTable['dimension']
  status: CheckResultTable['status']
  findings: StoredFinding[]
  metrics?: Record<string, number>
  facts?: Record<string, string | number | boolean | null>
  at: Date
}

/** A content observation to store. */
export interface NewContentObservation {
  runId: number | null
  distributionIri: string
  at: Date
  url: string
  finalUrl: string | null
  httpStatus: number | null
  contentType: string | null
  etag: string | null
  lastModified: string | null
  sha256: string | null
  bytes: number | null
  truncatedAtCap: boolean
  notModified: boolean
  errorCode: string | null
  inputsHash: string | null
}

/** Opens a check run (status 'running', owned by this process: run-owner.ts) and returns its id. */
export async function startCheckRun(db: Db, kind: string, at: Date, owner: string = runOwner()): Promise<number> {
  const row = await db
    .insertInto('check_runs')
    .values({ kind, status: 'running', started_at: at, owner })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Closes a check run with its summary (and the error, when it failed). */
export async function finishCheckRun(
  db: Db,
  id: number,
  status: 'ok' | 'failed',
  summary: Record<string, number>,
  error: string | null = null,
): Promise<void> {
  await db
    .updateTable('check_runs')
    .set({ status, summary: json(summary), error, finished_at: new Date() })
    .where('id', '=', id)
    .execute()
}

/** Appends check results (never updates: results are history). */
export async function insertCheckResults(db: Db, rows: NewCheckResult[]): Promise<void> {
  if (rows.length === 0) return
  await db
    .insertInto('check_results')
    .values(
      rows.map((r) => ({
        run_id: r.runId,
        distribution_iri: r.distributionIri,
        dataset_iri: r.datasetIri,
        check_id: r.checkId,
        dimension: r.dimension,
        status: r.status,
        findings: json(r.findings),
        metrics: json(r.metrics ?? {}),
        facts: json(r.facts ?? {}),
        at: r.at,
      })),
    )
    .execute()
}

/** Appends one content observation and returns its id. */
export async function insertContentObservation(db: Db, o: NewContentObservation): Promise<number> {
  const row = await db
    .insertInto('content_observations')
    .values({
      run_id: o.runId,
      distribution_iri: o.distributionIri,
      at: o.at,
      url: o.url,
      final_url: o.finalUrl,
      http_status: o.httpStatus,
      content_type: o.contentType,
      etag: o.etag,
      last_modified: o.lastModified,
      sha256: o.sha256,
      bytes: o.bytes,
      truncated_at_cap: o.truncatedAtCap,
      not_modified: o.notModified,
      error_code: o.errorCode,
      inputs_hash: o.inputsHash,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/**
 * The latest observation of a distribution that saw its content (a full download or a 304),
 * or undefined. Failed fetches are skipped: they say nothing about the content.
 */
export async function latestContentObservation(db: Db, distributionIri: string): Promise<ContentObservationRow | undefined> {
  return db
    .selectFrom('content_observations')
    .selectAll()
    .where('distribution_iri', '=', distributionIri)
    .where('error_code', 'is', null)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** Observations of a distribution, newest first (for freshness), at most `limit`. */
export async function contentObservationHistory(
  db: Db,
  distributionIri: string,
  limit = 60,
): Promise<ContentObservationRow[]> {
  return db
    .selectFrom('content_observations')
    .selectAll()
    .where('distribution_iri', '=', distributionIri)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

/** The check ids with any stored result for a distribution, with the latest status of each. */
export async function latestCheckStatuses(db: Db, distributionIri: string): Promise<Map<string, CheckResultRow>> {
  const rows = await sql<CheckResultRow>`
    select distinct on (check_id) * from check_results
    where distribution_iri = ${distributionIri}
    order by check_id, at desc, id desc`.execute(db)
  return new Map(rows.rows.map((r) => [r.check_id, r]))
}

/**
 * The latest result of every (target, check) at or before `asOf`: what scoring reads.
 * Dataset-level results come back with distribution_iri null.
 */
export async function latestCheckResultsAsOf(db: Db, asOf: Date): Promise<CheckResultRow[]> {
  const rows = await sql<CheckResultRow>`
    select distinct on (coalesce(distribution_iri, ''), dataset_iri, check_id) *
    from check_results
    where at <= ${asOf.toISOString()}::timestamptz
    order by coalesce(distribution_iri, ''), dataset_iri, check_id, at desc, id desc`.execute(db)
  return rows.rows
}

/** All results of one run (tests and reports). */
export async function checkResultsOfRun(db: Db, runId: number): Promise<CheckResultRow[]> {
  return db.selectFrom('check_results').selectAll().where('run_id', '=', runId).orderBy('id').execute()
}
