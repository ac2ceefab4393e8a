import { availabilityStep } from '../../src/availability/next-availability-state.js'
import { recordProbes } from '../../src/db/probe-store.js'
import { json } from '../../src/db/json.js'
import type { Db } from '../../src/db/database.js'
import { observeProbes } from '../../src/alerts/observe.js'
import { queueDigests } from '../../src/alerts/queue-digests.js'
import { deliverOutbox } from '../../src/alerts/deliver-outbox.js'
import type { WebhookSender } from '../../src/alerts/webhook.js'
import type { Config } from '../../src/config/config.js'
import type { ProbeCode, ProbeOutcome } from '../../src/domain/probe-codes.js'
import { probeResult, SEED_DATASET, seedDistributions } from '../availability/seed-distributions.js'
import { afterAll, beforeAll, expect } from 'vitest'
import { missingPhrases } from '../helpers/phrases.js'
import { Inbox, withSmtp } from '../helpers/smtp-inbox.js'
import { createTestDb, type TestDb } from '../helpers/test-db.js'

/**
 * A small world for the alert tests: one organisation, one dataset (urn:seed:dataset) and
 * its distributions, probes stored and observed as the probe writer does, and a digest
 * run that queues and sends to a real SMTP server on loopback.
 */

export const ORG = 'urn:test:org:1'
export const DATASET = SEED_DATASET
export const SECRET = 'test-secret-test-secret-test-secret-0123'
export const FROM = 'datavakt <datavakt@127.0.0.1>'
export const T0 = Date.parse('2026-12-01T00:00:00Z')
export const at = (h: number) => new Date(T0 + h * 3_600_000)
/** The address of a seeded distribution. */
export const url = (iri: string) => `http://127.0.0.1:9/${iri.split(':').pop()}.csv`

/**
 * A test file's database and loopback SMTP inbox: before its tests the database is made and
 * `seed`ed, then the inbox started; after them, the inbox stopped and the database dropped.
 * `db` is there from the file's first test (and in later hooks).
 */
export function dbAndInbox(seed: (db: Db) => Promise<void> = async () => {}, timeoutMs?: number): { readonly db: Db; readonly inbox: Inbox } {
  let t: TestDb | undefined
  const inbox = new Inbox()
  beforeAll(async () => {
    t = await createTestDb()
    await seed(t.db)
    await inbox.start()
  }, timeoutMs)
  afterAll(async () => {
    await inbox.stop()
    await t?.drop()
  })
  return {
    get db() {
      if (!t) throw new Error('dbAndInbox: the database is made before the first test')
      return t.db
    },
    inbox,
  }
}

export async function seedWorld(db: Db, distributions: string[]): Promise<void> {
  await seedDistributions(db, distributions.map((iri) => ({ iri, url: url(iri) })))
  await db.insertInto('organisations').values({ iri: ORG, name: json({ sv: 'Testkommun', en: 'Test Municipality' }) }).execute()
  await db.updateTable('datasets').set({ organisation_iri: ORG, title: json({ sv: 'Badplatser', en: 'Beaches' }) }).execute()
}

/** A probe of `iri` at hour `h`, stored and observed as the probe writer does. */
export async function probe(db: Db, config: Config, iri: string, h: number, outcome: ProbeOutcome, code: ProbeCode): Promise<void> {
  await probeAt(db, config, iri, at(h), outcome, code)
}

/** A probe of `iri` at `when`, stored and observed as the probe writer does. */
export async function probeAt(db: Db, config: Config, iri: string, when: Date, outcome: ProbeOutcome, code: ProbeCode): Promise<void> {
  const { id } = await db.insertInto('sweeps').values({ status: 'running', trigger: 'test' }).returning('id').executeTakeFirstOrThrow()
  const result = probeResult(url(iri), outcome, code, when)
  await recordProbes(db, id, 'w', [{ distributionIri: iri, host: '127.0.0.1:9', result, at: when }], availabilityStep(config.availability))
  await observeProbes(db, [{ distributionIri: iri, at: when, outcome, code, httpStatus: result.httpStatus, url: result.url }], config.alerts)
}

/** Three failures over 24 h from hour `h`: the file is broken and its alert opens. */
export async function breakFile(db: Db, config: Config, iri: string, h: number): Promise<void> {
  for (const dh of [0, 12, 24]) await probe(db, config, iri, h + dh, 'failing', 'http-404')
}

/** Queues the digests due at hour `h` and sends the outbox to the SMTP server on `port`. */
export async function digestAndSend(db: Db, config: Config, port: number, h: number, webhook?: WebhookSender) {
  const queued = await queueDigests(db, config, at(h), SECRET)
  return { queued, ...(await withSmtp(port, (tx) => deliverOutbox(db, tx, FROM, at(h), webhook))) }
}

/** What a test expects of an e-mail: words of its subject, and phrases of its text. */
export interface Said {
  subject: string
  text: string[]
}

/**
 * Expects `inbox` to hold exactly the messages `said` describes, in order: each subject
 * with its words, each text with its phrases. A failure shows every message's subject and
 * the phrases its text lacks.
 */
export function expectReceived(inbox: Inbox, said: Said[]): void {
  const got = inbox.received.map((m, i) => ({ subject: m.subject ?? '', missing: missingPhrases(m.text, said[i]?.text ?? []) }))
  expect(got).toEqual(said.map((s) => ({ subject: expect.stringContaining(s.subject), missing: [] })))
}

/** The path and query of an absolute link, for app.request. */
export const pathOf = (link: string) => {
  const u = new URL(link)
  return `${u.pathname}${u.search}`
}
