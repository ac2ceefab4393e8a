import { describe, expect, it } from 'vitest'
import { DS_A, ORG_A } from './seed-pages.js'
import { useSeededApp } from './seeded-app.js'

const web = useSeededApp({ deps: { lang: 'sv' } })

const e = encodeURIComponent

describe('badge routes', () => {
  it('serve a shields.io endpoint for datasets and organisations, each variant, and 404 with an "unknown" badge for an unknown IRI', async () => {
    const ds = await web.app.request(`/badge/dataset.json?iri=${e(DS_A)}&lang=en`)
    expect(ds.status).toBe(200)
    expect(await ds.json()).toMatchObject({ schemaVersion: 1, label: 'data quality', message: expect.stringMatching(/^\d+\/100$/) })
    const conf = await web.app.request(`/badge/dataset.json?iri=${e(DS_A)}&variant=conformance&lang=en`)
    expect(await conf.json()).toMatchObject({ label: 'conformance', message: expect.stringMatching(/^(valid|invalid|error|unknown)$/) })
    const avail = await web.app.request(`/badge/organisation.json?iri=${e(ORG_A)}&variant=availability`)
    expect(await avail.json()).toMatchObject({ label: 'tillgänglighet', message: 'ej bedömd' }) // no probes seeded
    const unknown = await web.app.request(`/badge/organisation.json?iri=urn:nothing`)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ schemaVersion: 1, message: 'okänd' })
  })

  it('serve SVG with the time of the last check in its title; unknown IRIs still get an SVG', async () => {
    const svg = await (await web.app.request(`/badge/organisation.svg?iri=${e(ORG_A)}&lang=en`)).text()
    expect(svg).toMatch(/<title>data quality: \d+\/100 \(last checked \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)<\/title>/)
    const unknown = await web.app.request('/badge/dataset.svg?iri=urn:nothing')
    expect(unknown.status).toBe(200)
    expect(await unknown.text()).toContain('datakvalitet: okänd')
  })
})
