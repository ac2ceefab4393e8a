import { sql, type Kysely } from 'kysely'

/**
 * dct:rights (a rights statement, distinct from dct:accessRights) of datasets and
 * distributions: read by the DCAT reader and scored by MQA's `rights` indicator.
 *
 * With it, the harvest runs' owner (host, process id and start) and the status
 * 'interrupted': a run left 'running' by a process that is gone is marked so on the next
 * harvest instead of staying 'running' forever.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const t of ['datasets', 'distributions']) await db.schema.alterTable(t).addColumn('rights', 'text').execute()
  await db.schema.alterTable('harvest_runs').addColumn('owner', 'text').execute()
  await sql`alter table harvest_runs drop constraint if exists harvest_runs_status_check`.execute(db)
  await sql`alter table harvest_runs add constraint harvest_runs_status_check check (status in ('running','ok','failed','interrupted'))`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update harvest_runs set status = 'failed' where status = 'interrupted'`.execute(db)
  await sql`alter table harvest_runs drop constraint if exists harvest_runs_status_check`.execute(db)
  await sql`alter table harvest_runs add constraint harvest_runs_status_check check (status in ('running','ok','failed'))`.execute(db)
  await db.schema.alterTable('harvest_runs').dropColumn('owner').execute()
  for (const t of ['datasets', 'distributions']) await db.schema.alterTable(t).dropColumn('rights').execute()
}
