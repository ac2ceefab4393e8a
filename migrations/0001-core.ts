import { sql, type Kysely } from 'kysely'

/**
 * Catalogue sources, organisations, datasets, distributions, data services and harvest
 * runs. Frozen once landed: change the schema in a new migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = sql`now()`
  const emptyObj = sql`'{}'::jsonb`
  const emptyArr = sql`'[]'::jsonb`

  await db.schema
    .createTable('catalogue_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('dcat','ckan','entryscape')`))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text')
    .addColumn('publisher', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute()

  await db.schema
    .createTable('organisations')
    .addColumn('iri', 'text', (c) => c.primaryKey())
    .addColumn('name', 'jsonb', (c) => c.notNull().defaultTo(emptyObj))
    .addColumn('org_number', 'text')
    .addColumn('homepage', 'text')
    .addColumn('source_id', 'text')
    .addColumn('first_seen', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('last_seen', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute()

  await db.schema
    .createTable('datasets')
    .addColumn('iri', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull().references('catalogue_sources.id'))
    .addColumn('organisation_iri', 'text')
    .addColumn('publisher_iri', 'text')
    .addColumn('title', 'jsonb', (c) => c.notNull().defaultTo(emptyObj))
    .addColumn('description', 'jsonb', (c) => c.notNull().defaultTo(emptyObj))
    .addColumn('contact_email', 'text')
    .addColumn('contact_name', 'text')
    .addColumn('license', 'text')
    .addColumn('access_rights', 'text')
    .addColumn('accrual_periodicity', 'text')
    .addColumn('conforms_to', 'jsonb', (c) => c.notNull().defaultTo(emptyArr))
    .addColumn('spatial', 'jsonb', (c) => c.notNull().defaultTo(emptyArr))
    .addColumn('temporal', 'jsonb', (c) => c.notNull().defaultTo(emptyArr))
    .addColumn('keywords', 'jsonb', (c) => c.notNull().defaultTo(emptyArr))
    .addColumn('themes', 'jsonb', (c) => c.notNull().defaultTo(emptyArr))
    .addColumn('landing_page', 'text')
    .addColumn('issued', 'text')
    .addColumn('modified', 'text')
    .addColumn('hvd_categories', 'jsonb', (c) => c.notNull().defaultTo(emptyArr))
    .addColumn('applicable_legislation', 'jsonb', (c) => c.notNull().defaultTo(emptyArr))
    .addColumn('record_hash', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('last_seen', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('withdrawn_at', 'timestamptz')
    .execute()
  await db.schema.createIndex('datasets_source_idx').on('datasets').column('source_id').execute()
  await db.schema.createIndex('datasets_org_idx').on('datasets').column('organisation_iri').execute()

  await db.schema
    .createTable('distributions')
    .addColumn('iri', 'text', (c) => c.primaryKey())
    .addColumn('dataset_iri', 'text', (c) => c.notNull().references('datasets.iri'))
    .addColumn('title', 'jsonb', (c) => c.notNull().defaultTo(emptyObj))
    .addColumn('description', 'jsonb', (c) => c.notNull().defaultTo(emptyObj))
    .addColumn('access_url', 'text')
    .addColumn('download_url', 'text')
    .addColumn('host', 'text')
    .addColumn('format', 'text')
    .addColumn('media_type', 'text')
    .addColumn('byte_size', 'bigint')
    .addColumn('license', 'text')
    .addColumn('access_rights', 'text')
    .addColumn('conforms_to', 'jsonb', (c) => c.notNull().defaultTo(emptyArr))
    .addColumn('access_service_iri', 'text')
    .addColumn('issued', 'text')
    .addColumn('modified', 'text')
    .addColumn('record_hash', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('last_seen', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('withdrawn_at', 'timestamptz')
    .execute()
  await db.schema.createIndex('distributions_dataset_idx').on('distributions').column('dataset_iri').execute()
  await db.schema.createIndex('distributions_host_idx').on('distributions').column('host').execute()

  await db.schema
    .createTable('data_services')
    .addColumn('iri', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull().references('catalogue_sources.id'))
    .addColumn('organisation_iri', 'text')
    .addColumn('publisher_iri', 'text')
    .addColumn('title', 'jsonb', (c) => c.notNull().defaultTo(emptyObj))
    .addColumn('description', 'jsonb', (c) => c.notNull().defaultTo(emptyObj))
    .addColumn('endpoint_urls', 'jsonb', (c) => c.notNull().defaultTo(emptyArr))
    .addColumn('endpoint_description', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('license', 'text')
    .addColumn('access_rights', 'text')
    .addColumn('conforms_to', 'jsonb', (c) => c.notNull().defaultTo(emptyArr))
    .addColumn('serves_datasets', 'jsonb', (c) => c.notNull().defaultTo(emptyArr))
    .addColumn('hvd_categories', 'jsonb', (c) => c.notNull().defaultTo(emptyArr))
    .addColumn('applicable_legislation', 'jsonb', (c) => c.notNull().defaultTo(emptyArr))
    .addColumn('record_hash', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('last_seen', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('withdrawn_at', 'timestamptz')
    .execute()

  await db.schema
    .createTable('harvest_runs')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull().references('catalogue_sources.id'))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running','ok','failed')`))
    .addColumn('http_status', 'integer')
    .addColumn('error', 'text')
    .addColumn('error_position', 'text')
    .addColumn('datasets', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('distributions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('data_services', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('added', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('changed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('withdrawn', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('restored', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('warnings', 'jsonb', (c) => c.notNull().defaultTo(emptyArr))
    .execute()
  await db.schema.createIndex('harvest_runs_source_idx').on('harvest_runs').columns(['source_id', 'started_at']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['harvest_runs', 'data_services', 'distributions', 'datasets', 'organisations', 'catalogue_sources']) {
    await db.schema.dropTable(t).execute()
  }
}
