import { sql, type Kysely } from 'kysely'

/**
 * Alert contacts an operator set through the admin API (PUT /api/admin/contacts), beside
 * those in the configuration (`alerts.contacts`); the digests write to both. One row per
 * organisation and address. Frozen once landed: change the schema in a new migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alert_contacts')
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull().defaultTo('sv').check(sql`lang in ('sv','en')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('alert_contacts_pk', ['organisation', 'email'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('alert_contacts').execute()
}
