import { describe, expect, it } from 'vitest'
import { harvestSource } from '../../src/harvest/harvest-source.js'
import { createHarvestJob } from '../../src/harvest/harvest-job.js'
import { defaultConfig } from '../../src/config/config.js'
import { generateRdfXmlCatalogue } from './generate-catalogue.js'
import { useServedCatalogue } from './served-catalogue.js'

describe(`re-harvest (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  const cat = useServedCatalogue('gen')
  const { deps, source, live } = cat

  it('reports a removed dataset as withdrawn and a changed one as changed; nothing is deleted; a returning one is restored', async () => {
    cat.body = generateRdfXmlCatalogue({ base: cat.server.origin, datasets: 10 })
    const first = await harvestSource(cat.t.db, source(), deps)
    expect(first.status).toBe('ok')
    if (first.status !== 'ok') return
    expect(first.counts.datasets).toMatchObject({ added: 10, changed: 0, withdrawn: 0, unchanged: 0 })
    expect(first.counts.distributions).toMatchObject({ added: 20 })
    expect(await live()).toBe(10)

    cat.body = generateRdfXmlCatalogue({ base: cat.server.origin, datasets: 10, omit: new Set([3]), changed: new Set([5]) })
    const second = await harvestSource(cat.t.db, source(), deps)
    expect(second.status).toBe('ok')
    if (second.status !== 'ok') return
    expect(second.counts.datasets).toEqual({ added: 0, changed: 1, unchanged: 8, withdrawn: 1, restored: 0, skipped: 0 })
    expect(second.counts.distributions).toMatchObject({ added: 0, changed: 0, unchanged: 18, withdrawn: 2 })

    const removed = await cat.t.db.selectFrom('datasets').selectAll().where('iri', '=', `${cat.server.origin}/dataset/3`).executeTakeFirstOrThrow()
    expect(removed.withdrawn_at).toBeInstanceOf(Date)
    const removedDists = await cat.t.db.selectFrom('distributions').select(['iri', 'withdrawn_at']).where('dataset_iri', '=', removed.iri).execute()
    expect(removedDists).toHaveLength(2)
    for (const d of removedDists) expect(d.withdrawn_at).toBeInstanceOf(Date)
    const changed = await cat.t.db.selectFrom('datasets').selectAll().where('iri', '=', `${cat.server.origin}/dataset/5`).executeTakeFirstOrThrow()
    expect(changed.title).toEqual({ sv: 'Datamängd 5 (ändrad)', en: 'Dataset 5' })
    expect(changed.withdrawn_at).toBeNull()
    expect(await live()).toBe(9)
    const total = await cat.t.db.selectFrom('datasets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(total.n).toBe(10)

    const run = await cat.t.db.selectFrom('harvest_runs').selectAll().where('id', '=', second.runId).executeTakeFirstOrThrow()
    expect(run).toMatchObject({ status: 'ok', added: 0, changed: 1, withdrawn: 1, unchanged: 8, restored: 0, datasets: 9, distributions: 18, http_status: 200 })
    expect(run.counts).toMatchObject({ datasets: { withdrawn: 1, changed: 1 }, distributions: { withdrawn: 2 } })

    cat.body = generateRdfXmlCatalogue({ base: cat.server.origin, datasets: 10, changed: new Set([5]) })
    const third = await harvestSource(cat.t.db, source(), deps)
    if (third.status !== 'ok') throw new Error(JSON.stringify(third.failure))
    expect(third.counts.datasets).toEqual({ added: 0, changed: 0, unchanged: 9, withdrawn: 0, restored: 1, skipped: 0 })
    expect(third.counts.distributions).toMatchObject({ restored: 2, unchanged: 18 })
    const back = await cat.t.db.selectFrom('datasets').select(['withdrawn_at', 'first_seen']).where('iri', '=', `${cat.server.origin}/dataset/3`).executeTakeFirstOrThrow()
    expect(back.withdrawn_at).toBeNull()
    expect(back.first_seen.getTime()).toBe(removed.first_seen.getTime())
  })

  it('runs as the scheduler job, and stops before the next source once the signal aborts', async () => {
    const job = createHarvestJob({ db: cat.t.db, config: { sources: [source()], harvest: defaultConfig.harvest }, fetchDocument: deps.fetchDocument })
    const done = await job({ signal: new AbortController().signal })
    expect(done.map((r) => [r.sourceId, r.status])).toEqual([['gen', 'ok']])
    const stopped = new AbortController()
    stopped.abort()
    expect(await job({ signal: stopped.signal })).toEqual([])
  })
})
