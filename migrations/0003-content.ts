import { sql, type Kysely } from 'kysely'

/**
 * Content checks and scores: check runs, append-only check results, content observations
 * (what a full download saw, for conditional requests and freshness), the current score
 * of each distribution, and daily rollups per distribution, dataset, organisation and
 * region. Frozen once landed: change the schema in a new migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = sql`now()`
  const emptyObj = sql`'{}'::jsonb`
  const emptyArr = sql`'[]'::jsonb`

  await db.schema
    .createTable('check_runs')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running','ok','failed')`))
    .addColumn('error', 'text')
    .addColumn('summary', 'jsonb', (c) => c.notNull().defaultTo(emptyObj))
    .execute()

  // Append-only: one row per check per target per run. Independent of the scoring model, so
  // a new scoring version can re-score old results without re-running any check.
  await db.schema
    .createTable('check_results')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('run_id', 'bigint', (c) => c.references('check_runs.id'))
    .addColumn('distribution_iri', 'text')
    .addColumn('dataset_iri', 'text', (c) => c.notNull())
    .addColumn('check_id', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('findings', 'jsonb', (c) => c.notNull().defaultTo(emptyArr))
    .addColumn('metrics', 'jsonb', (c) => c.notNull().defaultTo(emptyObj))
    .addColumn('facts', 'jsonb', (c) => c.notNull().defaultTo(emptyObj))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema
    .createIndex('check_results_dist_idx')
    .on('check_results')
    .columns(['distribution_iri', 'check_id', 'at'])
    .execute()
  await db.schema
    .createIndex('check_results_dataset_idx')
    .on('check_results')
    .columns(['dataset_iri', 'check_id', 'at'])
    .execute()
  await db.schema.createIndex('check_results_at_idx').on('check_results').column('at').execute()

  await db.schema
    .createTable('content_observations')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('run_id', 'bigint', (c) => c.references('check_runs.id'))
    .addColumn('distribution_iri', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('final_url', 'text')
    .addColumn('http_status', 'integer')
    .addColumn('content_type', 'text')
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('sha256', 'text')
    .addColumn('bytes', 'bigint')
    .addColumn('truncated_at_cap', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('not_modified', 'boolean', (c) => c.notNull().defaultTo(false))
    // The fetch failure code (probe-style, e.g. http-404) when no body could be had.
    .addColumn('error_code', 'text')
    // Hash of what the checks depended on (check ids, dataset and distribution records):
    // a conditional request is only sent when this is unchanged.
    .addColumn('inputs_hash', 'text')
    .execute()
  await db.schema
    .createIndex('content_observations_dist_idx')
    .on('content_observations')
    .columns(['distribution_iri', 'at'])
    .execute()

  // The current score of each distribution under one scoring version (history: score_rollups).
  await db.schema
    .createTable('scores')
    .addColumn('distribution_iri', 'text', (c) => c.notNull())
    .addColumn('scoring_version', 'text', (c) => c.notNull())
    .addColumn('dataset_iri', 'text', (c) => c.notNull())
    .addColumn('organisation_iri', 'text')
    .addColumn('availability', 'double precision')
    .addColumn('freshness', 'double precision')
    .addColumn('format', 'double precision')
    .addColumn('conformance', 'double precision')
    .addColumn('metadata', 'double precision')
    .addColumn('total', 'double precision')
    .addColumn('reasons', 'jsonb', (c) => c.notNull().defaultTo(emptyArr))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('scores_pk', ['distribution_iri', 'scoring_version'])
    .execute()
  await db.schema.createIndex('scores_dataset_idx').on('scores').column('dataset_iri').execute()

  // One row per (level, key, day, version): a year of an organisation's history is 365
  // index-ordered rows. `parent` lets a dashboard list the datasets of an organisation
  // (or the organisations of the region) for a day without joins.
  await db.schema
    .createTable('score_rollups')
    .addColumn('level', 'text', (c) =>
      c.notNull().check(sql`level in ('distribution','dataset','organisation','region')`),
    )
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('scoring_version', 'text', (c) => c.notNull())
    .addColumn('parent', 'text')
    .addColumn('availability', 'double precision')
    .addColumn('freshness', 'double precision')
    .addColumn('format', 'double precision')
    .addColumn('conformance', 'double precision')
    .addColumn('metadata', 'double precision')
    .addColumn('total', 'double precision')
    .addColumn('counts', 'jsonb', (c) => c.notNull().defaultTo(emptyObj))
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('score_rollups_pk', ['level', 'key', 'day', 'scoring_version'])
    .execute()
  await db.schema
    .createIndex('score_rollups_parent_idx')
    .on('score_rollups')
    .columns(['level', 'parent', 'day'])
    .execute()
  await db.schema.createIndex('score_rollups_day_idx').on('score_rollups').columns(['level', 'day']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['score_rollups', 'scores', 'content_observations', 'check_results', 'check_runs']) {
    await db.schema.dropTable(t).execute()
  }
}
