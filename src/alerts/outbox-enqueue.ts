import { randomUUID } from 'node:crypto'
import type { Db } from '../db/database.js'
import { json } from '../db/json.js'
import type { RenderedDigest } from './render-digest.js'

/**
 * Writes one e-mail to the outbox (in the caller's transaction when given one), unless a
 * message with the same dedupe key is there already. True when it was written.
 */
export async function enqueueMessage(
  db: Db,
  m: { recipient: string; dedupeKey: string; rendered: RenderedDigest; headers?: Record<string, string>; now: Date },
): Promise<boolean> {
  const inserted = await db
    .insertInto('outbox')
    .values({
      message_id: `<${randomUUID()}@datavakt>`,
      recipient: m.recipient,
      dedupe_key: m.dedupeKey,
      subject: m.rendered.subject,
      body_text: m.rendered.text,
      body_html: m.rendered.html,
      headers: json(m.headers ?? {}),
      created_at: m.now,
      next_attempt_at: m.now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted !== undefined
}
