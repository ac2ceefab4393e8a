import { describe, expect, it } from 'vitest'
import { json } from '../../src/db/json.js'
import { periodOf } from '../../src/read-model/score-history.js'
import { DIST_A, ORG_A } from '../web/seed-pages.js'
import { useSeededApp } from '../web/seeded-app.js'
import { conformingRequest } from './conformance.js'

const request = conformingRequest(() => web.app)
const now = Date.now()

const web = useSeededApp({
  deps: { lang: 'sv' },
  prepare: async (t) => {
    const sweep = await t.db.insertInto('sweeps').values({ status: 'done', trigger: 'schedule', finished_at: new Date(now - 1000) }).returning('id').executeTakeFirstOrThrow()
    await t.db.insertInto('sweep_hosts').values({ sweep_id: sweep.id, host: '127.0.0.2', status: 'done' }).execute()
    const probe = (minutesAgo: number, code: string, status: number | null, outcome: 'ok' | 'failing') => ({
      sweep_id: minutesAgo === 10 ? sweep.id : null, // one probe per file per sweep
      distribution_iri: DIST_A,
      url: 'http://127.0.0.2/bad.csv',
      host: '127.0.0.2',
      at: new Date(now - minutesAgo * 60_000),
      outcome,
      code,
      http_status: status,
      elapsed_ms: 12,
      findings: json(code === 'ok' ? [] : [{ code: 'http-404', message: 'stored words' }]),
    })
    await t.db.insertInto('probes').values([probe(10, 'http-404', 404, 'failing'), probe(70, 'http-404', 404, 'failing'), probe(130, 'ok', 200, 'ok'), probe(60 * 24 * 40, 'ok', 200, 'ok')]).execute()
  },
})

const get = async (path: string) => {
  const res = await request(path)
  return { status: res.status, body: (await res.json()) as any }
}

describe('API resources', () => {
  it('a distribution with its availability state and its probes of the last days, newest first, paged', async () => {
    const iri = encodeURIComponent(DIST_A)
    const { status, body } = await get(`/api/distribution?iri=${iri}&limit=2&lang=en`)
    expect(status).toBe(200)
    expect(body.distribution).toMatchObject({ iri: DIST_A, downloadUrl: 'http://127.0.0.2/bad.csv', availability: { state: 'broken', last_code: 'http-404' } })
    expect(body.total).toBe(3) // the probe 40 days ago is outside the default 30 days
    expect(body.probes.map((p: { code: string }) => p.code)).toEqual(['http-404', 'http-404'])
    expect(body.probes[0].findings[0]).toMatchObject({ code: 'http-404', params: {} })
    expect(body.next).toBeTruthy()
    expect((await get(`/api/distribution?iri=${iri}&days=60`)).body.total).toBe(4)
    const missing = await get(`/api/distribution?iri=urn:nothing&lang=en`)
    expect(missing.status).toBe(404)
    expect(missing.body.error).toMatchObject({ code: 'not-found', message: expect.stringMatching(/No distribution with the IRI urn:nothing/) })
  })

  it('the availability badge is the uptime of conclusive probes over 30 days, titled with the last probe', async () => {
    const res = await request(`/badge/dataset.json?iri=${encodeURIComponent('https://catalog.example/ds/badplatser')}&variant=availability&lang=en`)
    expect(await res.json()).toMatchObject({ label: 'availability', message: '33.3 %' })
  })

  it('score history per dimension by day, week and month, and CSV of it', async () => {
    const base = `/api/history?level=organisation&key=${encodeURIComponent(ORG_A)}&from=2026-11-01&to=2026-11-30`
    const days = await get(`${base}&resolution=day`)
    expect(days.body.points.map((p: { period: string }) => p.period)).toEqual(['2026-11-19', '2026-11-20'])
    expect(days.body.points[0]).toEqual({ period: '2026-11-19', days: 1, total: expect.any(Number), availability: null, freshness: null, format: expect.any(Number), conformance: expect.any(Number), metadata: expect.any(Number) })
    const week = await get(`${base}&resolution=week`)
    expect(week.body.points).toHaveLength(1)
    expect(week.body.points[0]).toMatchObject({ period: '2026-11-16', days: 2 })
    expect((await get(`${base}&resolution=month`)).body.points[0]).toMatchObject({ period: '2026-11-01', days: 2 })
    const csv = await (await request(`${base}&format=csv&sep=semicolon`)).text()
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('period;days;total;availability;freshness;format;conformance;metadata')
    expect(periodOf('2026-11-22', 'week')).toBe('2026-11-16') // a Sunday belongs to the week from Monday
    expect(periodOf('2026-11-23', 'week')).toBe('2026-11-23')
  })

  it('refuses a history range that is backwards, too long, or names a day that does not exist', async () => {
    const base = `/api/history?level=region&key=x&lang=en`
    for (const [q, msg] of [
      ['&from=2026-11-30&to=2026-11-01', /"from" must come before "to"/],
      ['&from=2000-01-01&to=2026-11-01', /within 3660 days/],
      ['&from=2026-02-30', /"from" has a value that is not valid/],
      ['&resolution=year', /"resolution" must be one of day, week, month/],
    ] as const) {
      const res = await get(base + q)
      expect([q, res.status]).toEqual([q, 400])
      expect(res.body.error.message).toMatch(msg)
    }
  })

  it('harvest runs and sweeps, newest first', async () => {
    const runs = await get('/api/harvest-runs?source=vg')
    expect(runs.body).toMatchObject({ total: 1, runs: [{ source_id: 'vg', status: 'ok', http_status: 200 }], next: null })
    expect((await get('/api/harvest-runs?source=other')).body.total).toBe(0)
    const sweeps = await get('/api/sweeps')
    expect(sweeps.body).toMatchObject({ total: 1, sweeps: [{ status: 'done', trigger: 'schedule', hosts_done: 1 }] })
    const csv = await (await request('/api/sweeps', { headers: { Accept: 'text/csv' } })).text()
    expect(csv).toMatch(/^id,kind,status,trigger,created_at,finished_at,hosts,hosts_done,urls\r\n\d+,/)
  })
})
