import { sql, type Kysely } from 'kysely'

/**
 * Alerts: one state per subject (distribution, dataset or catalogue) and problem, the
 * events a person hears about, each recipient's place in them, and the transactional
 * outbox every e-mail goes through. Frozen once landed: change the schema in a new migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = sql`now()`
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('subject_kind', 'text', (c) => c.notNull().check(sql`subject_kind in ('distribution','dataset','catalogue')`))
    // A distribution or dataset IRI, or a catalogue source id.
    .addColumn('subject', 'text', (c) => c.notNull())
    // 'availability', 'check:<check id>', 'harvest'.
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('availability','content','harvest')`))
    .addColumn('organisation', 'text')
    .addColumn('source_id', 'text')
    .addColumn('open', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('intermittent', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('consecutive_bad', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('consecutive_good', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bad_since', 'timestamptz')
    .addColumn('recent_bad', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('opened_at', 'timestamptz')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('last_observed_at', 'timestamptz')
    .addColumn('last_notified_at', 'timestamptz')
    // The findings (codes and params, never words) of the last bad observation.
    .addColumn('evidence', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('alerts_subject_problem_uq', ['subject', 'problem'])
    .execute()
  await db.schema.createIndex('alerts_open_idx').on('alerts').columns(['open', 'organisation']).execute()

  // Append-only: what opened or resolved, when. Digests read what a recipient has not seen.
  await db.schema
    .createTable('alert_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('alert_id', 'bigint', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
    .addColumn('event', 'text', (c) => c.notNull().check(sql`event in ('opened','resolved')`))
    .addColumn('intermittent', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('alert_events_alert_idx').on('alert_events').column('alert_id').execute()

  // Per recipient: the last event already put in one of its digests.
  await db.schema
    .createTable('alert_cursors')
    .addColumn('recipient', 'text', (c) => c.primaryKey())
    .addColumn('last_event_id', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute()

  // The transactional outbox: a message is written here in the same transaction that moves
  // the recipient's cursor, and marked sent only after the SMTP server accepted it.
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('recipient', 'text', (c) => c.notNull())
    // 'digest:<recipient>:<day>': one digest per recipient per day.
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('headers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('sent_at', 'timestamptz')
    // 'smtp' or 'file' (an .eml written to the data dir).
    .addColumn('sent_via', 'text')
    .addColumn('last_error', 'text')
    .execute()
  await db.schema
    .createIndex('outbox_pending_idx')
    .on('outbox')
    .column('next_attempt_at')
    .where(sql.ref('sent_at'), 'is', null)
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['outbox', 'alert_cursors', 'alert_events', 'alerts']) await db.schema.dropTable(t).execute()
}
