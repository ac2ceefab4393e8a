import { sql, type Kysely } from 'kysely'

/**
 * Content runs get what harvest runs got in 0005: their owner (host, process id and start)
 * and the status 'interrupted', so a content run left 'running' by a killed process is
 * closed when `datavakt start` starts (src/db/run-owner.ts) instead of staying 'running'.
 * Frozen once landed: change the schema in a new migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('check_runs').addColumn('owner', 'text').execute()
  await sql`alter table check_runs drop constraint if exists check_runs_status_check`.execute(db)
  await sql`alter table check_runs add constraint check_runs_status_check check (status in ('running','ok','failed','interrupted'))`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update check_runs set status = 'failed' where status = 'interrupted'`.execute(db)
  await sql`alter table check_runs drop constraint if exists check_runs_status_check`.execute(db)
  await sql`alter table check_runs add constraint check_runs_status_check check (status in ('running','ok','failed'))`.execute(db)
  await db.schema.alterTable('check_runs').dropColumn('owner').execute()
}
