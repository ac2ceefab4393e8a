import { describe, expect, it } from 'vitest'
import { json } from '../../src/db/json.js'
import { DS_A, DS_B, ORG_A, ORG_B } from '../web/seed-pages.js'
import { useSeededApp } from '../web/seeded-app.js'
import { expectConforms } from './conformance.js'

const web = useSeededApp({ serve: true })

const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
  const res = await fetch(`${web.base}${path}`)
  await expectConforms('GET', path, res)
  return { status: res.status, body: (await res.json()) as T }
}

type Finding = { code: string; params: Record<string, unknown>; message: string; hint?: string; severity: string }

describe('the JSON API', () => {
  it('lists organisations worst first with their scores, names in the asked language, and exports them as CSV', async () => {
    const sv = await get<{ organisations: { iri: string; name: string | null; scores: { total: number } | null }[] }>('/api/organisations')
    expect(sv.status).toBe(200)
    const names = sv.body.organisations.map((o) => o.name)
    expect(names[0]).toBe('Göteborgs Stad') // Badplatser's problems make it the worst
    expect(names.slice(1).sort()).toEqual(['Ale kommun', null]) // null: the datasets that name no organisation
    const totals = sv.body.organisations.map((o) => o.scores?.total ?? 101)
    expect(totals).toEqual([...totals].sort((a, b) => a - b))
    const en = await get<{ organisations: { name: string | null }[] }>('/api/organisations?lang=en')
    expect(en.body.organisations[0].name).toBe('City of Gothenburg')
    const bytes = new Uint8Array(await (await fetch(`${web.base}/api/export/organisations.csv`)).arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // a BOM, so Excel reads UTF-8
    const csv = new TextDecoder().decode(bytes)
    expect(csv.split('\r\n')[1]).toMatch(/^Göteborgs Stad,http:\/\/dataportal.se\/organisation\/SE2120001355,2026-11-20,/)
  })

  it("sends each finding's code, params and its words in the asked language", async () => {
    for (const [lang, words] of [
      ['en', 'The server answers OK but sends an empty file.'],
      ['sv', 'Servern svarar OK men skickar en tom fil.'],
    ] as const) {
      const org = await get<{ problems: Finding[] }>(`/api/organisation?iri=${encodeURIComponent(ORG_A)}&lang=${lang}`)
      const empty = org.body.problems.find((p) => p.code === 'empty-body')
      expect(empty).toMatchObject({ code: 'empty-body', params: {}, message: words, severity: 'error' })
      const ds = await get<{ distributions: { results: { checkId: string; findings: Finding[] }[] }[] }>(`/api/dataset?iri=${encodeURIComponent(DS_A)}&lang=${lang}`)
      const truncated = ds.body.distributions.flatMap((d) => d.results.flatMap((r) => r.findings)).filter((f) => f.code === 'truncated')
      expect(truncated.map((f) => f.params)).toEqual([{ row: 3 }, { row: 9 }])
      expect(truncated.every((f) => f.message.length > 0 && !f.message.includes('truncated'))).toBe(true)
    }
  })

  it('shows a stored finding that has words and no params (stored before codes) with its stored words', async () => {
    await web.t.db
      .insertInto('check_results')
      .values({ run_id: null, distribution_iri: `${DS_B}/csv`, dataset_iri: DS_B, check_id: 'legacy', dimension: 'format', status: 'warn', findings: json([{ code: 'old-code', severity: 'warning', message: 'Gammal text', hint: 'Gammalt råd' }]), metrics: json({}), facts: json({}), at: new Date('2026-11-20T12:00:00Z') })
      .execute()
    const ds = await get<{ distributions: { results: { checkId: string; findings: Finding[] }[] }[] }>(`/api/dataset?iri=${encodeURIComponent(DS_B)}&lang=en`)
    const legacy = ds.body.distributions[0].results.find((r) => r.checkId === 'legacy')
    expect(legacy?.findings).toEqual([{ code: 'old-code', severity: 'warning', params: {}, message: 'Gammal text', hint: 'Gammalt råd' }])
  })

  it('serves the one problems list, with its total before the limit', async () => {
    const all = await get<{ total: number; problems: Finding[] }>(`/api/problems?organisation=${encodeURIComponent(ORG_A)}&lang=en`)
    expect(all.body.total).toBe(4)
    expect(all.body.problems.map((p) => p.code)).toEqual(['empty-body', 'truncated', 'invalid-url', 'invalid-url'])
    const one = await get<{ total: number; problems: Finding[] }>(`/api/problems?organisation=${encodeURIComponent(ORG_A)}&limit=1`)
    expect(one.body).toMatchObject({ total: 4, problems: [{ code: 'empty-body' }] })
    const none = await get<{ total: number }>(`/api/problems?organisation=${encodeURIComponent(ORG_B)}`)
    expect(none.body.total).toBe(0)
  })

  it('answers bad requests with the one JSON error shape, in the asked language', async () => {
    const cases: [string, number, string, RegExp][] = [
      ['/api/trend?level=galaxy&key=x&lang=en', 400, 'bad-request', /"level" must be one of/],
      ['/api/trend?level=region&key=x&days=0', 400, 'bad-request', /"days" måste vara ett heltal från 1 till 3660/],
      ['/api/trend?level=region', 400, 'bad-request', /"key" krävs/],
      ['/api/problems?lang=en', 400, 'bad-request', /one of the query parameters organisation and dataset/],
      ['/api/problems?organisation=x&limit=-1', 400, 'bad-request', /"limit"/],
      [`/api/dataset?iri=${encodeURIComponent('urn:nope')}&lang=en`, 404, 'not-found', /No dataset with the IRI urn:nope/],
      ['/api/organisation', 400, 'bad-request', /"iri" krävs/],
      ['/api/nowhere?lang=en', 404, 'not-found', /no resource at \/api\/nowhere/],
    ]
    for (const [path, status, code, message] of cases) {
      const res = await get<{ error: { code: string; message: string } }>(path)
      expect([path, res.status]).toEqual([path, status])
      expect(res.body).toEqual({ error: { code, message: expect.stringMatching(message) } })
    }
  })

  it('reads the trend of a level and key over the asked days', async () => {
    const res = await get<{ days: { day: string; total: number }[] }>(`/api/trend?level=organisation&key=${encodeURIComponent(ORG_A)}&days=3660`)
    expect(res.body.days.map((d) => d.day)).toEqual(['2026-11-19', '2026-11-20'])
    const health = await get<{ status: string }>('/api/health')
    expect(health.body).toEqual({ status: 'ok' })
  })
})
