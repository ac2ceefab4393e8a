import type { Db } from '../db/database.js'

/**
 * What the admin page shows of the outbox (src/alerts' transactional outbox): every message
 * newest first, and whether it was sent, waits, or failed and waits for its next attempt,
 * with its attempts and last error.
 */

/** Sent; waiting for its first attempt; failed and waiting for the next; refused for good by the server; not sent, its recipient paused (src/alerts/bounces.ts). */
export type OutboxState = 'sent' | 'waiting' | 'failed' | 'bounced' | 'paused'

/** One message of the outbox as the admin page lists it. */
export interface OutboxEntry {
  id: number
  channel: 'email' | 'webhook'
  recipient: string
  subject: string
  state: OutboxState
  attempts: number
  createdAt: Date
  nextAttemptAt: Date | null
  sentAt: Date | null
  sentVia: string | null
  lastError: string | null
  /** True when the message was written as an .eml file the page can show. */
  eml: boolean
}

/** An address the mail server refused (src/alerts/bounces.ts), as the admin page lists it. */
export interface BouncingRecipient {
  recipient: string
  /** Refusals in a row (0 once a message got through again) ... */
  bounces: number
  /** ... and in all. */
  total: number
  lastAt: Date
  /** The server's reply to the last refusal (its code and words, as the server sent them). */
  lastResponse: string | null
  /** Paused until then; null when not paused now. */
  pausedUntil: Date | null
}

export interface OutboxListing {
  entries: OutboxEntry[]
  counts: Record<OutboxState, number>
  bouncing: BouncingRecipient[]
}

/** Messages not yet sent and not bounced, per channel and state (waiting, or failed and waiting for its next attempt): the backlog /metrics shows. */
export async function outboxBacklog(db: Db): Promise<{ channel: 'email' | 'webhook'; state: Exclude<OutboxState, 'sent'>; count: number }[]> {
  const rows = await db
    .selectFrom('outbox')
    .select((eb) => ['channel', eb.fn.countAll<number>().filterWhere('attempts', '=', 0).as('waiting'), eb.fn.countAll<number>().filterWhere('attempts', '>', 0).as('failed')])
    .where('sent_at', 'is', null)
    .where('bounce', 'is', null)
    .groupBy('channel')
    .orderBy('channel')
    .execute()
  // Every channel and state, 0 when empty: a gauge that is there at 0 is not a gauge that is missing.
  return (['email', 'webhook'] as const).flatMap((channel) => {
    const r = rows.find((x) => x.channel === channel)
    return [
      { channel, state: 'waiting' as const, count: Number(r?.waiting ?? 0) },
      { channel, state: 'failed' as const, count: Number(r?.failed ?? 0) },
    ]
  })
}

function stateOf(r: { sent_at: unknown; bounce: 'rejected' | 'paused' | null; attempts: number }): OutboxState {
  if (r.sent_at !== null) return 'sent'
  if (r.bounce) return r.bounce === 'rejected' ? 'bounced' : 'paused'
  return r.attempts > 0 ? 'failed' : 'waiting'
}

/** The latest `limit` messages, the counts of all, and the addresses that bounced (paused ones first), as of `now`. */
export async function listOutbox(db: Db, limit = 200, now: Date = new Date()): Promise<OutboxListing> {
  const rows = await db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(limit).execute()
  const all = await db
    .selectFrom('outbox')
    .select((eb) => [
      eb.fn.count<number>('sent_at').as('sent'),
      eb.fn.countAll<number>().filterWhere('sent_at', 'is', null).filterWhere('bounce', 'is', null).filterWhere('attempts', '=', 0).as('waiting'),
      eb.fn.countAll<number>().filterWhere('sent_at', 'is', null).filterWhere('bounce', 'is', null).filterWhere('attempts', '>', 0).as('failed'),
      eb.fn.countAll<number>().filterWhere('bounce', '=', 'rejected').as('bounced'),
      eb.fn.countAll<number>().filterWhere('bounce', '=', 'paused').as('paused'),
    ])
    .executeTakeFirstOrThrow()
  const bounceRows = await db.selectFrom('recipient_bounces').selectAll().orderBy('paused_until', (ob) => ob.desc().nullsLast()).orderBy('last_bounce_at', 'desc').limit(limit).execute()
  const entries = rows.map((r): OutboxEntry => {
    const sent = r.sent_at !== null
    const state = stateOf(r)
    return {
      id: Number(r.id),
      channel: r.channel,
      recipient: r.recipient,
      subject: r.subject,
      state,
      attempts: r.attempts,
      createdAt: new Date(r.created_at),
      nextAttemptAt: state === 'waiting' || state === 'failed' ? new Date(r.next_attempt_at) : null,
      sentAt: sent ? new Date(r.sent_at!) : null,
      sentVia: r.sent_via,
      lastError: r.last_error,
      eml: r.sent_via === 'file',
    }
  })
  const bouncing = bounceRows.map((b): BouncingRecipient => {
    const until = b.paused_until ? new Date(b.paused_until) : null
    return { recipient: b.recipient, bounces: b.bounces, total: b.total, lastAt: new Date(b.last_bounce_at), lastResponse: b.last_response, pausedUntil: until && until > now ? until : null }
  })
  const counts = { sent: Number(all.sent), waiting: Number(all.waiting), failed: Number(all.failed), bounced: Number(all.bounced), paused: Number(all.paused) }
  return { entries, counts, bouncing }
}

/** One message's subject and plain text, or null when there is none with that id. */
export async function getOutboxMessage(db: Db, id: number): Promise<{ id: number; subject: string; text: string } | null> {
  const r = await db.selectFrom('outbox').select(['id', 'subject', 'body_text']).where('id', '=', id).executeTakeFirst()
  return r ? { id: Number(r.id), subject: r.subject, text: r.body_text } : null
}
