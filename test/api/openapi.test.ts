import { describe, expect, it } from 'vitest'
import { Ajv } from 'ajv'
import type { AdminActions } from '../../src/api/admin.js'
import { API_ROUTES, ERROR_SCHEMA, openApiDocument } from '../../src/api/openapi.js'
import { DIST_A, DS_A, ORG_A } from '../web/seed-pages.js'
import { useSeededApp } from '../web/seeded-app.js'
import { conformingRequest } from './conformance.js'

const TOKEN = 'test-admin-token-0123456789'

/** Admin actions that start nothing (test/api/admin.test.ts runs them on the real scheduler). */
const idle: AdminActions = {
  startJob: () => 'started',
  recheck: () => 'started',
  contacts: async () => ({ contacts: [], configured: [] }),
  replaceContacts: async (_o, contacts) => contacts,
}

const web = useSeededApp({ deps: { lang: 'sv', adminApi: { token: TOKEN, actions: idle } } })
const request = conformingRequest(() => web.app)

const e = encodeURIComponent
const admin = (method: string, body?: unknown): RequestInit => ({ method, headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) })
/** A request each route answers with success, and one it refuses, by "METHOD path". */
const SAMPLES: Record<string, { ok: string; bad?: string; init?: RequestInit }> = {
  'GET /health': { ok: '' },
  'GET /region': { ok: '?lang=en', bad: '?x=1' },
  'GET /organisations': { ok: '?limit=2', bad: '?limit=0' },
  'GET /organisation': { ok: `?iri=${e(ORG_A)}`, bad: '?iri=urn:none' },
  'GET /organisation/datasets': { ok: `?iri=${e(ORG_A)}&limit=1`, bad: '?iri=urn:none' },
  'GET /organisation/hvd': { ok: `?iri=${e(ORG_A)}`, bad: '?iri=urn:none' },
  'GET /dataset': { ok: `?iri=${e(DS_A)}&lang=en`, bad: '' },
  'GET /distribution': { ok: `?iri=${e(DIST_A)}`, bad: '?iri=urn:none' },
  'GET /problems': { ok: `?organisation=${e(ORG_A)}&limit=2`, bad: '?organisation=x&severity=x' },
  'GET /trend': { ok: `?level=region&key=x&days=10`, bad: '?level=x' },
  'GET /history': { ok: `?level=organisation&key=${e(ORG_A)}&from=2026-11-01&to=2026-11-30&resolution=week`, bad: '?level=region&key=x&to=2026-13-01' },
  'GET /harvest-runs': { ok: '', bad: '?cursor=!' },
  'GET /sweeps': { ok: '?format=json', bad: '?format=pdf' },
  'GET /export/organisations.csv': { ok: '' },
  'POST /admin/harvest': { ok: '', bad: '?x=1', init: admin('POST') },
  'POST /admin/sweep': { ok: '?kind=content', bad: '?kind=x', init: admin('POST') },
  'POST /admin/recheck': { ok: `?iri=${e(DIST_A)}`, bad: '?iri=urn:none', init: admin('POST') },
  'GET /admin/contacts': { ok: `?organisation=${e(ORG_A)}`, bad: '', init: admin('GET') },
  'PUT /admin/contacts': { ok: `?organisation=${e(ORG_A)}`, bad: '?organisation=urn:none', init: admin('PUT', { contacts: [{ email: 'a@example.org' }] }) },
}

describe('the OpenAPI document', () => {
  it('is served as OpenAPI 3.1 and lists every route the app answers under /api, and no other', async () => {
    const res = await request('/api/openapi.json')
    expect(res.status).toBe(200)
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> }
    expect(doc.openapi).toBe('3.1.0')
    const served = new Set(
      web.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && !r.path.includes('*'))
        .map((r) => `${r.method} ${r.path.replace(/\/$/, '')}`)
        .filter((p) => p !== 'GET /api/openapi.json' && p !== 'GET /api/docs'),
    )
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    expect([...served].sort()).toEqual(documented.sort())
    expect(Object.keys(SAMPLES).sort()).toEqual(API_ROUTES.map((r) => `${(r.method ?? 'get').toUpperCase()} ${r.path}`).sort())
  })

  it('has every route answer match its schema, and every refusal match the one error shape', async () => {
    const ajv = new Ajv({ strict: false })
    const error = ajv.compile(ERROR_SCHEMA)
    for (const route of API_ROUTES) {
      const name = `${(route.method ?? 'get').toUpperCase()} ${route.path}`
      const sample = SAMPLES[name]
      const res = await request(`/api${route.path}${sample.ok}`, sample.init)
      expect([name, res.status]).toEqual([name, route.status ?? 200])
      if (route.path.endsWith('.csv')) continue
      const validate = ajv.compile(route.response)
      const body = await res.json()
      expect([name, validate(body), validate.errors]).toEqual([name, true, null])
      if (sample.bad === undefined) continue
      const bad = await request(`/api${route.path}${sample.bad}`, sample.init)
      expect([name, bad.status === 400 || bad.status === 404]).toEqual([name, true])
      expect([name, error(await bad.json())]).toEqual([name, true])
    }
  })

  it('names the bearer scheme on the admin routes, and only there', () => {
    const doc = openApiDocument('en') as { paths: Record<string, Record<string, { security?: unknown }>>; components: { securitySchemes: Record<string, unknown> } }
    expect(doc.components.securitySchemes.adminToken).toMatchObject({ type: 'http', scheme: 'bearer' })
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const op of Object.values(ops)) expect([path, op.security]).toEqual([path, path.startsWith('/api/admin/') ? [{ adminToken: [] }] : undefined])
    }
  })

  it('documents each route\'s query with the schema that validates it, words in both languages, and a readable page', async () => {
    const en = openApiDocument('en') as { paths: Record<string, Record<string, { summary: string; parameters: { name: string }[] }>> }
    const sv = openApiDocument('sv') as typeof en
    for (const r of API_ROUTES) {
      const m = r.method ?? 'get'
      const params = en.paths[`/api${r.path}`][m].parameters.map((p) => p.name)
      expect(params.sort()).toEqual(Object.keys(r.query.schema.properties).sort())
      expect(sv.paths[`/api${r.path}`][m].summary).not.toBe(en.paths[`/api${r.path}`][m].summary)
    }
    const page = await request('/api/docs?lang=en')
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    const text = await page.text()
    expect(text).toContain('<html lang="en">')
    expect(text).toContain('GET /api/problems')
    expect(text).not.toContain('<script')
  })
})
