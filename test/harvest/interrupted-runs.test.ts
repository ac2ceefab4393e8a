import { spawnSync } from 'node:child_process'
import { hostname } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarvestRun, syncCatalogueSources } from '../../src/db/harvest-runs.js'
import { startCheckRun } from '../../src/db/content-store.js'
import { interruptOrphanedRuns, runOwner } from '../../src/db/run-owner.js'
import { harvestAll } from '../../src/harvest/harvest-source.js'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { testDeps } from './deps.js'

/** Issue 10 defect 10: a killed harvest's run must not stay 'running' forever. */
describe(`runs left 'running' (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestDb
  const deps = testDeps()
  beforeAll(async () => {
    t = await createTestDb()
    await syncCatalogueSources(t.db, [{ id: 'src', kind: 'dcat', url: 'http://127.0.0.1:9/catalog.rdf' }])
  })
  afterAll(async () => {
    await deps.engine.close()
    await t?.drop()
  })
  const statusOf = async (id: number) =>
    (await t.db.selectFrom('harvest_runs').select(['status', 'error_code']).where('id', '=', id).executeTakeFirstOrThrow())

  it('marks runs of a gone owner interrupted on the next harvest and leaves live ones running', async () => {
    // A process that has exited: its id is dead (pid reuse within the test is not a concern).
    const dead = spawnSync(process.execPath, ['-e', 'process.pid'], { stdio: 'ignore' }).pid
    const here = runOwner()
    const [, herePid] = here.split(' ')
    const mine = await startHarvestRun(t.db, 'src')
    const killed = await startHarvestRun(t.db, 'src', `${hostname()} ${dead} 1`)
    const sameIdEarlierStart = await startHarvestRun(t.db, 'src', `${hostname()} ${herePid} 1`)
    const beforeOwners = await startHarvestRun(t.db, 'src')
    await t.db.updateTable('harvest_runs').set({ owner: null }).where('id', '=', beforeOwners).execute()
    const otherHost = await startHarvestRun(t.db, 'src', `another-host.invalid ${dead} 1`)

    expect((await t.db.selectFrom('harvest_runs').select('owner').where('id', '=', mine).executeTakeFirstOrThrow()).owner).toBe(here)
    // The next harvest (here of no source at all) closes the orphans first.
    await harvestAll(t.db, { sources: [] }, deps)
    expect(await statusOf(killed)).toEqual({ status: 'interrupted', error_code: 'interrupted' })
    expect(await statusOf(sameIdEarlierStart)).toEqual({ status: 'interrupted', error_code: 'interrupted' })
    expect(await statusOf(beforeOwners)).toEqual({ status: 'interrupted', error_code: 'interrupted' })
    expect((await statusOf(mine)).status).toBe('running')
    expect((await statusOf(otherHost)).status).toBe('running')
    // Nothing more to do the second time.
    expect(await interruptOrphanedRuns(t.db)).toEqual({ harvestRuns: [], checkRuns: [] })
  })

  it('content runs too: a dead owner’s run is interrupted, a live one keeps running', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.pid'], { stdio: 'ignore' }).pid
    const mine = await startCheckRun(t.db, 'content', new Date())
    const killed = await startCheckRun(t.db, 'content', new Date(), `${hostname()} ${dead} 1`)
    expect(await interruptOrphanedRuns(t.db)).toEqual({ harvestRuns: [], checkRuns: [killed] })
    const status = async (id: number) => (await t.db.selectFrom('check_runs').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status
    expect(await status(killed)).toBe('interrupted')
    expect(await status(mine)).toBe('running')
  })
})
