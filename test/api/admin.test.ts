import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { defaultConfig } from '../../src/config/config.js'
import { listAlertContacts } from '../../src/alerts/alert-store.js'
import { allRecipients } from '../../src/alerts/recipients.js'
import { adminActions } from '../../src/scheduler/admin-actions.js'
import { startScheduler, type JobEvent, type Scheduler, type ScheduledJobName } from '../../src/scheduler/start-scheduler.js'
import { createApp } from '../../src/web/create-app.js'
import { describeEachDb } from '../helpers/test-db.js'
import { DIST_A, ORG_A, ORG_C, seedPages } from '../web/seed-pages.js'
import { conformingRequest } from './conformance.js'

const TOKEN = 'a-long-admin-token-for-tests-0123'
const e = encodeURIComponent

describeEachDb('the admin API', (t, kind) => {
  let app: Hono
  let scheduler: Scheduler
  const request = conformingRequest(() => app)
  const events: JobEvent[] = []
  const ran: ScheduledJobName[] = []
  const rechecked: string[][] = []
  let releaseHarvest: () => void = () => {}

  beforeAll(async () => {
    await seedPages(t().db)
    const job = (name: ScheduledJobName) => async () => {
      ran.push(name)
      if (name === 'harvest') await new Promise<void>((r) => (releaseHarvest = r))
    }
    // The real scheduler, with jobs that say they ran; the admin API must start these very jobs.
    scheduler = await startScheduler({
      db: t().db,
      kind,
      schedule: defaultConfig.schedule,
      jobs: { harvest: job('harvest'), availabilitySweep: job('availabilitySweep'), contentChecks: job('contentChecks') },
      onEvent: (ev) => events.push(ev),
    })
    const actions = adminActions({
      db: t().db,
      scheduler,
      recheck: async (iris) => void rechecked.push(iris),
      configured: [{ email: 'Config@Example.org', organisation: ORG_A, lang: 'en' }, { email: 'other@example.org', organisation: ORG_C }],
    })
    // A rate limit of one request: the admin endpoints must not count against it.
    app = createApp({ db: t().db, lang: 'en', adminApi: { token: TOKEN, actions }, rateLimit: { burst: 1, perSecond: 0.001, trustForwardedFor: false } })
  })

  afterAll(async () => {
    releaseHarvest()
    await scheduler?.stop()
  })

  const auth = (method: string, body?: unknown): RequestInit => ({
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })

  it('answers 401 with WWW-Authenticate without the token or with a wrong one, and is never cached', async () => {
    const none = await request('/api/admin/harvest', { method: 'POST' })
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="datavakt admin"')
    expect(none.headers.get('cache-control')).toBe('no-store')
    expect(none.headers.get('access-control-allow-origin')).toBeNull() // not a public read
    expect(await none.json()).toEqual({ error: { code: 'unauthorized', message: expect.stringMatching(/Authorization: Bearer/) } })
    for (const header of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, TOKEN]) {
      const res = await request('/api/admin/harvest', { method: 'POST', headers: { Authorization: header } })
      expect([header, res.status]).toEqual([header, 401])
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="datavakt admin"/)
    }
    expect(ran).toEqual([])
  })

  it("starts the scheduler's own jobs: 202, then 409 while one still runs", async () => {
    const first = await request('/api/admin/harvest', auth('POST'))
    expect(first.status).toBe(202)
    expect(await first.json()).toEqual({ job: 'harvest', status: 'started' })
    const again = await request('/api/admin/harvest', auth('POST'))
    expect(again.status).toBe(409)
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('conflict')
    releaseHarvest()
    await expect.poll(() => events.some((ev) => ev.name === 'harvest' && ev.status === 'done')).toBe(true)
    expect((await request('/api/admin/sweep', auth('POST'))).status).toBe(202)
    expect((await request('/api/admin/sweep?kind=content', auth('POST'))).status).toBe(202)
    expect((await request('/api/admin/sweep?kind=weekly', auth('POST'))).status).toBe(400)
    await expect.poll(() => [...ran].sort()).toEqual(['availabilitySweep', 'contentChecks', 'harvest'])
    // Through the scheduler: its events tell of each, as of a scheduled run.
    expect(events.filter((ev) => ev.status === 'started').map((ev) => ev.name).sort()).toEqual(['availabilitySweep', 'contentChecks', 'harvest'])
  })

  it('re-checks one known distribution now, and 404s an unknown one', async () => {
    const res = await request(`/api/admin/recheck?iri=${e(DIST_A)}`, auth('POST'))
    expect(res.status).toBe(202)
    expect(await res.json()).toEqual({ job: 'recheck', status: 'started', iri: DIST_A })
    await expect.poll(() => rechecked).toEqual([[DIST_A]])
    const unknown = await request(`/api/admin/recheck?iri=${e('urn:none')}`, auth('POST'))
    expect(unknown.status).toBe(404)
    expect((await request('/api/admin/recheck', auth('POST'))).status).toBe(400)
  })

  it("reads and replaces an organisation's contacts; the digests write to them", async () => {
    const path = `/api/admin/contacts?organisation=${e(ORG_A)}`
    const before = await request(path, auth('GET'))
    expect(await before.json()).toEqual({ organisation: ORG_A, contacts: [], configured: [{ email: 'Config@Example.org', lang: 'en' }] })
    const put = await request(path, auth('PUT', { contacts: [{ email: 'Data@Example.org', lang: 'en' }, { email: 'gis@example.org' }, { email: 'data@example.org' }] }))
    expect(put.status).toBe(200)
    const after = { organisation: ORG_A, contacts: [{ email: 'data@example.org', lang: 'sv' }, { email: 'gis@example.org', lang: 'sv' }], configured: [{ email: 'Config@Example.org', lang: 'en' }] }
    expect(await put.json()).toEqual(after)
    expect(await (await request(path, auth('GET'))).json()).toEqual(after)
    const recipients = (await allRecipients(t().db, { alerts: { ...defaultConfig.alerts, contacts: [] } }, new Date())).map((r) => [r.email, r.organisations])
    expect(recipients).toEqual([['data@example.org', [ORG_A]], ['gis@example.org', [ORG_A]]])
    for (const body of [{ contacts: [{ email: 'not an address' }] }, { contacts: [{ email: 'a@b.se', lang: 'de' }] }, { people: [] }, 'x']) {
      const bad = await request(path, auth('PUT', body))
      expect([JSON.stringify(body), bad.status]).toEqual([JSON.stringify(body), 400])
    }
    expect((await request(`/api/admin/contacts?organisation=${e('urn:nobody')}`, auth('GET'))).status).toBe(404)
    expect((await request(path, auth('PUT', { contacts: [] }))).status).toBe(200)
    expect(await listAlertContacts(t().db, ORG_A)).toEqual([])
  })

  it('is off (404, saying so) without a configured token, whatever the request carries', async () => {
    const off = createApp({ db: t().db, lang: 'en' })
    const offRequest = conformingRequest(() => off)
    for (const init of [auth('POST'), { method: 'POST' }]) {
      const res = await offRequest('/api/admin/harvest', init)
      expect(res.status).toBe(404)
      expect(await res.json()).toEqual({ error: { code: 'admin-off', message: expect.stringMatching(/web\.adminToken/) } })
    }
  })

  it('is not rate-limited, while public reads are', async () => {
    expect((await request('/api/region')).status).toBe(200)
    expect((await request('/api/region')).status).toBe(429)
    for (let i = 0; i < 3; i++) expect((await request(`/api/admin/contacts?organisation=${e(ORG_A)}`, auth('GET'))).status).toBe(200)
  })
})
