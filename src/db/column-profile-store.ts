import type { Db } from './database.js'
import { json } from './json.js'
import type { StoredFinding } from './tables/content.js'

/**
 * The store of column profiles (table column_profiles): per distribution, the last good
 * version's columns and row count, and what the latest version changed against it.
 */

/** A stored profile: names and types in the file's order, and the row count. */
export interface StoredColumnProfile {
  columns: { name: string; type: string }[]
  rows: number
}

/** What is stored for one distribution. */
export interface StoredColumnCheck {
  profile: StoredColumnProfile
  goodAt: Date
  changedSince: Date | null
  changes: StoredFinding[]
}

const parsed = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v)

/** The stored profile of a distribution, or null when none was ever good. */
export async function loadColumnCheck(db: Db, distributionIri: string): Promise<StoredColumnCheck | null> {
  const r = await db.selectFrom('column_profiles').selectAll().where('distribution_iri', '=', distributionIri).executeTakeFirst()
  if (!r) return null
  return {
    profile: { columns: parsed(r.columns), rows: Number(r.rows) },
    goodAt: new Date(r.good_at),
    changedSince: r.changed_since ? new Date(r.changed_since) : null,
    changes: parsed(r.changes),
  }
}

/** Stores the baseline and the latest version's changes, checked at `at` by run `runId`. */
export async function saveColumnCheck(
  db: Db,
  o: { distributionIri: string; check: StoredColumnCheck; at: Date; runId: number | null },
): Promise<void> {
  const cols = {
    columns: json(o.check.profile.columns),
    rows: o.check.profile.rows,
    good_at: o.check.goodAt,
    changed_since: o.check.changedSince,
    changes: json(o.check.changes),
    checked_at: o.at,
    run_id: o.runId,
  }
  await db
    .insertInto('column_profiles')
    .values({ distribution_iri: o.distributionIri, ...cols })
    .onConflict((oc) => oc.column('distribution_iri').doUpdateSet(cols))
    .execute()
}

/** An unchanged file (304): the latest verdict stands, seen again by this run. */
export async function repeatColumnCheck(db: Db, distributionIri: string, at: Date, runId: number | null): Promise<void> {
  await db.updateTable('column_profiles').set({ checked_at: at, run_id: runId }).where('distribution_iri', '=', distributionIri).execute()
}

/** One distribution's column verdict in a content run, with whom its alerts concern. */
export interface ColumnCheckOfRun {
  distributionIri: string
  at: Date
  /** [] when the file matches its last good version. */
  changes: StoredFinding[]
  organisation: string | null
  sourceId: string | null
}

/** The verdicts a content run left: each distribution whose columns it checked. */
export async function columnChecksOfRun(db: Db, runId: number): Promise<ColumnCheckOfRun[]> {
  const rows = await db
    .selectFrom('column_profiles as c')
    .leftJoin('distributions as d', 'd.iri', 'c.distribution_iri')
    .leftJoin('datasets as ds', 'ds.iri', 'd.dataset_iri')
    .select(['c.distribution_iri', 'c.checked_at', 'c.changes', 'ds.organisation_iri', 'ds.publisher_iri', 'ds.source_id'])
    .where('c.run_id', '=', runId)
    .execute()
  return rows.map((r) => ({
    distributionIri: r.distribution_iri,
    at: new Date(r.checked_at),
    changes: parsed(r.changes),
    organisation: r.organisation_iri ?? r.publisher_iri ?? null,
    sourceId: r.source_id ?? null,
  }))
}
