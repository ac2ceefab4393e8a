import { describe, expect, it } from 'vitest'
import { json } from '../../src/db/json.js'
import { defaultConfig, type Config } from '../../src/config/config.js'
import type { ProbeCode, ProbeOutcome } from '../../src/domain/probe-codes.js'
import { seedDistributions } from '../availability/seed-distributions.js'
import { computeScores } from '../../src/scoring/compute-scores.js'
import { describeFinding } from '../../src/i18n/catalogue.js'
import { at, dbAndInbox, digestAndSend as sendDigests, expectReceived, ORG, probe as probeWith, url } from './alert-world.js'

const A = 'urn:test:dist:a'
const B = 'urn:test:dist:b'
const C = 'urn:test:dist:c'
const D = 'urn:test:dist:d'
const config: Config = {
  ...defaultConfig,
  web: { ...defaultConfig.web, publicUrl: 'http://127.0.0.1:8080' },
  alerts: { ...defaultConfig.alerts, contacts: [{ email: 'kontakt@kommun.test', organisation: ORG }] },
}

const world = dbAndInbox(async (db) => {
  await seedDistributions(db, [A, B, C, D].map((iri) => ({ iri, url: url(iri) })))
  await db
    .updateTable('datasets')
    .set({ organisation_iri: ORG, title: json({ sv: 'Badplatser\r\nBcc: evil@attacker.test\r\nX-Injected: yes' }) })
    .execute()
})
const { inbox } = world

const probe = (iri: string, h: number, outcome: ProbeOutcome, code: ProbeCode) => probeWith(world.db, config, iri, h, outcome, code)
const digestAndSend = (h: number) => sendDigests(world.db, config, inbox.port, h)

describe('digests over a real SMTP server on loopback', () => {
  it('a URL breaks, crosses the threshold, gets one digest, recovers, and gets one resolved notice', async () => {
    await probe(A, 0, 'failing', 'http-404')
    await probe(A, 12, 'failing', 'http-404')
    expect(await digestAndSend(13)).toMatchObject({ queued: 0, sent: 0 })
    await probe(A, 24, 'failing', 'http-404')
    expect(await digestAndSend(25)).toMatchObject({ queued: 1, sent: 1, waiting: 0 })
    // Later the same day, and the next day with nothing new: nothing more.
    expect(await digestAndSend(30)).toMatchObject({ queued: 0, sent: 0 })
    const broke = { subject: '1 nytt problem', text: ['Filen går inte att hämta', 'http://127.0.0.1:8080/dataset?iri=urn%3Aseed%3Adataset'] }
    expectReceived(inbox, [broke])
    expect(inbox.received[0]!.html).toContain('<h2>Nya problem</h2>')

    await probe(A, 40, 'ok', 'ok')
    await probe(A, 46, 'ok', 'ok')
    expect(await digestAndSend(49)).toMatchObject({ queued: 1, sent: 1 })
    expect(await digestAndSend(73)).toMatchObject({ queued: 0, sent: 0 })
    expectReceived(inbox, [broke, { subject: '1 åtgärdade', text: ['Åtgärdade'] }])
  })

  it('a dataset title with CR/LF injects no header', () => {
    for (const m of inbox.received) {
      expect(m.headers.has('x-injected')).toBe(false)
      expect(m.bcc).toBeUndefined()
      expect(m.to && 'text' in m.to ? m.to.text : '').toBe('kontakt@kommun.test')
    }
    for (const raw of inbox.raw) {
      const head = raw.split(/\r?\n\r?\n/)[0]!
      expect(head).not.toMatch(/^(Bcc|X-Injected):/im)
    }
    // The title reached the message, on one line, as text.
    expect(inbox.received[0]!.text).toContain('Badplatser Bcc: evil@attacker.test X-Injected: yes')
  })

  it('SMTP is down for a while, and then every message arrives exactly once', async () => {
    const port = inbox.port
    await probe(B, 100, 'failing', 'http-5xx')
    await probe(B, 112, 'failing', 'http-5xx')
    await probe(B, 124, 'failing', 'http-5xx')
    await inbox.stop()
    const down = await digestAndSend(125)
    expect(down).toMatchObject({ queued: 1, sent: 0, failed: 1, waiting: 1 })
    // Within the backoff nothing is tried.
    expect(await digestAndSend(125.01)).toMatchObject({ sent: 0, failed: 0, waiting: 1 })
    await inbox.start(port)
    const before = inbox.received.length
    expect(await digestAndSend(126)).toMatchObject({ sent: 1, waiting: 0 })
    expect(await digestAndSend(127)).toMatchObject({ sent: 0, waiting: 0 })
    expect(inbox.received.length - before).toBe(1)
    const ids = inbox.received.map((m) => m.messageId)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('flapping (broken, fine, broken) gives one intermittent alert, not a storm', async () => {
    const before = inbox.received.length
    let queued = 0
    for (let d = 0; d < 10; d++) {
      const h = 200 + d * 24
      await probe(C, h, d % 2 === 0 ? 'failing' : 'ok', d % 2 === 0 ? 'http-5xx' : 'ok')
      queued += (await digestAndSend(h + 1)).queued
    }
    expect(queued).toBe(1)
    expect(inbox.received.length - before).toBe(1)
    const m = inbox.received[inbox.received.length - 1]!
    expect(m.text).toContain('Problemet kommer och går')
  })

  it('an unverified streak opens nothing and sends nothing', async () => {
    const before = inbox.received.length
    for (let d = 0; d < 5; d++) {
      for (const h of [0, 8, 16]) await probe(D, 500 + d * 24 + h, 'unverified', 'rate-limited')
      await digestAndSend(500 + d * 24 + 20)
    }
    expect(await world.db.selectFrom('alerts').selectAll().where('subject', '=', D).executeTakeFirst()).toBeUndefined()
    // What did go out meanwhile is the weekly reminder of the flapping file, nothing new.
    for (const m of inbox.received.slice(before)) {
      expect(m.subject).toContain('0 nya problem')
      expect(m.text).not.toContain('/d.csv')
    }
  })

  it("a broken file's e-mail says what its page says: the file's address, the fix and the points", async () => {
    const E = 'urn:test:dist:e'
    await seedDistributions(world.db, [{ iri: E, url: url(E) }])
    for (const h of [1008, 1020, 1032]) await probe(E, h, 'failing', 'refused')
    await computeScores({ db: world.db, now: at(1032.5) })
    const before = inbox.received.length
    expect(await digestAndSend(1033)).toMatchObject({ queued: 1, sent: 1 })
    const m = inbox.received[before]!
    const text = m.text ?? ''
    const item = text.slice(text.indexOf('Nya problem'))
    expect(item).toContain(`${url(E)}\n`)
    expect(item).toContain('Trasig: Servern vägrar ansluta')
    expect(item).toContain('Så åtgärdar ni det: Servern går inte att nå.')
    expect(item).toMatch(/Att åtgärda det ger [\d,]+ poäng i totalbetyget/)
    expect(text).not.toContain('null')
  })

  it('a probe finding without an HTTP status says nothing of one (not "HTTP null")', () => {
    const f = { code: 'refused', severity: 'error' as const, params: { url: url('urn:x:y'), status: null } }
    expect(describeFinding(f, 'sv').message).not.toContain('null')
    expect(describeFinding(f, 'en').message).not.toContain('null')
  })
})
