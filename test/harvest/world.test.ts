import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWorld, type World } from '../../src/demo/start-world.js'
import { harvestAll } from '../../src/harvest/harvest-source.js'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { testDeps } from './deps.js'

describe(`harvesting a small simulated region (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let world: World
  let t: TestDb
  const deps = testDeps()
  beforeAll(async () => {
    world = await startWorld({ seed: 7, distributions: 300, hosts: 6 })
    t = await createTestDb()
  })
  afterAll(async () => {
    await deps.engine.close()
    await world?.close()
    await t?.drop()
  })

  it("reads every organisation's catalogue, with the metadata defects exactly where the world put them", async () => {
    const sources = world.catalogues.map((c, i) => ({ id: `org-${i}`, kind: 'dcat' as const, url: c.url, organisation: c.organisationIri }))
    const results = await harvestAll(t.db, { sources }, deps)
    expect(results.filter((r) => r.status !== 'ok')).toEqual([])
    expect(results).toHaveLength(world.catalogues.length)

    const datasets = await t.db.selectFrom('datasets').select(['iri', 'organisation_iri', 'contact_email']).execute()
    const dists = await t.db.selectFrom('distributions').select(['iri', 'dataset_iri', 'download_url', 'access_url', 'format', 'license', 'host']).execute()
    expect(datasets).toHaveLength(world.datasetCount)
    expect(dists).toHaveLength(world.distributionCount)
    const dsByIri = new Map(datasets.map((d) => [d.iri, d]))
    const distByIri = new Map(dists.map((d) => [d.iri, d]))
    let checked = 0
    for (const truth of world.truth()) {
      const d = distByIri.get(truth.distributionIri)
      expect(d, truth.distributionIri).toBeDefined()
      if (!d) continue
      expect(d.dataset_iri).toBe(truth.datasetIri)
      expect([d.download_url, d.access_url]).toContain(truth.url)
      expect(d.host).toBe(truth.host)
      expect(d.format === null).toBe(truth.defects.includes('missing-format'))
      expect(d.license === null).toBe(truth.defects.includes('missing-license'))
      const ds = dsByIri.get(truth.datasetIri)!
      expect(ds.organisation_iri).toBe(truth.organisationIri)
      expect(ds.contact_email === null).toBe(truth.defects.includes('missing-contact'))
      checked++
    }
    expect(checked).toBe(world.distributionCount)

    // The next night nothing changed in the catalogues: everything is unchanged.
    const again = await harvestAll(t.db, { sources }, deps)
    for (const r of again) {
      if (r.status !== 'ok') throw new Error(JSON.stringify(r.failure))
      expect(r.counts.datasets.added + r.counts.datasets.changed + r.counts.datasets.withdrawn).toBe(0)
    }
  })
})
