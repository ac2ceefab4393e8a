import type { ColumnType, Generated } from 'kysely'
import type { Timestamp } from './core.js'
import type { StoredFinding } from './content.js'

/** A stored probe finding: code + params; old rows may lack severity and carry words. */
export type StoredProbeFinding = Omit<StoredFinding, 'severity'> & Partial<Pick<StoredFinding, 'severity'>>
import type { AvailabilityStateName } from '../../domain/availability-state.js'

/**
 * Tables of the availability part (sweeps, the host queue, probes, state over time).
 * Owned by the availability work; created by migrations/0002-availability.ts.
 */

/** One availability sweep: every distribution, or those due, grouped by host into the queue. */
export interface SweepTable {
  id: Generated<number>
  kind: Generated<string>
  status: 'running' | 'done' | 'cancelled'
  trigger: string
  created_at: Generated<Date>
  finished_at: Timestamp | null
  hosts: Generated<number>
  urls: Generated<number>
  /** Only distributions due by then were queued (their next_check_at); null: every distribution (migration 0013-next-check). */
  due_before: Timestamp | null
}

/** The work queue: one row per (sweep, host), claimed with a lease. */
export interface SweepHostTable {
  sweep_id: number
  host: string
  status: 'pending' | 'leased' | 'done'
  urls: Generated<number>
  leased_by: string | null
  lease_until: Timestamp | null
  attempts: Generated<number>
  not_before: Timestamp | null
  started_at: Timestamp | null
  finished_at: Timestamp | null
}

/** One stored probe (append-only). Unique per (sweep_id, distribution_iri). */
export interface ProbeTable {
  id: Generated<number>
  sweep_id: number | null
  distribution_iri: string
  url: string
  host: string
  at: Timestamp
  outcome: 'ok' | 'failing' | 'unverified'
  code: string
  http_status: number | null
  final_url: string | null
  redirect_count: Generated<number>
  redirect_chain: ColumnType<{ url: string; status: number }[], string | undefined, string>
  elapsed_ms: number
  content_type: string | null
  content_length: number | null
  etag: string | null
  last_modified: string | null
  tls_valid_to: Timestamp | null
  tls_days_left: number | null
  bytes_read: Generated<number>
  retry_after_seconds: number | null
  /**
   * The probe's findings as codes with params (words come from the catalogue when shown).
   * Probes stored before the catalogue have `{ code, message }` instead; they are read as
   * they are (`StoredFinding.message`), never rewritten.
   */
  findings: ColumnType<StoredProbeFinding[], string | undefined, string>
  worker_id: string | null
  state_before: AvailabilityStateName | null
  state_after: AvailabilityStateName | null
}

/** The availability state of one distribution, updated with every probe that counts. */
export interface AvailabilityStateTable {
  distribution_iri: string
  state: AvailabilityStateName
  consecutive_failures: number
  first_failure_at: Timestamp | null
  last_ok_at: Timestamp | null
  last_probe_at: Timestamp | null
  last_outcome: 'ok' | 'failing' | 'unverified' | null
  last_code: string | null
  last_http_status: number | null
  last_etag: string | null
  last_modified: string | null
  state_since: Timestamp | null
  updated_at: Generated<Date>
}

/** Up to when retention's middle tier has thinned the probe history (one row). */
export interface ProbeRetentionTable {
  id: Generated<number>
  thinned_until: Timestamp
}

/** The availability part of the database schema. */
export interface AvailabilityTables {
  sweeps: SweepTable
  sweep_hosts: SweepHostTable
  probes: ProbeTable
  probe_retention: ProbeRetentionTable
  availability_state: AvailabilityStateTable
}

