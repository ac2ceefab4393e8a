import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { TestDb } from '../helpers/test-db.js'
import { DS_A, ORG_A } from './seed-pages.js'
import { seededApp } from './seeded-app.js'

let t: TestDb
let app: Hono

beforeAll(async () => {
  ;({ t, app } = await seededApp({ lang: 'sv' }))
})

afterAll(async () => {
  await t?.drop()
})

const e = encodeURIComponent

describe('badge routes', () => {
  it('serve a shields.io endpoint for datasets and organisations, each variant, and 404 with an "unknown" badge for an unknown IRI', async () => {
    const ds = await app.request(`/badge/dataset.json?iri=${e(DS_A)}&lang=en`)
    expect(ds.status).toBe(200)
    expect(await ds.json()).toMatchObject({ schemaVersion: 1, label: 'data quality', message: expect.stringMatching(/^\d+\/100$/) })
    const conf = await app.request(`/badge/dataset.json?iri=${e(DS_A)}&variant=conformance&lang=en`)
    expect(await conf.json()).toMatchObject({ label: 'conformance', message: expect.stringMatching(/^(valid|invalid|error|unknown)$/) })
    const avail = await app.request(`/badge/organisation.json?iri=${e(ORG_A)}&variant=availability`)
    expect(await avail.json()).toMatchObject({ label: 'tillgänglighet', message: 'ej bedömd' }) // no probes seeded
    const unknown = await app.request(`/badge/organisation.json?iri=urn:nothing`)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ schemaVersion: 1, message: 'okänd' })
  })

  it('serve SVG with the time of the last check in its title; unknown IRIs still get an SVG', async () => {
    const svg = await (await app.request(`/badge/organisation.svg?iri=${e(ORG_A)}&lang=en`)).text()
    expect(svg).toMatch(/<title>data quality: \d+\/100 \(last checked \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)<\/title>/)
    const unknown = await app.request('/badge/dataset.svg?iri=urn:nothing')
    expect(unknown.status).toBe(200)
    expect(await unknown.text()).toContain('datakvalitet: okänd')
  })
})
