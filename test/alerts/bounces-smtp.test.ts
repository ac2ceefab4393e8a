/**
 * Bounces against a real SMTP server on loopback that refuses some recipients: a 5xx reply
 * to RCPT TO is a bounce (recorded for the address with the server's answer, the message
 * not tried again), a 4xx reply is not (the message waits and is retried); three bounces in
 * a row pause the address (what is due for it is not sent, the server never hears of it),
 * the pause ends after `alerts.bouncePauseDays` and a delivered message ends the row. The
 * admin page of the outbox shows the bouncing addresses, in Swedish and English.
 */
import type { AddressInfo } from 'node:net'
import type { ServerType } from '@hono/node-server'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { deliverOutbox } from '../../src/alerts/deliver-outbox.js'
import { enqueueMessage } from '../../src/alerts/outbox-enqueue.js'
import { defaultConfig, type Config } from '../../src/config/config.js'
import { listOutbox } from '../../src/read-model/outbox.js'
import { createApp } from '../../src/web/create-app.js'
import { withSmtp } from '../helpers/smtp-inbox.js'
import { describeEachDb, type TestDb } from '../helpers/test-db.js'
import { serveOnLoopback } from '../web/seeded-app.js'

const GONE = 'borta@kommun.test'
const FULL = 'full@kommun.test'
const OK = 'kontakt@kommun.test'
const FROM = 'datavakt <datavakt@127.0.0.1>'
const DAY = 86_400_000
const T0 = Date.parse('2026-12-01T08:00:00Z')
const config: Config = { ...defaultConfig, alerts: { ...defaultConfig.alerts, quietHours: null, bouncesBeforePause: 3, bouncePauseDays: 30 } }

/** Every RCPT TO the server was asked, and the addresses it accepted mail for. */
const asked: string[] = []
const delivered: string[] = []
let refuseGone = true
let smtp: SMTPServer
let port: number

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo: (address, _session, done) => {
      asked.push(address.address)
      if (address.address === GONE && refuseGone) return done(Object.assign(new Error('5.1.1 <borta@kommun.test>: Recipient address rejected: User unknown'), { responseCode: 550 }))
      if (address.address === FULL) return done(Object.assign(new Error('4.2.2 Mailbox full, try again later'), { responseCode: 452 }))
      done()
    },
    onData: (stream, session, done) => {
      stream.resume()
      stream.on('end', () => {
        delivered.push(...session.envelope.rcptTo.map((r) => r.address))
        done()
      })
    },
  })
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()))
  port = (smtp.server.address() as AddressInfo).port
})
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()))
})

describeEachDb('bounces', (db) => {
  let t: TestDb
  beforeAll(() => {
    t = db()
    asked.length = 0
    delivered.length = 0
    refuseGone = true
  })

  /** Day `d`: one message to each address, then the outbox sent through the server. */
  async function day(d: number) {
    const now = new Date(T0 + d * DAY)
    for (const recipient of [GONE, FULL, OK]) {
      await enqueueMessage(t.db, { recipient, dedupeKey: `test:${recipient}:${d}`, rendered: { subject: `Dag ${d}`, text: 'Hej', html: '<p>Hej</p>' }, now })
    }
    return withSmtp(port, (tx) => deliverOutbox(t.db, tx, FROM, now, undefined, null, config.alerts))
  }
  const bounceOf = (recipient: string) => t.db.selectFrom('recipient_bounces').selectAll().where('recipient', '=', recipient).executeTakeFirst()

  it('a 5xx refusal is a bounce, not retried; a 4xx is retried; three in a row pause the address; a delivery ends the row', async () => {
    expect(await day(0)).toMatchObject({ sent: 1, failed: 1, bounced: 1 })
    expect(await bounceOf(GONE)).toMatchObject({ bounces: 1, total: 1, last_code: 550, paused_until: null })
    expect((await bounceOf(GONE))!.last_response).toMatch(/^550 5\.1\.1 .*User unknown/)
    expect(await bounceOf(FULL)).toBeUndefined()

    // Day 1: the bounced message is not tried again, only the day's new one; the 4xx one is due again after its backoff.
    await day(1)
    expect(asked.filter((a) => a === GONE)).toHaveLength(2)
    await day(2)
    expect(await bounceOf(GONE)).toMatchObject({ bounces: 3, total: 3 })
    expect(new Date((await bounceOf(GONE))!.paused_until!).getTime()).toBe(T0 + 2 * DAY + 30 * DAY)
    expect(await bounceOf(FULL)).toBeUndefined()
    expect(delivered.filter((a) => a === FULL)).toEqual([])

    // Paused: the next message to it is not sent, and the server is not asked.
    const r3 = await day(3)
    expect(r3.bounced).toBe(1)
    expect(asked.filter((a) => a === GONE)).toHaveLength(3)
    const listing = await listOutbox(t.db, 200, new Date(T0 + 3 * DAY))
    expect(listing.counts).toMatchObject({ sent: 4, bounced: 3, paused: 1 })
    expect(listing.entries.filter((e) => e.recipient === GONE).map((e) => e.state)).toEqual(['paused', 'bounced', 'bounced', 'bounced'])
    expect(listing.bouncing).toEqual([
      expect.objectContaining({ recipient: GONE, bounces: 3, total: 3, pausedUntil: new Date(T0 + 32 * DAY) }),
    ])

    // After the pause the address is tried again; the mailbox exists again, so the row ends.
    refuseGone = false
    await day(33)
    expect(delivered.filter((a) => a === GONE)).toHaveLength(1)
    expect(await bounceOf(GONE)).toMatchObject({ bounces: 0, total: 3, paused_until: null })
  })

  it('the admin page lists the addresses that bounce, with the server’s answer, in Swedish and English', async () => {
    // Bounce once more, so the address shows with its latest refusal.
    refuseGone = true
    await day(34)
    const web = await serveOnLoopback(createApp({ db: t.db, lang: 'sv', admin: { config } }))
    try {
      const sv = await (await fetch(`${web.base}/admin/outbox`)).text()
      expect(sv).toContain('Adresser som studsar')
      expect(sv).toContain(GONE)
      expect(sv).toContain('User unknown')
      expect(sv).toContain('studsade: e-postservern tog inte emot adressen')
      const en = await (await fetch(`${web.base}/admin/outbox?lang=en`)).text()
      expect(en).toContain('Addresses that bounce')
      expect(en).toContain('bounced: the mail server refused the address')
    } finally {
      web.server.close()
    }
  })
})
