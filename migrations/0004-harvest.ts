import { sql, type Kysely } from 'kysely'

/**
 * Harvest health details: a stable error code (so pages can explain a failure in the
 * reader's language), the per-kind counts (datasets, distributions, data services: added,
 * changed, withdrawn, unchanged, restored) and how many documents were read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('harvest_runs').addColumn('error_code', 'text').execute()
  await db.schema
    .alterTable('harvest_runs')
    .addColumn('counts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute()
  await db.schema
    .alterTable('harvest_runs')
    .addColumn('documents', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const c of ['documents', 'counts', 'error_code']) await db.schema.alterTable('harvest_runs').dropColumn(c).execute()
}
