import { sql, type Kysely } from 'kysely'

/**
 * The read generation: a sequence that every statement writing a table the public reads
 * show moves forward (a statement-level trigger, so a batch of 1,000 probes moves it once).
 * The web's answer cache (src/web/read-cache.ts) keeps an answer while it is unchanged.
 * Every table gets the trigger except those whose writes no cached read shows: the sweep's
 * host leases (renewed every few seconds while a sweep runs), the outbox, follow requests,
 * the alert cursor and Kysely's own. A table added later needs the same trigger:
 * test/db/read-generation.test.ts fails for any that lacks it. Frozen once landed.
 */
const QUIET = ['sweep_hosts', 'outbox', 'alert_follow_requests', 'alert_cursors', 'kysely_migration', 'kysely_migration_lock']

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence read_generation`.execute(db)
  // Called once, so that last_value moves at the very next write (before its first call, nextval leaves it at 1).
  await sql`select nextval('read_generation')`.execute(db)
  await sql`create function bump_read_generation() returns trigger language plpgsql as $$
begin
  perform nextval('read_generation');
  return null;
end
$$`.execute(db)
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c
    where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
    order by 1`.execute(db)
  for (const { name } of rows) {
    if (QUIET.includes(name)) continue
    await sql`create trigger read_generation_bump after insert or update or delete or truncate on ${sql.table(name)}
      for each statement execute function bump_read_generation()`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function bump_read_generation() cascade`.execute(db)
  await sql`drop sequence read_generation`.execute(db)
}
