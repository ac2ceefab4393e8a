import { sql, type Kysely } from 'kysely'

/**
 * Alert recipients beyond the configured contacts, and delivery beyond e-mail (helper
 * "alertsub"): reusers following a dataset or organisation (double opt-in), what a
 * recipient unsubscribed from or snoozed through a signed link, the follow form's rate
 * limit, and a channel on the outbox so webhooks share its retry and backoff.
 * Frozen once landed: change the schema in a new migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = sql`now()`
  // A reuser following a dataset or an organisation: 'pending' until the signed link in
  // the confirmation e-mail is opened and confirmed, then 'active'.
  await db.schema
    .createTable('alert_subscriptions')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull().defaultTo('sv').check(sql`lang in ('sv','en')`))
    .addColumn('target_kind', 'text', (c) => c.notNull().check(sql`target_kind in ('dataset','organisation')`))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending','active')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('confirmed_at', 'timestamptz')
    .addUniqueConstraint('alert_subscriptions_uq', ['email', 'target_kind', 'target'])
    .execute()

  // What a recipient stopped through a signed link. scope: 'all', 'dataset:<iri>' or
  // 'organisation:<iri>'; until: null for unsubscribe, the end of a snooze otherwise.
  await db.schema
    .createTable('alert_suppressions')
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('alert_suppressions_pk', ['recipient', 'scope'])
    .execute()

  // The follow form's rate limit: one row per accepted request, per key ('client:<ip>', 'to:<email>').
  await db.schema
    .createTable('alert_follow_requests')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema.createIndex('alert_follow_requests_key_idx').on('alert_follow_requests').columns(['key', 'at']).execute()

  // 'email' (recipient is an address) or 'webhook' (recipient is a URL, body_text the JSON).
  await db.schema
    .alterTable('outbox')
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('email').check(sql`channel in ('email','webhook')`))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('channel').execute()
  for (const t of ['alert_follow_requests', 'alert_suppressions', 'alert_subscriptions']) await db.schema.dropTable(t).execute()
}
