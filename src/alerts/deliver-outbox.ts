import { mkdir, rename, writeFile } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import nodemailer from 'nodemailer'
import { sql, type Selectable } from 'kysely'
import { defaultConfig, type AlertsConfig, type Config, type QuietHours } from '../config/config.js'
import type { Db } from '../db/database.js'
import type { OutboxTable } from '../db/tables/alerts.js'
import { inQuietHours } from './quiet-hours.js'
import { pausedAmong, permanentRejection, recordBounce, recordDelivered } from './bounces.js'
import { oneLine } from './render-digest.js'
import { resolveLinkSecret } from './links.js'
import { queueDigests } from './queue-digests.js'
import { queueWebhooks, webhookSender, type WebhookSender } from './webhook.js'
import { countOutboxDelivery } from '../telemetry/instruments.js'
import { inSpan, SPANS } from '../telemetry/spans.js'

/**
 * Sends what waits in the outbox. A message is marked sent only after the SMTP server
 * accepted it (or its .eml file is on disk); a failure leaves it waiting, retried with
 * backoff. Guarantee: at least once. If the process dies between the server's acceptance
 * and the record, the message is sent again after restart with the same Message-ID, so
 * mail clients show it once. Nothing more is claimed.
 */

export interface MailTransport {
  via: 'smtp' | 'file'
  send(message: Selectable<OutboxTable>, from: string): Promise<void>
  close(): void
}

function mailOf(m: Selectable<OutboxTable>, from: string) {
  const headers = typeof m.headers === 'string' ? (JSON.parse(m.headers) as Record<string, string>) : m.headers
  return {
    from,
    to: m.recipient,
    subject: oneLine(m.subject),
    text: m.body_text,
    html: m.body_html,
    messageId: m.message_id,
    headers: Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [oneLine(k), oneLine(v)])),
  }
}

/** SMTP through nodemailer (`SMTP_URL`, e.g. smtp://user:pass@host:587). */
export function smtpTransport(smtpUrl: string): MailTransport {
  const tx = nodemailer.createTransport(smtpUrl)
  return {
    via: 'smtp',
    async send(m, from) {
      const info = await tx.sendMail(mailOf(m, from))
      if (info.rejected.length > 0) throw new Error(`rejected: ${info.rejected.join(', ')}`)
    },
    close: () => tx.close(),
  }
}

/** Without SMTP: each message as `<id>.eml` in `dir`, written whole or not at all. */
export function fileTransport(dir: string): MailTransport {
  const tx = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  return {
    via: 'file',
    async send(m, from) {
      const info = (await tx.sendMail(mailOf(m, from))) as unknown as { message: Buffer }
      await mkdir(dir, { recursive: true })
      const file = join(dir, emlFileName(m.id))
      await writeFile(`${file}.tmp`, info.message)
      await rename(`${file}.tmp`, file)
    },
    close: () => tx.close(),
  }
}

/** The name of an outbox message's .eml file. */
export function emlFileName(id: number): string {
  return `${String(id).padStart(8, '0')}.eml`
}

/** The folder of .eml files: `alerts.outboxDir`, under dataDir unless absolute. */
export function outboxDirOf(config: Pick<Config, 'alerts' | 'dataDir'>): string {
  return isAbsolute(config.alerts.outboxDir) ? config.alerts.outboxDir : join(config.dataDir, config.alerts.outboxDir)
}

/** SMTP when `SMTP_URL` is set, else .eml files in `alerts.outboxDir` (under dataDir unless absolute). */
export function transportFromEnv(config: Pick<Config, 'alerts' | 'dataDir'>, env: NodeJS.ProcessEnv = process.env): MailTransport {
  if (env.SMTP_URL) return smtpTransport(env.SMTP_URL)
  return fileTransport(outboxDirOf(config))
}

/** Wait before attempt n+1: 1 minute, doubling, at most 6 hours. */
export function backoffMs(attempts: number): number {
  return Math.min(6 * 3_600_000, 60_000 * 2 ** Math.max(0, attempts - 1))
}

export interface DeliveryResult {
  sent: number
  failed: number
  /** E-mails refused for good (src/alerts/bounces.ts) or not sent because their recipient is paused. */
  bounced: number
  /** Messages still waiting (the backlog). */
  waiting: number
}

type OutboxRow = Selectable<OutboxTable>

/**
 * Sends every message due by `now`, oldest first; one failure does not stop the others.
 * Webhook calls in the outbox go through `webhook`; without one they wait. In quiet hours
 * (src/alerts/quiet-hours.ts) e-mails wait; a webhook, read by a machine, still goes.
 * An e-mail whose recipient the server refuses for good, or whose recipient is paused, is
 * not tried again (src/alerts/bounces.ts, with `bounceRules`).
 */
export async function deliverOutbox(
  db: Db,
  transport: MailTransport,
  from: string,
  now: Date = new Date(),
  webhook?: WebhookSender,
  quiet: QuietHours | null = null,
  bounceRules: Pick<AlertsConfig, 'bouncesBeforePause' | 'bouncePauseDays'> = defaultConfig.alerts,
): Promise<DeliveryResult> {
  const channels: ('email' | 'webhook')[] = [...(inQuietHours(now, quiet) ? [] : ['email' as const]), ...(webhook ? ['webhook' as const] : [])]
  const due = channels.length === 0 ? [] : await db
    .selectFrom('outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('bounce', 'is', null)
    .where('channel', 'in', channels)
    .where('next_attempt_at', '<=', now)
    .orderBy('id')
    .limit(500)
    .execute()
  const paused = await pausedAmong(db, [...new Set(due.filter((m) => m.channel === 'email').map((m) => m.recipient))], now)
  const out: DeliveryResult = { sent: 0, failed: 0, bounced: 0, waiting: 0 }
  for (const m of due) {
    if (m.channel === 'email' && paused.has(m.recipient)) {
      await db.updateTable('outbox').set({ bounce: 'paused' }).where('id', '=', m.id).execute()
      out.bounced++
      continue
    }
    out[await sendOne(db, m, { transport, from, now, webhook, bounceRules, paused })]++
  }
  const w = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('sent_at', 'is', null).where('bounce', 'is', null).executeTakeFirstOrThrow()
  out.waiting = Number(w.n)
  return out
}

/** Sends one message and records what came of it: sent, failed (retried with backoff) or bounced (refused for good). */
async function sendOne(
  db: Db,
  m: OutboxRow,
  o: { transport: MailTransport; from: string; now: Date; webhook: WebhookSender | undefined; bounceRules: Pick<AlertsConfig, 'bouncesBeforePause' | 'bouncePauseDays'>; paused: Set<string> },
): Promise<'sent' | 'failed' | 'bounced'> {
  const via = m.channel === 'webhook' ? 'webhook' : o.transport.via
  try {
    await inSpan(m.channel === 'webhook' ? SPANS.webhookSend : SPANS.emailSend, { 'outbox.id': Number(m.id), attempt: m.attempts + 1, via }, () =>
      m.channel === 'webhook' ? o.webhook!.send(m) : o.transport.send(m, o.from),
    )
    countOutboxDelivery(m.channel, 'sent')
    await db.updateTable('outbox').set({ sent_at: new Date(), sent_via: via, attempts: sql`attempts + 1`, last_error: null }).where('id', '=', m.id).execute()
    if (m.channel === 'email') await recordDelivered(db, m.recipient)
    return 'sent'
  } catch (err) {
    countOutboxDelivery(m.channel, 'failed')
    const attempts = m.attempts + 1
    const rejection = m.channel === 'email' ? permanentRejection(err) : null
    if (rejection) {
      await db.updateTable('outbox').set({ attempts, bounce: 'rejected', last_error: rejection.response }).where('id', '=', m.id).execute()
      if (await recordBounce(db, m.recipient, rejection, o.now, o.bounceRules)) o.paused.add(m.recipient)
      return 'bounced'
    }
    await db
      .updateTable('outbox')
      .set({ attempts, next_attempt_at: new Date(o.now.getTime() + backoffMs(attempts)), last_error: String((err as Error)?.message ?? err).slice(0, 500) })
      .where('id', '=', m.id)
      .execute()
    return 'failed'
  }
}

/**
 * The alerts job (for the scheduler, daily): queue each recipient's digest and each
 * webhook's call, then send what waits in the outbox. Running it again the same day sends
 * nothing twice. Without a link secret (`secret`, else `alerts.linkSecret`) it refuses
 * with a ConfigError: no e-mail goes out without working unsubscribe links.
 */
export async function runAlertsJob(
  db: Db,
  config: Pick<Config, 'alerts' | 'web' | 'dataDir' | 'http' | 'allowPrivateNetworks'>,
  now: Date = new Date(),
  secret?: string,
): Promise<DeliveryResult & { queued: number }> {
  const key = secret ?? (await resolveLinkSecret(config, 'postgres'))
  const queued = (await queueDigests(db, config, now, key)) + (await queueWebhooks(db, config, now))
  return { queued, ...(await deliverDue(db, config, now)) }
}

/** Sends what is due through the configured transport (SMTP_URL or .eml files) and webhooks, outside quiet hours. */
export async function deliverDue(db: Db, config: Pick<Config, 'alerts' | 'dataDir' | 'http' | 'allowPrivateNetworks'>, now: Date): Promise<DeliveryResult> {
  const transport = transportFromEnv(config)
  const webhook = webhookSender(config)
  try {
    return await deliverOutbox(db, transport, config.alerts.from, now, webhook, config.alerts.quietHours, config.alerts)
  } finally {
    transport.close()
    await webhook.close()
  }
}
