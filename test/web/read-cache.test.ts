import { sql, type KyselyPlugin } from 'kysely'
import { expect, it, vi } from 'vitest'
import { createApp } from '../../src/web/create-app.js'
import { json } from '../../src/db/json.js'
import { isCachedRead } from '../../src/web/read-cache.js'
import { describeEachDb } from '../helpers/test-db.js'
import { DS_A, ORG_A, seedPages } from './seed-pages.js'

/** Counts the database statements the app runs (the cache's whole point is to run fewer). */
function counting(): { plugin: KyselyPlugin; count: () => number } {
  let n = 0
  return {
    plugin: { transformQuery: (args) => (n++, args.node), transformResult: async (args) => args.result },
    count: () => n,
  }
}

const e = encodeURIComponent
const orgPage = `/organisation?iri=${e(ORG_A)}&lang=en`

describeEachDb('the answer cache of public reads', (t) => {
  let clock = 1_000_000
  const setup = async () => {
    const c = counting()
    const app = createApp({ db: t().db.withPlugin(c.plugin), lang: 'sv', logError: () => {}, readCache: { maxMb: 4, maxAgeSeconds: 60, checkMs: 0 } })
    return { app, count: c.count }
  }
  // createApp takes no clock; the cache's own tests of age use the middleware's clock below.

  it('answers a page again without reading it again while nothing was written, and afresh once something was', async () => {
    await seedPages(t().db)
    const { app, count } = await setup()
    const first = await app.request(orgPage, { headers: { 'accept-encoding': 'br' } })
    expect(first.status).toBe(200)
    const body = await first.arrayBuffer()
    const afterFirst = count()
    const again = await app.request(orgPage, { headers: { 'accept-encoding': 'br' } })
    expect(again.headers.get('content-encoding')).toBe('br') // kept as sent
    expect(Buffer.from(await again.arrayBuffer()).equals(Buffer.from(body))).toBe(true)
    expect(count() - afterFirst).toBe(1) // the generation only

    await t().db.updateTable('organisations').set({ name: json({ en: 'Gothenburg renamed' }) }).where('iri', '=', ORG_A).execute()
    const fresh = await (await app.request(orgPage)).text()
    expect(fresh).toContain('Gothenburg renamed')
  })

  it('serves what it kept, proven by a write it was not told of, until the generation moves', async () => {
    const { app } = await setup()
    const db = t().db
    expect(await (await app.request(orgPage)).text()).toContain('Gothenburg renamed')
    await sql`alter table organisations disable trigger read_generation_bump`.execute(db)
    await db.updateTable('organisations').set({ name: json({ en: 'Unseen name' }) }).where('iri', '=', ORG_A).execute()
    await sql`alter table organisations enable trigger read_generation_bump`.execute(db)
    expect(await (await app.request(orgPage)).text()).toContain('Gothenburg renamed')
    await sql`select nextval('read_generation')`.execute(db)
    expect(await (await app.request(orgPage)).text()).toContain('Unseen name')
  })

  it('many requests for a page nobody has read yet read it once', async () => {
    const { app, count } = await setup()
    const one = `/dataset?iri=${e(DS_A)}&lang=en`
    const before = count()
    await app.request(one)
    const single = count() - before - 1
    await sql`select nextval('read_generation')`.execute(t().db)
    const start = count()
    const answers = await Promise.all(Array.from({ length: 10 }, () => app.request(one)))
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200))
    expect(count() - start).toBeLessThanOrEqual(single + 10) // one read of the page, and at most a generation look each
  })

  it('keeps 200s of public reads only: not a 404, not the admin API, not health; a kept badge answers If-None-Match with 304', async () => {
    const { app } = await setup()
    const db = t().db
    const later = '/organisation?iri=urn:later&lang=en'
    expect((await app.request(later)).status).toBe(404)
    // Written unseen by the generation: only a 404 that was not kept can turn into the page.
    await sql`alter table organisations disable trigger read_generation_bump`.execute(db)
    await db.insertInto('organisations').values({ iri: 'urn:later', name: json({ en: 'Later' }) }).execute()
    await sql`alter table organisations enable trigger read_generation_bump`.execute(db)
    expect((await app.request(later)).status).toBe(200)
    for (const live of ['/api/health', '/api/admin/harvest', '/api/work-runs', '/healthz', '/metrics', '/admin/outbox', '/alerts/link']) expect(isCachedRead(live)).toBe(false)
    for (const read of ['/', '/organisation', '/dataset', '/distribution', '/badge/dataset.svg', '/feed/dataset.atom', '/api/region', '/api/history']) expect(isCachedRead(read)).toBe(true)

    const badge = `/badge/dataset.svg?iri=${e(DS_A)}`
    const first = await app.request(badge)
    const tag = first.headers.get('etag')
    expect(tag).toBeTruthy()
    const revalidated = await app.request(badge, { headers: { 'if-none-match': tag! } })
    expect(revalidated.status).toBe(304)
    expect(revalidated.headers.get('etag')).toBe(tag)
    expect(revalidated.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('an answer older than maxAgeSeconds is read again even if the generation stayed', async () => {
    const c = counting()
    const { readCache } = await import('../../src/web/read-cache.js')
    const { Hono } = await import('hono')
    let reads = 0
    const app = new Hono()
    app.use(readCache(t().db.withPlugin(c.plugin), { maxMb: 1, maxAgeSeconds: 10, checkMs: 0 }, () => clock))
    app.get('/api/region', (ctx) => ctx.json({ reads: ++reads }))
    expect(await (await app.request('/api/region')).json()).toEqual({ reads: 1 })
    clock += 9_000
    expect(await (await app.request('/api/region')).json()).toEqual({ reads: 1 })
    clock += 2_000
    expect(await (await app.request('/api/region')).json()).toEqual({ reads: 2 })
  })

  it('looks at the generation ahead of need: past half of checkMs a request is answered with the last look while the next one runs, past checkMs it waits', async () => {
    const { readCache } = await import('../../src/web/read-cache.js')
    const { Hono } = await import('hono')
    let reads = 0
    const app = new Hono()
    app.use(readCache(t().db, { maxMb: 1, maxAgeSeconds: 60, checkMs: 1000 }, () => clock))
    app.get('/api/region', (ctx) => ctx.json({ reads: ++reads }))
    const read = async () => (await (await app.request('/api/region')).json()) as { reads: number }
    const bump = () => sql`select nextval('read_generation')`.execute(t().db)
    expect(await read()).toEqual({ reads: 1 })
    await bump()
    clock += 400
    expect(await read()).toEqual({ reads: 1 }) // under half of checkMs: no look
    clock += 200
    expect(await read()).toEqual({ reads: 1 }) // a look starts; this answer does not wait for it
    await vi.waitFor(async () => expect(await read()).toEqual({ reads: 2 })) // once it is back, the write shows
    await bump()
    clock += 1000
    expect(await read()).toEqual({ reads: 3 }) // the last look a whole checkMs old: waits for the next
  })
})
