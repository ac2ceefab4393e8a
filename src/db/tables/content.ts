import type { ColumnType, Generated } from 'kysely'
import type { Dimension } from '../../domain/dimension.js'
import type { CheckStatus, Finding, MessageParams, Severity } from '../../domain/finding.js'
import type { Json, Timestamp } from './core.js'

/**
 * Tables of the content-check and scoring part (check results, scores, rollups).
 * Created by migrations/0003-content.ts.
 */

/**
 * A stored finding: the domain's `Finding` (code, severity, params, location). Rows stored
 * before the message catalogue carry their words instead of params: `message` and `hint`
 * are read back for those only (src/i18n/catalogue.ts `describeFinding` shows them).
 */
export interface StoredFinding extends Finding {
  /** @deprecated words of a finding stored before the catalogue; new rows never have them. */
  message?: string
  /** @deprecated as `message`. */
  hint?: string
}

/** One run of a job that stores check results (e.g. the content sweep). */
export interface CheckRunTable {
  id: Generated<number>
  /** 'content', ... */
  kind: string
  started_at: Generated<Date>
  finished_at: Timestamp | null
  /** 'interrupted': left 'running' by a process that is gone (migration 0017-check-run-owners). */
  status: 'running' | 'ok' | 'failed' | 'interrupted'
  error: string | null
  /** Host, process id and start of the process running it (src/db/run-owner.ts); null before migration 0017-check-run-owners. */
  owner: string | null
  summary: ColumnType<Record<string, number>, string | undefined, string>
}

/** One result of one check on one target. Append-only; independent of scoring. */
export interface CheckResultTable {
  id: Generated<number>
  run_id: number | null
  /** Null for dataset-level checks (metadata). */
  distribution_iri: string | null
  dataset_iri: string
  check_id: string
  dimension: Dimension
  status: CheckStatus
  findings: ColumnType<StoredFinding[], string | undefined, string>
  metrics: ColumnType<Record<string, number>, string | undefined, string>
  facts: ColumnType<Record<string, string | number | boolean | null>, string | undefined, string>
  at: ColumnType<Date, Date | string | undefined, Date | string>
}

/** What one full download (or 304) of a distribution saw. */
export interface ContentObservationTable {
  id: Generated<number>
  run_id: number | null
  distribution_iri: string
  at: ColumnType<Date, Date | string | undefined, Date | string>
  url: string
  final_url: string | null
  http_status: number | null
  content_type: string | null
  etag: string | null
  last_modified: string | null
  sha256: string | null
  bytes: number | null
  truncated_at_cap: ColumnType<boolean, boolean | undefined, boolean>
  not_modified: ColumnType<boolean, boolean | undefined, boolean>
  error_code: string | null
  inputs_hash: string | null
}

/**
 * One reason a score lost points (see src/scoring/score-distribution.ts): a finding code of
 * one check with how often it was found and what it costs. Words are not stored: the
 * reason is shown as its code and params through the catalogue (`describeFinding`), except
 * for a finding stored before the catalogue, whose words come along (`message`, `hint`).
 */
export interface StoredScoreReason {
  dimension: Dimension
  checkId: string
  /** The finding code, or `check-failed` / `check-warned` for a verdict without a finding that explains it. */
  code: string
  severity: Severity
  /** How many findings of this code. */
  count: number
  /** The params of the worst finding of this code (the one the reason is shown as). */
  params?: MessageParams
  /**
   * @deprecated The stored words of that finding when it was stored before the catalogue
   * (it has no params): kept so it is not shown as a bare code. Never set otherwise.
   */
  message?: string
  /** @deprecated as `message`. */
  hint?: string
  /** Points this reason costs in its dimension (they sum to 100 − dimension score). */
  pointsLost: number
  /** Dimension points gained by fixing this reason alone. */
  pointsToGain: number
  /** Total-score points gained by fixing this reason alone. */
  totalPointsToGain: number
}

/** The five dimensions' scores and their total (0–100; null where not scored): a score's and a rollup's columns. */
export interface DimensionScoreColumns {
  availability: number | null
  freshness: number | null
  format: number | null
  conformance: number | null
  metadata: number | null
  total: number | null
}

/** The current score of a distribution under one scoring version. */
export interface ScoreTable extends DimensionScoreColumns {
  distribution_iri: string
  scoring_version: string
  dataset_iri: string
  organisation_iri: string | null
  reasons: Json<StoredScoreReason[]>
  at: Timestamp
}

/** A day's score of a distribution, dataset, organisation or the region. */
export interface ScoreRollupTable extends DimensionScoreColumns {
  level: 'distribution' | 'dataset' | 'organisation' | 'region'
  /** IRI, or the region id for level 'region'. */
  key: string
  /** YYYY-MM-DD (UTC). */
  day: string
  scoring_version: string
  /** distribution → dataset IRI, dataset → organisation IRI, organisation → region id. */
  parent: string | null
  counts: Json<Record<string, number>>
  computed_at: Timestamp
}

/** The content part's tables, merged into `Database` (src/db/database.ts). */
export interface ContentTables {
  check_runs: CheckRunTable
  check_results: CheckResultTable
  content_observations: ContentObservationTable
  scores: ScoreTable
  score_rollups: ScoreRollupTable
}
