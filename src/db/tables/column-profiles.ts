import type { ColumnType } from 'kysely'
import type { Json, Timestamp } from './core.js'
import type { StoredFinding } from './content.js'

/**
 * The column profile of each CSV or JSON distribution's last good version, and its latest
 * version's breaking changes (src/content/column-profile-changes.ts). Created by
 * migrations/0009-column-profiles.ts.
 */
export interface ColumnProfileTable {
  distribution_iri: string
  columns: Json<{ name: string; type: string }[]>
  rows: ColumnType<number | string, number, number>
  good_at: Timestamp
  changed_since: Timestamp | null
  changes: Json<StoredFinding[]>
  checked_at: Timestamp
  run_id: ColumnType<number | string | null, number | null, number | null>
}

export interface ColumnProfileTables {
  column_profiles: ColumnProfileTable
}
