import { describe, expect, it } from 'vitest'
import { deliverOutbox } from '../../src/alerts/deliver-outbox.js'
import { queueImmediate } from '../../src/alerts/immediate-policy.js'
import { defaultConfig, type Config } from '../../src/config/config.js'
import { json } from '../../src/db/json.js'
import { seedDistributions } from '../availability/seed-distributions.js'
import { withSmtp } from '../helpers/smtp-inbox.js'
import { dbAndInbox, expectReceived, probeAt, SECRET, url } from './alert-world.js'

/**
 * Immediate mode and quiet hours over a real SMTP server on loopback: a high-value (or
 * critical) dataset that breaks is told at once, not in tomorrow's digest, but never in
 * the night: the notice waits for 07:00 Europe/Stockholm.
 */

const ORG = 'urn:test:org:region'
const A = 'urn:test:dist:a'
const B = 'urn:test:dist:b'
// 2026-12-01 12:00 Stockholm (CET, UTC+1).
const T0 = Date.parse('2026-12-01T11:00:00Z')
const at = (h: number) => new Date(T0 + h * 3_600_000)
const base: Config = {
  ...defaultConfig,
  web: { ...defaultConfig.web, publicUrl: 'http://127.0.0.1:8080' },
  alerts: { ...defaultConfig.alerts, immediate: true, contacts: [{ email: 'gis@region.test', organisation: ORG }] },
}
let config = base
const world = dbAndInbox(async (db) => {
  await seedDistributions(db, [A, B].map((iri) => ({ iri, url: url(iri) })))
  await db
    .updateTable('datasets')
    .set({ organisation_iri: ORG, title: json({ sv: 'Adresser' }), applicable_legislation: json(['https://data.europa.eu/eli/reg_impl/2023/138/oj']) })
    .execute()
})
const { inbox } = world

const probe = (iri: string, h: number) => probeAt(world.db, config, iri, at(h), 'failing', 'http-404')

async function immediateAndSend(h: number) {
  const queued = await queueImmediate(world.db, config, at(h), SECRET)
  return { queued, ...(await withSmtp(inbox.port, (tx) => deliverOutbox(world.db, tx, config.alerts.from, at(h), undefined, config.alerts.quietHours))) }
}

describe('immediate mode for high-value and critical datasets', () => {
  it('a high-value dataset that breaks at night is told at 07:00, once, not the next day', async () => {
    await probe(A, 0)
    await probe(A, 6)
    expect(await immediateAndSend(7)).toMatchObject({ queued: 0, sent: 0 })
    await probe(A, 13)
    expect(await immediateAndSend(13)).toMatchObject({ queued: 0 })
    // Broken (failing for 24 hours or more) at 02:00 Stockholm: queued at once, held by quiet hours.
    await probe(A, 38)
    expect(await immediateAndSend(38)).toMatchObject({ queued: 1, sent: 0, waiting: 1 })
    expect(await immediateAndSend(42.9)).toMatchObject({ queued: 0, sent: 0, waiting: 1 })
    // 07:00 Stockholm.
    expect(await immediateAndSend(43)).toMatchObject({ queued: 0, sent: 1, waiting: 0 })
    expect(await immediateAndSend(44)).toMatchObject({ queued: 0, sent: 0 })
    expectReceived(inbox, [{ subject: '1 nytt problem', text: ['Adresser', 'Filen går inte att hämta'] }])
    expect(inbox.raw[0]).toMatch(/^List-Unsubscribe:\s+<http/m)
  })

  it('off by default, and for a dataset neither high-value nor critical', async () => {
    await world.db.updateTable('datasets').set({ applicable_legislation: json([]) }).execute()
    config = { ...base, alerts: { ...base.alerts, immediate: false } }
    for (const h of [50, 62, 75]) await probe(B, h)
    expect(await immediateAndSend(75)).toMatchObject({ queued: 0 })
    config = base
    expect(await immediateAndSend(75)).toMatchObject({ queued: 0 })
  })

  it('a dataset marked critical in config is told at once', async () => {
    config = { ...base, alerts: { ...base.alerts, criticalDatasets: ['urn:seed:dataset'] } }
    // 11:00 Stockholm: no quiet hours, sent at once.
    expect(await immediateAndSend(76)).toMatchObject({ queued: 1, sent: 1 })
    expect(inbox.received).toHaveLength(2)
  })
})
