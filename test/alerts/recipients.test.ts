import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { allRecipients } from '../../src/alerts/recipients.js'
import { queueDigests } from '../../src/alerts/queue-digests.js'
import { defaultConfig, type Config } from '../../src/config/config.js'
import { at, breakFile, DATASET, ORG, SECRET, seedWorld } from './alert-world.js'

/** Who gets the digests: contacts, confirmed followers, opted-in contact points, less what each stopped. */

const A = 'urn:test:dist:a'
let t: TestDb
const base: Config = { ...defaultConfig, alerts: { ...defaultConfig.alerts, contacts: [{ email: 'Kontakt@Kommun.test', organisation: ORG, lang: 'en' }] } }
const withContactPoints: Config = { ...base, alerts: { ...base.alerts, contactPointOrganisations: [ORG] } }

beforeAll(async () => {
  t = await createTestDb()
  await seedWorld(t.db, [A])
  await t.db.updateTable('datasets').set({ contact_email: 'mailto:Data@Kommun.test' }).execute()
}, 120_000)
afterAll(async () => {
  await t.drop()
})

describe('recipients of the digests', () => {
  it("a dataset's dcat:contactPoint gets the alerts only where its organisation opted in", async () => {
    expect((await allRecipients(t.db, base, at(0))).map((r) => r.email)).toEqual(['kontakt@kommun.test'])
    const rs = await allRecipients(t.db, withContactPoints, at(0))
    expect(rs.find((r) => r.email === 'data@kommun.test')).toMatchObject({ role: 'contact-point', lang: 'sv', datasets: [DATASET] })
    await breakFile(t.db, withContactPoints, A, 0)
    expect(await queueDigests(t.db, withContactPoints, at(25), SECRET)).toBe(2)
    const mail = await t.db.selectFrom('outbox').selectAll().where('recipient', '=', 'data@kommun.test').executeTakeFirstOrThrow()
    expect(mail.body_text).toContain('kontaktpunkt för datamängden')
    expect(mail.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' })
  })

  it('one address is one recipient: a contact who also follows keeps the contact role and gets both', async () => {
    await t.db.insertInto('alert_subscriptions').values({ email: 'kontakt@kommun.test', target_kind: 'dataset', target: 'urn:other', status: 'active' }).execute()
    await t.db.insertInto('alert_subscriptions').values({ email: 'pending@reuse.test', target_kind: 'dataset', target: DATASET, status: 'pending' }).execute()
    const rs = await allRecipients(t.db, base, at(30))
    expect(rs).toHaveLength(1)
    expect(rs[0]).toMatchObject({ email: 'kontakt@kommun.test', role: 'contact', lang: 'en', organisations: [ORG], datasets: ['urn:other'] })
  })

  it('an unsubscribe leaves the recipient out; a snooze only until it ends; a scoped stop is carried as an exclusion', async () => {
    await t.db.insertInto('alert_suppressions').values({ recipient: 'kontakt@kommun.test', scope: 'all', until: at(40) }).execute()
    expect(await allRecipients(t.db, base, at(39))).toEqual([])
    expect(await allRecipients(t.db, base, at(41))).toHaveLength(1)
    await t.db.insertInto('alert_suppressions').values({ recipient: 'kontakt@kommun.test', scope: `dataset:${DATASET}`, until: null }).execute()
    expect((await allRecipients(t.db, base, at(41)))[0]).toMatchObject({ excludeDatasets: [DATASET], excludeOrganisations: [] })
    await t.db.updateTable('alert_suppressions').set({ until: null }).where('scope', '=', 'all').execute()
    expect(await allRecipients(t.db, base, at(1000))).toEqual([])
  })
})
