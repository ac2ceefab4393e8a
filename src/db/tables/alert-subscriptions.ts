import type { ColumnType, Generated } from 'kysely'
import type { Timestamp } from './core.js'

/**
 * Tables of alert recipients beyond the configured contacts: followers, suppressions
 * (unsubscribe, snooze) and the follow form's rate limit. Created by
 * migrations/0008-alert-subscriptions.ts.
 */

export interface AlertSubscriptionTable {
  id: Generated<number>
  email: string
  lang: Generated<'sv' | 'en'>
  target_kind: 'dataset' | 'organisation'
  target: string
  status: 'pending' | 'active'
  created_at: Generated<Date>
  confirmed_at: Timestamp | null
}

export interface AlertSuppressionTable {
  recipient: string
  /** 'all', 'dataset:<iri>' or 'organisation:<iri>'. */
  scope: string
  /** Null: unsubscribed; else snoozed until then. */
  until: Timestamp | null
  created_at: Generated<Date>
}

export interface AlertFollowRequestTable {
  id: Generated<number>
  key: string
  at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface AlertSubscriptionTables {
  alert_subscriptions: AlertSubscriptionTable
  alert_suppressions: AlertSuppressionTable
  alert_follow_requests: AlertFollowRequestTable
}
