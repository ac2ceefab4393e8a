import { describe, expect, it } from 'vitest'
import { deliverOutbox } from '../../src/alerts/deliver-outbox.js'
import { observeHarvest } from '../../src/alerts/observe.js'
import { queueRegionalSummary } from '../../src/alerts/regional-summary.js'
import { verifyLink } from '../../src/alerts/links.js'
import { suppressedFor } from '../../src/alerts/subscriptions.js'
import { createApp } from '../../src/web/create-app.js'
import { defaultConfig, type Config } from '../../src/config/config.js'
import { json } from '../../src/db/json.js'
import { SCORING_VERSION } from '../../src/scoring/scoring-version.js'
import { emptyDatasetColumns } from '../helpers/empty-dataset-columns.js'
import { withSmtp } from '../helpers/smtp-inbox.js'
import type { Db } from '../../src/db/database.js'
import { dbAndInbox } from './alert-world.js'

/**
 * The weekly summary to the regional team, received by a real SMTP server on loopback:
 * new, fixed and oldest open problems across organisations, and the region's score trend.
 */

const ALE = 'urn:test:org:ale'
const LERUM = 'urn:test:org:lerum'
const day = (d: number, h = 8) => new Date(Date.UTC(2026, 11, d, h))
const SECRET = 'test-secret-test-secret-test-secret-0123'
const config: Config = {
  ...defaultConfig,
  alerts: { ...defaultConfig.alerts, regionalTeam: [{ email: 'Region@VGR.test' }, { email: 'gis@vgr.test', lang: 'en' }] },
}

async function harvest(db: Db, source: string, organisation: string, d: number, ok: boolean) {
  await observeHarvest(db, { sourceId: source, organisation, ok, at: day(d), errorCode: ok ? null : 'http-5xx', url: `http://127.0.0.1:9/${source}` }, config.alerts)
}

const world = dbAndInbox(async (db) => {
  await db.insertInto('organisations').values([{ iri: ALE, name: json({ sv: 'Ale kommun', en: 'Ale Municipality' }) }, { iri: LERUM, name: json({ sv: 'Lerums kommun' }) }]).execute()
  for (const [id, org] of [['ale', ALE], ['lerum', LERUM]]) {
    await db.insertInto('catalogue_sources').values({ id, kind: 'dcat', url: `http://127.0.0.1:9/${id}` }).execute()
    await db.insertInto('datasets').values({ iri: `urn:test:ds:${id}`, source_id: id, organisation_iri: org, ...emptyDatasetColumns(), record_hash: 'h' }).execute()
  }
  for (const [d, total] of [[1, 61], [4, 64], [7, 68]] as const) {
    await db
      .insertInto('score_rollups')
      .values({ level: 'region', key: 'region', day: `2026-12-0${d}`, scoring_version: SCORING_VERSION, parent: null, availability: null, freshness: null, format: null, conformance: null, metadata: null, total, counts: json({}), computed_at: day(d) })
      .execute()
  }
  // Lerum's catalogue broke long ago and still does; Ale's broke this week and was fixed.
  await harvest(db, 'lerum', LERUM, -1, false)
  await harvest(db, 'ale', ALE, 3, false)
  await harvest(db, 'ale', ALE, 4, true)
  await harvest(db, 'ale', ALE, 5, true)
})
const { inbox } = world

describe('the weekly regional summary', () => {
  it('tells the regional team, in each one’s language, what opened, what was fixed, what is oldest, and the trend', async () => {
    const now = day(7, 7)
    expect(await queueRegionalSummary(world.db, config, now, SECRET)).toBe(2)
    // Once per day and address.
    expect(await queueRegionalSummary(world.db, config, now, SECRET)).toBe(0)
    expect(await withSmtp(inbox.port, (tx) => deliverOutbox(world.db, tx, config.alerts.from, now))).toMatchObject({ sent: 2, waiting: 0 })
    const sv = inbox.received.find((m) => m.text?.includes('Hej'))!
    expect(sv.subject).toBe('datavakt: veckan i regionen: 1 nytt problem, 1 åtgärdade')
    expect(sv.text).toContain('Regionens totalbetyg: 61 för en vecka sedan, 68 nu.')
    const [, news, fixed, oldest] = sv.text!.split(/\n(?=Nya problem|Åtgärdade|Äldst öppna)/)
    expect(news).toContain('Ale kommun: Katalogen går inte att skörda')
    expect(news).not.toContain('Lerum')
    expect(fixed).toContain('Ale kommun')
    expect(oldest).toContain('Lerums kommun: Katalogen går inte att skörda')
    expect(oldest).toContain('sedan 29 november 2026')
    const en = inbox.received.find((m) => m.text?.includes('Hello'))!
    expect(en.subject).toBe('datavakt: the week in the region: 1 new problem, 1 fixed')
    expect(en.text).toContain('Ale Municipality')
    expect(en.text).not.toMatch(/Katalogen|sedan|Nya problem/)
  })
  it('carries each member’s one-click unsubscribe (RFC 8058); one who used it gets no more summaries, and keeps every other alert', async () => {
    const sv = inbox.received.find((m) => m.text?.includes('Hej'))!
    const headerOf = (name: string) => sv.headerLines.find((l) => l.key === name)?.line.replace(/\r?\n[ \t]+/g, ' ').replace(/^[^:]+:\s*/, '') ?? null
    expect(headerOf('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    const link = /^<([^>]+)>$/.exec(headerOf('list-unsubscribe') ?? '')![1]!
    expect(sv.text).toContain(`Avsluta veckosammanfattningen: ${link}`)
    const token = new URL(link).searchParams.get('token')!
    const claim = verifyLink(SECRET, token, day(7, 8))
    if ('refused' in claim) throw new Error(`link refused: ${claim.refused}`)
    // The one click: a POST to the link, as a mail client makes it.
    const app = createApp({ db: world.db, lang: 'sv', alerts: { config, secret: SECRET } })
    const res = await app.request(`/alerts/link?token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }).toString(),
    })
    expect(res.status).toBe(200)
    const s = await suppressedFor(world.db, claim.recipient, day(7, 8))
    expect(s).toMatchObject({ regionalSummary: true, all: false, datasets: [], organisations: [] })
    // Next week: only the other member.
    expect(await queueRegionalSummary(world.db, config, day(14, 7), SECRET)).toBe(1)
  })
})
