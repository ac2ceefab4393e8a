import { sql } from 'kysely'
import type { AlertsConfig } from '../config/config.js'
import type { Db } from '../db/database.js'

/**
 * Bounces: an address the SMTP server refuses for good. When the server answers the
 * recipient (RCPT TO) with a permanent 5xx reply, the message is not tried again (its
 * outbox row is marked `rejected`) and the refusal is counted for the address. After
 * `alerts.bouncesBeforePause` refusals in a row, the address is paused for
 * `alerts.bouncePauseDays`: what is due for it is marked `paused`, not sent, and after the
 * pause one message is tried again. A delivered message ends the row of refusals. A 4xx
 * reply (mailbox full, greylisting) is no bounce: the message waits and is retried.
 *
 * Only refusals during the SMTP conversation are seen. A bounce that arrives later as a
 * delivery status notification (DSN) goes to the sender address's mailbox, which datavakt
 * does not read.
 */

/** The SMTP server refused the recipient for good (a 5xx reply to RCPT TO). */
export interface PermanentRejection {
  code: number
  response: string
}

/**
 * The permanent refusal of the recipient in a nodemailer error, or null when the error is
 * anything else (the server down, a 4xx reply, a refused message body).
 */
export function permanentRejection(err: unknown): PermanentRejection | null {
  const e = err as { code?: unknown; responseCode?: unknown; response?: unknown } | null
  if (!e || e.code !== 'EENVELOPE' || typeof e.responseCode !== 'number') return null
  if (e.responseCode < 500 || e.responseCode > 599) return null
  return { code: e.responseCode, response: typeof e.response === 'string' ? e.response.slice(0, 500) : String(e.responseCode) }
}

/** Counts a refusal of `recipient` at `now`; pauses it once `bouncesBeforePause` come in a row. True when it is paused now. */
export async function recordBounce(
  db: Db,
  recipient: string,
  rejection: PermanentRejection,
  now: Date,
  rules: Pick<AlertsConfig, 'bouncesBeforePause' | 'bouncePauseDays'>,
): Promise<boolean> {
  const pauseUntil = new Date(now.getTime() + rules.bouncePauseDays * 86_400_000)
  const row = await db
    .insertInto('recipient_bounces')
    .values({ recipient, bounces: 1, total: 1, last_bounce_at: now, last_code: rejection.code, last_response: rejection.response, paused_until: rules.bouncesBeforePause <= 1 ? pauseUntil : null })
    .onConflict((oc) =>
      oc.column('recipient').doUpdateSet({
        bounces: sql`recipient_bounces.bounces + 1`,
        total: sql`recipient_bounces.total + 1`,
        last_bounce_at: now,
        last_code: rejection.code,
        last_response: rejection.response,
        paused_until: sql`case when recipient_bounces.bounces + 1 >= ${rules.bouncesBeforePause} then ${pauseUntil}::timestamptz else null end`,
      }),
    )
    .returning('paused_until')
    .executeTakeFirstOrThrow()
  return row.paused_until !== null
}

/** A message reached `recipient`: its row of refusals ends (the total stays, for the admin page). */
export async function recordDelivered(db: Db, recipient: string): Promise<void> {
  await db.updateTable('recipient_bounces').set({ bounces: 0, paused_until: null }).where('recipient', '=', recipient).where('bounces', '>', 0).execute()
}

/** The addresses among `recipients` that are paused at `now`. */
export async function pausedAmong(db: Db, recipients: string[], now: Date): Promise<Set<string>> {
  if (recipients.length === 0) return new Set()
  const rows = await db.selectFrom('recipient_bounces').select('recipient').where('recipient', 'in', recipients).where('paused_until', '>', now).execute()
  return new Set(rows.map((r) => r.recipient))
}
