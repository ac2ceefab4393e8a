import { sql, type Kysely } from 'kysely'

/**
 * Column profiles: per CSV or JSON distribution, the column names, types and row count of
 * its last good version (never the file), and the breaking changes its latest version
 * showed against it (src/content/column-profile-changes.ts). Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('column_profiles')
    .addColumn('distribution_iri', 'text', (c) => c.primaryKey())
    // [{ name, type }] of the last good version, in the file's order.
    .addColumn('columns', 'jsonb', (c) => c.notNull())
    .addColumn('rows', 'bigint', (c) => c.notNull())
    .addColumn('good_at', 'timestamptz', (c) => c.notNull())
    // When the current breaking change was first seen; null while there is none.
    .addColumn('changed_since', 'timestamptz')
    // The latest version's breaking changes (findings: codes and params), [] when none.
    .addColumn('changes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('checked_at', 'timestamptz', (c) => c.notNull())
    // The content run that checked it last: the alerts read the runs' verdicts by it.
    .addColumn('run_id', 'bigint')
    .execute()
  await db.schema.createIndex('column_profiles_run_idx').on('column_profiles').column('run_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('column_profiles').execute()
}
