import { sql, type Kysely } from 'kysely'

/**
 * Availability: sweeps, the per-host work queue, every probe (append-only) and the
 * per-distribution state over time. Frozen once landed: change the schema in a new
 * migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = sql`now()`
  const emptyArr = sql`'[]'::jsonb`

  await db.schema
    .createTable('sweeps')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('availability'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running','done','cancelled')`))
    // 'schedule', 'cli', 'api', 'test': who asked for it.
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('hosts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('urls', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('sweeps_status_idx').on('sweeps').columns(['status', 'id']).execute()

  // The queue: one row per (sweep, host). A worker claims a row with FOR UPDATE SKIP
  // LOCKED and a lease; the URLs it probes are the host's distributions that have no probe
  // in this sweep yet, so a take-over redoes only what is missing.
  await db.schema
    .createTable('sweep_hosts')
    .addColumn('sweep_id', 'bigint', (c) => c.notNull().references('sweeps.id').onDelete('cascade'))
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending','leased','done')`))
    .addColumn('urls', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('leased_by', 'text')
    .addColumn('lease_until', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // Set from a long Retry-After: nobody claims the host before then.
    .addColumn('not_before', 'timestamptz')
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addPrimaryKeyConstraint('sweep_hosts_pk', ['sweep_id', 'host'])
    .execute()
  // The claim query's hot path: open rows of running sweeps.
  await db.schema
    .createIndex('sweep_hosts_open_idx')
    .on('sweep_hosts')
    .columns(['status', 'sweep_id'])
    .where(sql.ref('status'), '<>', 'done')
    .execute()

  await db.schema
    .createTable('probes')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('sweep_id', 'bigint', (c) => c.references('sweeps.id').onDelete('set null'))
    .addColumn('distribution_iri', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('ok','failing','unverified')`))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('final_url', 'text')
    .addColumn('redirect_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('redirect_chain', 'jsonb', (c) => c.notNull().defaultTo(emptyArr))
    .addColumn('elapsed_ms', 'integer', (c) => c.notNull())
    .addColumn('content_type', 'text')
    .addColumn('content_length', 'bigint')
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('tls_valid_to', 'timestamptz')
    .addColumn('tls_days_left', 'integer')
    .addColumn('bytes_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retry_after_seconds', 'integer')
    .addColumn('findings', 'jsonb', (c) => c.notNull().defaultTo(emptyArr))
    .addColumn('worker_id', 'text')
    // The distribution's state before and after this probe: transitions (newly broken,
    // healed) are read from here without replaying history.
    .addColumn('state_before', 'text')
    .addColumn('state_after', 'text')
    .execute()
  // "No probe result is written twice": one row per distribution per sweep.
  await db.schema
    .createIndex('probes_sweep_distribution_uq')
    .on('probes')
    .columns(['sweep_id', 'distribution_iri'])
    .unique()
    .execute()
  await db.schema.createIndex('probes_distribution_at_idx').on('probes').columns(['distribution_iri', 'at']).execute()
  await db.schema.createIndex('probes_at_idx').on('probes').column('at').execute()

  await db.schema
    .createTable('availability_state')
    .addColumn('distribution_iri', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('unknown','ok','degraded','broken')`))
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_failure_at', 'timestamptz')
    .addColumn('last_ok_at', 'timestamptz')
    .addColumn('last_probe_at', 'timestamptz')
    .addColumn('last_outcome', 'text')
    .addColumn('last_code', 'text')
    .addColumn('last_http_status', 'integer')
    // For conditional requests (If-None-Match / If-Modified-Since) on the next probe.
    .addColumn('last_etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('state_since', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema.createIndex('availability_state_state_idx').on('availability_state').column('state').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['availability_state', 'probes', 'sweep_hosts', 'sweeps']) {
    await db.schema.dropTable(t).execute()
  }
}
