import { sql } from 'kysely'
import type { Db } from './database.js'
import { json } from './json.js'
import type { SourceConfig } from '../config/config.js'
import type { MessageParams } from '../domain/finding.js'
import { HARVEST_ERROR_REASONS, type HarvestFailure } from '../domain/harvest-failure.js'
import { runOwner } from './run-owner.js'
import type { HarvestWarning } from '../domain/harvest-warning.js'

/**
 * The bookkeeping around harvests: which catalogues are watched, the organisations a preset
 * knows, and the runs (opened, failed; interrupted ones: run-owner.ts). What a successful run stores is in
 * harvest-store.ts.
 */

/** The HTTP side of a run: how the catalogue answered. */
export interface RunOutcome {
  httpStatus: number | null
  bytes: number
  documents: number
  warnings: HarvestWarning[]
}

/** At most this many warnings are stored per run (the dry run shows them all). */
export const MAX_STORED_WARNINGS = 1000
/**
 * Makes catalogue_sources mirror the configured sources: inserts new ones, updates changed
 * ones. Never deletes one that left the configuration: its datasets and runs refer to it.
 */
export async function syncCatalogueSources(db: Db, sources: SourceConfig[]): Promise<void> {
  for (const s of sources) {
    await db
      .insertInto('catalogue_sources')
      .values({ id: s.id, kind: s.kind, url: s.url, organisation: s.organisation ?? null, publisher: s.publisher ?? null })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          kind: s.kind,
          url: s.url,
          organisation: s.organisation ?? null,
          publisher: s.publisher ?? null,
          updated_at: sql`now()`,
        }),
      )
      .execute()
  }
}

/**
 * Makes sure organisations a preset knows exist with their name and organisation number,
 * also those that publish nothing (they must show as invisible, not be missing). A name
 * already read from a catalogue is kept; only an empty one is filled.
 */
export async function seedOrganisations(db: Db, orgs: { iri: string; name: string; orgNumber: string }[]): Promise<void> {
  if (orgs.length === 0) return
  const rows = orgs.map((o) => ({ iri: o.iri, name: { sv: o.name }, org_number: o.orgNumber }))
  await sql`insert into organisations (iri, name, org_number)
    select iri, name, org_number from jsonb_to_recordset(${json(rows)}) as x(iri text, name jsonb, org_number text)
    on conflict (iri) do update set
      name = case when organisations.name = '{}'::jsonb then excluded.name else organisations.name end,
      org_number = coalesce(organisations.org_number, excluded.org_number)`.execute(db)
}

/** Opens a harvest run (status 'running') and returns its id. */
export async function startHarvestRun(db: Db, sourceId: string, owner: string = runOwner()): Promise<number> {
  const row = await db.insertInto('harvest_runs').values({ source_id: sourceId, status: 'running', owner }).returning('id').executeTakeFirstOrThrow()
  return Number(row.id)
}

/**
 * Records a failed run: its reason and params (url, HTTP status, position in the document,
 * ...), never words. Touches nothing else: the previous harvest of the source stays exactly
 * as it was.
 */
export async function failHarvestRun(db: Db, runId: number, run: { failure: HarvestFailure; datasets?: number } & RunOutcome): Promise<void> {
  await db
    .updateTable('harvest_runs')
    .set({
      status: 'failed',
      finished_at: sql`now()`,
      error_code: run.failure.code,
      error_params: json(run.failure.params),
      http_status: run.httpStatus,
      bytes: run.bytes,
      documents: run.documents,
      datasets: run.datasets ?? 0,
      warnings: json(run.warnings.slice(0, MAX_STORED_WARNINGS)),
    })
    .where('id', '=', runId)
    .execute()
}

/**
 * The failure of a stored run, or null when it did not fail. A run stored before failures
 * were data (words in `error`, no error_params) comes back as 'legacy-text' with its words
 * as they were; a run marked interrupted has no params.
 */
export function storedFailure(row: { error_code: string | null; error_params: MessageParams | null; error: string | null; error_position?: string | null }): HarvestFailure | null {
  if (row.error_params !== null && row.error_code !== null) {
    const reason = HARVEST_ERROR_REASONS.find((r) => r === row.error_code)
    // A reason this version has no words for (a newer version stored it) shows as its code.
    return reason ? { code: reason, params: row.error_params } : { code: 'legacy-text', params: { text: row.error_code } }
  }
  if (row.error !== null) return { code: 'legacy-text', params: { text: row.error_position ? `${row.error} (${row.error_position})` : row.error } }
  if (row.error_code === 'interrupted') return { code: 'interrupted', params: {} }
  return null
}


/** The IRIs of the datasets a source holds now (not withdrawn). */
export async function liveDatasetIris(db: Db, sourceId: string): Promise<string[]> {
  const rows = await db.selectFrom('datasets').select('iri').where('source_id', '=', sourceId).where('withdrawn_at', 'is', null).execute()
  return rows.map((r) => r.iri)
}

/** The newest finished (not running, not interrupted) run of a source before `beforeRunId`. */
export async function previousFinishedRun(db: Db, sourceId: string, beforeRunId: number) {
  return db
    .selectFrom('harvest_runs')
    .select(['id', 'status', 'error_code', 'datasets'])
    .where('source_id', '=', sourceId)
    .where('id', '<', beforeRunId)
    .where('status', 'in', ['ok', 'failed'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
}
