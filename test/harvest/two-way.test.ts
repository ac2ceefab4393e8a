import { beforeAll, describe, expect, it } from 'vitest'
import { harvestSource } from '../../src/harvest/harvest-source.js'
import { generateRdfXmlCatalogue } from './generate-catalogue.js'
import { useServedCatalogue } from './served-catalogue.js'

// Runs on whichever database the run uses: PGlite by default, PostgreSQL when
// DATABASE_URL is set (CI runs the suite both ways).
describe(`two-way: a 5,000-dataset RDF/XML catalogue from 127.0.0.1 into ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  const cat = useServedCatalogue('big')
  const { deps } = cat
  beforeAll(() => {
    cat.body = generateRdfXmlCatalogue({ base: cat.server.origin, datasets: 5000 })
  })

  it('harvests every dataset and distribution, then re-harvests them as unchanged', async () => {
    const source = cat.source()
    const first = await harvestSource(cat.t.db, source, deps)
    if (first.status !== 'ok') throw new Error(JSON.stringify(first.failure))
    expect(first.counts.datasets).toMatchObject({ added: 5000, changed: 0, withdrawn: 0 })
    expect(first.counts.distributions).toMatchObject({ added: 10000 })
    const n = await cat.t.db
      .selectFrom('distributions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('host', '=', new URL(cat.server.origin).host)
      .executeTakeFirstOrThrow()
    expect(n.n).toBe(10000)
    const d = await cat.t.db.selectFrom('datasets').selectAll().where('iri', '=', `${cat.server.origin}/dataset/4321`).executeTakeFirstOrThrow()
    expect(d).toMatchObject({ title: { sv: 'Datamängd 4321', en: 'Dataset 4321' }, contact_email: 'data1@example.se', organisation_iri: 'http://dataportal.se/organisation/SE2120001355' })
    const csv = await cat.t.db.selectFrom('distributions').selectAll().where('iri', '=', `${cat.server.origin}/dataset/4321/csv`).executeTakeFirstOrThrow()
    expect(csv).toMatchObject({ download_url: `${cat.server.origin}/files/4321.csv`, format: 'text/csv', byte_size: 5321 })
    const api = await cat.t.db.selectFrom('distributions').selectAll().where('iri', '=', `${cat.server.origin}/dataset/4321/api`).executeTakeFirstOrThrow()
    expect(api).toMatchObject({ format: 'http://publications.europa.eu/resource/authority/file-type/JSON', media_type: 'application/json', download_url: null })

    cat.body = generateRdfXmlCatalogue({ base: cat.server.origin, datasets: 5000, omit: new Set([0, 4999]), changed: new Set([10, 20, 30]) })
    const second = await harvestSource(cat.t.db, source, deps)
    if (second.status !== 'ok') throw new Error(JSON.stringify(second.failure))
    expect(second.counts.datasets).toEqual({ added: 0, changed: 3, unchanged: 4995, withdrawn: 2, restored: 0, skipped: 0 })
    expect(second.counts.distributions).toMatchObject({ unchanged: 9996, withdrawn: 4 })
  })
})
