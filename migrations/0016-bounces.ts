import { sql, type Kysely } from 'kysely'

/**
 * Bounces: an e-mail the SMTP server refused for good (a 5xx answer to the recipient) is
 * not tried again; the outbox row says so (`bounce` 'rejected'), and so does a message not
 * sent because its recipient is paused ('paused'). Per recipient, the bounces in a row, the
 * last SMTP answer, and until when the address is paused (src/alerts/bounces.ts).
 * Frozen once landed: change the schema in a new migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('outbox')
    .addColumn('bounce', 'text', (c) => c.check(sql`bounce in ('rejected','paused')`))
    .execute()
  await db.schema
    .createTable('recipient_bounces')
    .addColumn('recipient', 'text', (c) => c.primaryKey())
    .addColumn('bounces', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_bounce_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_code', 'integer')
    .addColumn('last_response', 'text')
    .addColumn('paused_until', 'timestamptz')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('recipient_bounces').execute()
  await db.schema.alterTable('outbox').dropColumn('bounce').execute()
}
