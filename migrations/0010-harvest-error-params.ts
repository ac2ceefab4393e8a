import type { Kysely } from 'kysely'

/**
 * A failed harvest is stored as data, never words: its reason in error_code (as before) and
 * the values its text needs in error_params (url, status, line, column, limit, ...). Rows
 * from before keep their words in `error` (error_params null) and are shown as they are.
 * Frozen once landed: change the schema in a new migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('harvest_runs').addColumn('error_params', 'jsonb').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('harvest_runs').dropColumn('error_params').execute()
}
