import { sql, type Kysely } from 'kysely'

/**
 * Each distribution's next check is stored, not recomputed: `distributions.next_check_at`
 * (set by the probe writer from src/availability/next-check.ts; a new distribution is due
 * at once), indexed for the scheduled sweep, which queues only what is due, and for the
 * worker, which reads a host's due URLs in (next_check_at, iri) order. `sweeps.due_before`
 * is the cut-off of such a sweep (null: a sweep of every distribution, as before).
 *
 * Backfill from the stored state, with the defaults of the time (1 h after a first
 * failure, 6 h after later ones and after a healthy probe, shortened at random by up to a
 * tenth so that hosts drift apart); never probed: due now. Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('distributions')
    .addColumn('next_check_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`
    update distributions d
    set next_check_at = s.last_probe_at + make_interval(secs =>
      (case when s.last_outcome = 'failing' and s.consecutive_failures <= 1 then 3600 else 21600 end) * (1 - 0.1 * random()))
    from availability_state s
    where s.distribution_iri = d.iri and s.last_probe_at is not null`.execute(db)
  // The scheduled sweep: what is due, grouped by host.
  await db.schema
    .createIndex('distributions_due_idx')
    .on('distributions')
    .column('next_check_at')
    .where(sql.ref('withdrawn_at'), 'is', null)
    .execute()
  // A worker's page of one host's due URLs.
  await db.schema
    .createIndex('distributions_host_due_idx')
    .on('distributions')
    .columns(['host', 'next_check_at', 'iri'])
    .where(sql.ref('withdrawn_at'), 'is', null)
    .execute()
  await db.schema.alterTable('sweeps').addColumn('due_before', 'timestamptz').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sweeps').dropColumn('due_before').execute()
  await db.schema.dropIndex('distributions_host_due_idx').execute()
  await db.schema.dropIndex('distributions_due_idx').execute()
  await db.schema.alterTable('distributions').dropColumn('next_check_at').execute()
}
