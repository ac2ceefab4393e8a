import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { deliverOutbox, fileTransport, runAlertsJob } from '../../src/alerts/deliver-outbox.js'
import { queueWebhooks, webhookSender, type WebhookPayload } from '../../src/alerts/webhook.js'
import { ConfigError } from '../../src/config/config-error.js'
import { defaultConfig, type Config } from '../../src/config/config.js'
import { at, breakFile, DATASET, FROM, ORG, seedWorld } from './alert-world.js'

/**
 * The webhook: queued in the outbox, POSTed as JSON to a receiver on loopback (allowed by
 * allowPrivateNetworks, as in the demo), retried with backoff when it fails, and refused
 * by the address guard when private targets are not allowed.
 */

const A = 'urn:test:dist:a'
let t: TestDb
let server: Server
let dir: string
const bodies: { path: string; body: WebhookPayload; id: string | undefined }[] = []
let failNext = 1

let config: Config
let base = ''

beforeAll(async () => {
  t = await createTestDb()
  await seedWorld(t.db, [A])
  dir = mkdtempSync(join(tmpdir(), 'datavakt-webhook-'))
  server = createServer((req, res) => {
    let raw = ''
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')))
    req.on('end', () => {
      if (failNext-- > 0) return void res.writeHead(500).end()
      bodies.push({ path: req.url ?? '', body: JSON.parse(raw) as WebhookPayload, id: req.headers['x-datavakt-message-id'] as string | undefined })
      res.writeHead(204).end()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  config = {
    ...defaultConfig,
    dataDir: dir,
    allowPrivateNetworks: true,
    web: { ...defaultConfig.web, publicUrl: 'http://127.0.0.1:8080' },
    alerts: { ...defaultConfig.alerts, webhooks: [{ url: `${base}/org`, organisation: ORG }, { url: `${base}/other`, organisation: 'urn:other' }] },
  }
}, 120_000)
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()))
  await t.drop()
  rmSync(dir, { recursive: true, force: true })
})

describe('the webhook notifier', () => {
  it('POSTs what opened as JSON through the outbox, retried with backoff after a failure', async () => {
    await breakFile(t.db, config, A, 0)
    expect(await queueWebhooks(t.db, config, at(25))).toBe(1)
    const sender = webhookSender(config)
    const mail = fileTransport(join(dir, 'eml'))
    try {
      expect(await deliverOutbox(t.db, mail, FROM, at(25), sender)).toMatchObject({ sent: 0, failed: 1, waiting: 1 })
      expect(await deliverOutbox(t.db, mail, FROM, new Date(at(25).getTime() + 30_000), sender)).toMatchObject({ sent: 0, failed: 0, waiting: 1 })
      expect(await deliverOutbox(t.db, mail, FROM, at(26), sender)).toMatchObject({ sent: 1, waiting: 0 })
    } finally {
      mail.close()
      await sender.close()
    }
    expect(bodies).toHaveLength(1)
    expect(bodies[0]!.path).toBe('/org')
    expect(bodies[0]!.id).toMatch(/^<.+@datavakt>$/)
    expect(bodies[0]!.body).toMatchObject({
      source: 'datavakt',
      events: [{ event: 'opened', subject: A, subjectKind: 'distribution', problem: 'availability', dataset: DATASET, organisation: ORG, page: 'http://127.0.0.1:8080/dataset?iri=urn%3Aseed%3Adataset' }],
    })
    // Nothing new: nothing queued.
    expect(await queueWebhooks(t.db, config, at(27))).toBe(0)
  })

  it('goes through the address guard: a loopback URL is refused without allowPrivateNetworks', async () => {
    const all = { ...config, alerts: { ...config.alerts, webhooks: [{ url: `${base}/all` }] } }
    expect(await queueWebhooks(t.db, all, at(30))).toBe(1)
    const guarded = webhookSender({ ...config, allowPrivateNetworks: false })
    const mail = fileTransport(join(dir, 'eml'))
    try {
      expect(await deliverOutbox(t.db, mail, FROM, at(30), guarded)).toMatchObject({ sent: 0, failed: 1, waiting: 1 })
    } finally {
      mail.close()
      await guarded.close()
    }
    const row = await t.db.selectFrom('outbox').selectAll().where('sent_at', 'is', null).executeTakeFirstOrThrow()
    expect(row.channel).toBe('webhook')
    expect(row.last_error).toMatch(/forbidden|refused|not allowed/i)
    expect(bodies).toHaveLength(1)
  })

  it('the alerts job refuses to send without a link secret, naming the setting', async () => {
    const err = await runAlertsJob(t.db, { ...config, dataDir: dir }, at(40)).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ConfigError)
    expect((err as ConfigError).describe('en')).toContain('/alerts/linkSecret')
  })
})
