import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { defaultConfig, type Config } from '../../src/config/config.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { startBackground } from '../../src/scheduler/start-background.js'
import { seedDistributions } from '../availability/seed-distributions.js'
import { startLoopbackHosts, type LoopbackHost } from '../queue/loopback-hosts.js'

let t: TestDb
let hosts: LoopbackHost[]
beforeAll(async () => {
  t = await createTestDb()
  hosts = await startLoopbackHosts(2, 5)
})
afterAll(async () => {
  await Promise.all(hosts.map((h) => h.close()))
  await t?.drop()
})

describe(`embedded mode: scheduler + in-process worker (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('the scheduled availability job creates a sweep, the worker in the same process works it, and sweeps do not stack', async () => {
    await seedDistributions(
      t.db,
      hosts.flatMap((h, hi) => [0, 1, 2, 3].map((i) => ({ iri: `urn:bg:${hi}:${i}`, url: `${h.base}/${i === 3 ? 'missing' : 'ok'}/bg/${i}` }))),
    )
    const config: Config = {
      ...defaultConfig,
      http: { ...defaultConfig.http, perHostGapMs: 10 },
      schedule: { ...defaultConfig.schedule, availabilitySweep: '* * * * * *' },
    }
    const engine = createFetchEngine(config.http, { allowPrivateNetworks: true })
    const ran: string[] = []
    const bg = await startBackground({
      db: t.db,
      kind: t.kind,
      config,
      engine,
      // Another part's job plugs in without this module knowing it.
      jobs: { harvest: async ({ name }) => void ran.push(name) },
    })
    try {
      const deadline = Date.now() + 20_000
      for (;;) {
        const done = await t.db.selectFrom('sweeps').select('id').where('status', '=', 'done').execute()
        if (done.length >= 1) break
        if (Date.now() > deadline) throw new Error('no sweep finished')
        await new Promise((r) => setTimeout(r, 100))
      }
      await bg.scheduler.runNow('harvest')
      expect(ran).toEqual(['harvest'])
    } finally {
      const stats = await bg.stop()
      await engine.close()
      expect(stats?.probes).toBeGreaterThanOrEqual(8)
    }
    const sweeps = await t.db.selectFrom('sweeps').selectAll().orderBy('id').execute()
    expect(sweeps[0]).toMatchObject({ trigger: 'schedule', status: 'done', urls: 8, hosts: 2 })
    // Never two running at once: a firing while one runs reuses it.
    expect(sweeps.filter((s) => s.status === 'running').length).toBeLessThanOrEqual(1)
    const perSweep = await t.db
      .selectFrom('probes')
      .select(['sweep_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('sweep_id')
      .execute()
    for (const p of perSweep) expect(Number(p.n)).toBeLessThanOrEqual(8)
  })
})
