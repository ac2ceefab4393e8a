import type { ColumnType, Generated } from 'kysely'
import type { Json, Timestamp } from './core.js'
import type { StoredFinding } from './content.js'

/**
 * Tables of the alerts part (src/alerts): alert state, events, recipients' cursors and the
 * outbox. Created by migrations/0007-alerts.ts.
 */

export interface AlertTable {
  id: Generated<number>
  subject_kind: 'distribution' | 'dataset' | 'catalogue'
  subject: string
  problem: string
  kind: 'availability' | 'content' | 'harvest'
  organisation: string | null
  source_id: string | null
  open: Generated<boolean>
  intermittent: Generated<boolean>
  consecutive_bad: Generated<number>
  consecutive_good: Generated<number>
  bad_since: Timestamp | null
  recent_bad: Json<string[]>
  opened_at: Timestamp | null
  resolved_at: Timestamp | null
  last_observed_at: Timestamp | null
  last_notified_at: Timestamp | null
  evidence: Json<StoredFinding[]>
  updated_at: Generated<Date>
}

export interface AlertEventTable {
  id: Generated<number>
  alert_id: number
  event: 'opened' | 'resolved'
  intermittent: Generated<boolean>
  at: Timestamp
}

export interface AlertCursorTable {
  recipient: string
  last_event_id: Generated<number>
  updated_at: Generated<Date>
}

export interface OutboxTable {
  id: Generated<number>
  message_id: string
  recipient: string
  dedupe_key: string | null
  subject: string
  body_text: string
  body_html: string
  headers: Json<Record<string, string>>
  created_at: ColumnType<Date, Date | string | undefined, Date | string>
  attempts: Generated<number>
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>
  sent_at: Timestamp | null
  sent_via: 'smtp' | 'file' | 'webhook' | null
  last_error: string | null
  /** 'email', or 'webhook' (recipient a URL, body_text the JSON); migration 0008. */
  channel: Generated<'email' | 'webhook'>
  /** Not sent, for good: the server refused the recipient ('rejected'), or the recipient is paused ('paused'). Migration 0016-bounces. */
  bounce: 'rejected' | 'paused' | null
}

/** A recipient's bounces (src/alerts/bounces.ts; migration 0016-bounces). */
export interface RecipientBounceTable {
  recipient: string
  /** Bounces in a row (a delivered message sets it back to 0) ... */
  bounces: Generated<number>
  /** ... and in all. */
  total: Generated<number>
  last_bounce_at: ColumnType<Date, Date | string, Date | string>
  /** The SMTP reply code and text of the last refusal. */
  last_code: number | null
  last_response: string | null
  /** Nothing is sent to the address until then. */
  paused_until: Timestamp | null
}

/** An alert contact set through the admin API (migrations/0011-api-alert-contacts.ts). */
export interface AlertContactTable {
  organisation: string
  email: string
  lang: Generated<'sv' | 'en'>
  created_at: Generated<Date>
}

export interface AlertTables {
  alert_contacts: AlertContactTable
  alerts: AlertTable
  alert_events: AlertEventTable
  alert_cursors: AlertCursorTable
  outbox: OutboxTable
  recipient_bounces: RecipientBounceTable
}
