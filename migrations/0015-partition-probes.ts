import { sql, type Kysely } from 'kysely'

/**
 * Probe history partitioned by month (PostgreSQL declarative partitioning; PGlite is
 * PostgreSQL too), so that retention drops or thins a month at a time instead of deleting
 * row by row from one ever-growing table. Keeps every stored probe and its id.
 *
 * The new `probes` is partitioned by range of `at`. This migration creates it with only
 * its DEFAULT partition and moves every existing row there; the monthly partitions
 * (`probes_YYYY_MM`, UTC months) are made by src/db/probe-partitions.ts right after the
 * migrations run and by the retention job ahead of time, moving any rows of such a month
 * out of the default partition. The default partition keeps a probe of an unforeseen time
 * from ever being refused.
 *
 * A unique index on a partitioned table must contain the partition key, so "one probe per
 * distribution per sweep" can no longer be a unique index over all months: the probe
 * writer (src/db/probe-store.ts) enforces it under the distribution's state-row lock, and
 * (sweep_id, distribution_iri) stays an ordinary index. The primary key becomes (id, at).
 *
 * `probe_retention` remembers up to when the middle retention tier has thinned the history
 * (src/db/probe-retention.ts), so each daily run thins only the days new to that tier
 * instead of reading months of probes again.
 *
 * Frozen once landed: change the schema in a new migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table probes rename to probes_unpartitioned`.execute(db)
  // Index names are per schema: the old primary key's name is taken by the new one.
  await sql`alter index probes_pkey rename to probes_unpartitioned_pkey`.execute(db)
  // The id sequence outlives the old table: new probes continue its numbering.
  await sql`alter sequence probes_id_seq owned by none`.execute(db)
  await sql`
    create table probes (
      id bigint not null default nextval('probes_id_seq'),
      sweep_id bigint references sweeps(id) on delete set null,
      distribution_iri text not null,
      url text not null,
      host text not null,
      at timestamptz not null,
      outcome text not null check (outcome in ('ok','failing','unverified')),
      code text not null,
      http_status integer,
      final_url text,
      redirect_count integer not null default 0,
      redirect_chain jsonb not null default '[]'::jsonb,
      elapsed_ms integer not null,
      content_type text,
      content_length bigint,
      etag text,
      last_modified text,
      tls_valid_to timestamptz,
      tls_days_left integer,
      bytes_read integer not null default 0,
      retry_after_seconds integer,
      findings jsonb not null default '[]'::jsonb,
      worker_id text,
      state_before text,
      state_after text,
      primary key (id, at)
    ) partition by range (at)`.execute(db)
  await sql`create table probes_default partition of probes default`.execute(db)
  await sql`
    insert into probes (id, sweep_id, distribution_iri, url, host, at, outcome, code, http_status, final_url,
      redirect_count, redirect_chain, elapsed_ms, content_type, content_length, etag, last_modified,
      tls_valid_to, tls_days_left, bytes_read, retry_after_seconds, findings, worker_id, state_before, state_after)
    select id, sweep_id, distribution_iri, url, host, at, outcome, code, http_status, final_url,
      redirect_count, redirect_chain, elapsed_ms, content_type, content_length, etag, last_modified,
      tls_valid_to, tls_days_left, bytes_read, retry_after_seconds, findings, worker_id, state_before, state_after
    from probes_unpartitioned`.execute(db)
  await sql`drop table probes_unpartitioned`.execute(db)
  await sql`alter sequence probes_id_seq owned by probes.id`.execute(db)
  // The same lookups as before, now per partition: a sweep's probes (was unique), a
  // distribution's history, a time window.
  await sql`create index probes_sweep_distribution_idx on probes (sweep_id, distribution_iri)`.execute(db)
  await sql`create index probes_distribution_at_idx on probes (distribution_iri, at)`.execute(db)
  await sql`create index probes_at_idx on probes (at)`.execute(db)
  await sql`
    create table probe_retention (
      id integer primary key default 1 check (id = 1),
      thinned_until timestamptz not null
    )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table probe_retention`.execute(db)
  // Back to one plain table; a distribution probed twice in one sweep (impossible through
  // the writer) would make the unique index fail, as it should.
  await sql`create table probes_plain (like probes including defaults including constraints)`.execute(db)
  await sql`insert into probes_plain select * from probes`.execute(db)
  await sql`alter sequence probes_id_seq owned by none`.execute(db)
  await sql`drop table probes`.execute(db)
  await sql`alter table probes_plain rename to probes`.execute(db)
  await sql`alter table probes add primary key (id)`.execute(db)
  await sql`alter table probes add foreign key (sweep_id) references sweeps(id) on delete set null`.execute(db)
  await sql`alter sequence probes_id_seq owned by probes.id`.execute(db)
  await sql`create unique index probes_sweep_distribution_uq on probes (sweep_id, distribution_iri)`.execute(db)
  await sql`create index probes_distribution_at_idx on probes (distribution_iri, at)`.execute(db)
  await sql`create index probes_at_idx on probes (at)`.execute(db)
}
