import { describe, expect, it } from 'vitest'
import { harvestSource } from '../../src/harvest/harvest-source.js'
import { generateRdfXmlCatalogue } from './generate-catalogue.js'
import { useServedCatalogue } from './served-catalogue.js'

/** Issue 10 defect 7: a catalogue that suddenly lists far fewer datasets does not withdraw them at once. */
describe(`a large drop waits for confirmation (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  const cat = useServedCatalogue('drop') // harvest settings: the defaults, so maxDropShare is 20 %
  const { deps, source, live } = cat

  it('fails a harvest that would withdraw 4 of 10, withdraws them when the next harvest reads the same; a small drop goes at once', async () => {
    cat.body = generateRdfXmlCatalogue({ base: cat.server.origin, datasets: 10 })
    expect((await harvestSource(cat.t.db, source(), deps)).status).toBe('ok')

    cat.body = generateRdfXmlCatalogue({ base: cat.server.origin, datasets: 10, omit: new Set([1, 3, 5, 7]) })
    const cut = await harvestSource(cat.t.db, source(), deps)
    expect(cut).toMatchObject({ status: 'failed', failure: { code: 'dataset-drop' } })
    expect(await live()).toBe(10)

    const confirmed = await harvestSource(cat.t.db, source(), deps)
    if (confirmed.status !== 'ok') throw new Error(JSON.stringify(confirmed.failure))
    expect(confirmed.counts.datasets.withdrawn).toBe(4)
    expect(await live()).toBe(6)

    // 1 of 6 (17 %) is under the share: withdrawn at once.
    cat.body = generateRdfXmlCatalogue({ base: cat.server.origin, datasets: 10, omit: new Set([1, 3, 5, 7, 9]) })
    const small = await harvestSource(cat.t.db, source(), deps)
    expect(small.status).toBe('ok')
    expect(await live()).toBe(5)
  })
})
