import { randomUUID } from 'node:crypto'
import { sql, type Selectable } from 'kysely'
import { Agent, request } from 'undici'
import type { AlertWebhook, Config } from '../config/config.js'
import type { Db } from '../db/database.js'
import { json } from '../db/json.js'
import type { OutboxTable } from '../db/tables/alerts.js'
import { userAgentOf } from '../fetch/engine-parts.js'
import { createGuardedConnector } from '../fetch/tls-connector.js'
import { publicBase } from './links.js'

/**
 * The generic webhook: what opened and resolved since the last call is POSTed as JSON to
 * each configured URL (per organisation, or all). It is queued in the same outbox as the
 * e-mails, in the same transaction that moves the webhook's cursor, so it shares their
 * retry, backoff and at-least-once guarantee; it is sent through the same address guard
 * as every other fetch (a private or loopback URL is refused unless allowPrivateNetworks).
 */

/** The body of one webhook call. */
export interface WebhookPayload {
  source: 'datavakt'
  events: {
    id: number
    event: 'opened' | 'resolved'
    at: string
    intermittent: boolean
    problem: string
    subjectKind: string
    subject: string
    dataset: string | null
    organisation: string | null
    evidence: unknown
    page: string | null
  }[]
}

const cursorOf = (w: AlertWebhook) => `webhook:${w.organisation ?? '*'}:${w.url}`

/** Queues one call per webhook with news; how many were queued. */
export async function queueWebhooks(db: Db, config: Pick<Config, 'alerts' | 'web'>, now: Date): Promise<number> {
  let queued = 0
  for (const w of config.alerts.webhooks) {
    const cursor = cursorOf(w)
    const done = await db.transaction().execute(async (trx) => {
      await trx.insertInto('alert_cursors').values({ recipient: cursor }).onConflict((oc) => oc.column('recipient').doNothing()).execute()
      const c = await sql<{ last_event_id: number }>`select last_event_id from alert_cursors where recipient = ${cursor} for update`.execute(trx)
      const after = Number(c.rows[0]!.last_event_id)
      const { rows } = await sql<{ id: number; event: 'opened' | 'resolved'; at: Date | string; intermittent: boolean; problem: string; subject_kind: string; subject: string; organisation: string | null; evidence: unknown; dataset_iri: string | null }>`
        select e.id, e.event, e.at, e.intermittent, a.problem, a.subject_kind, a.subject, a.organisation, a.evidence,
          case when a.subject_kind = 'dataset' then a.subject else d.dataset_iri end as dataset_iri
        from alert_events e join alerts a on a.id = e.alert_id
        left join distributions d on a.subject_kind = 'distribution' and d.iri = a.subject
        where e.id > ${after} and (${w.organisation ?? null}::text is null or a.organisation = ${w.organisation ?? null})
        order by e.id limit 1000`.execute(trx)
      if (rows.length === 0) return false
      const base = publicBase(config)
      const payload: WebhookPayload = {
        source: 'datavakt',
        events: rows.map((r) => ({
          id: Number(r.id),
          event: r.event,
          at: new Date(r.at).toISOString(),
          intermittent: r.intermittent,
          problem: r.problem,
          subjectKind: r.subject_kind,
          subject: r.subject,
          dataset: r.dataset_iri,
          organisation: r.organisation,
          evidence: typeof r.evidence === 'string' ? JSON.parse(r.evidence) : r.evidence,
          page: r.dataset_iri ? `${base}/dataset?iri=${encodeURIComponent(r.dataset_iri)}` : null,
        })),
      }
      const last = Number(rows[rows.length - 1]!.id)
      await trx
        .insertInto('outbox')
        .values({
          channel: 'webhook',
          message_id: `<${randomUUID()}@datavakt>`,
          recipient: w.url,
          dedupe_key: `${cursor}:${last}`,
          subject: 'webhook',
          body_text: JSON.stringify(payload),
          body_html: '',
          headers: json({}),
          created_at: now,
          next_attempt_at: now,
        })
        .execute()
      await trx.updateTable('alert_cursors').set({ last_event_id: last, updated_at: now }).where('recipient', '=', cursor).execute()
      return true
    })
    if (done) queued++
  }
  return queued
}

/** Sends a queued webhook call; throws unless the receiver answers 2xx. */
export interface WebhookSender {
  send(message: Selectable<OutboxTable>): Promise<void>
  close(): Promise<void>
}

/** POSTs through an agent whose connector is the fetch engine's guarded one; redirects are not followed. */
export function webhookSender(config: Pick<Config, 'http' | 'allowPrivateNetworks'>): WebhookSender {
  const connector = createGuardedConnector({ policy: { allowPrivateNetworks: config.allowPrivateNetworks }, connectTimeoutMs: config.http.connectTimeoutMs })
  const agent = new Agent({ connect: connector.connect, headersTimeout: config.http.headersTimeoutMs, bodyTimeout: config.http.bodyTimeoutMs })
  return {
    async send(m) {
      const res = await request(m.recipient, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json', 'user-agent': userAgentOf(config.http), 'x-datavakt-message-id': m.message_id },
        body: m.body_text,
      })
      await res.body.dump()
      if (res.statusCode < 200 || res.statusCode > 299) throw new Error(`webhook answered ${res.statusCode}`)
    },
    close: () => agent.close(),
  }
}
