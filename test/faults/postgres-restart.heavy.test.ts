/**
 * Fault (issue 10): PostgreSQL restarts mid-sweep, 10 times in a row. Two `datavakt worker`
 * processes work each sweep on a PostgreSQL cluster of this test's own (own-postgres.ts,
 * so no other test is disturbed); while they are in the middle of it, the server is
 * fast-stopped, stays down a moment and starts again. What must hold: every sweep finishes,
 * every URL of it probed exactly once (the unique key refuses a second row; a missing one
 * would leave the sweep open), no worker wedges or dies (both still there after the tenth
 * restart), and SIGTERM ends both with exit code 0 within seconds. The sweeps are created
 * here, as the scheduler does. A round whose sweep was already done when the server went
 * down did not restart it mid-sweep: it is not counted, and another round is run.
 *
 * After restarts, postgres.js 3.4.9 can leave a pooled connection whose writes are never
 * flushed (its teardown cancels the deferred write without clearing it; LanternOps/breeze#3225,
 * porsager/postgres#1209), so a call on it waits for its 30 s deadline. A missed deadline,
 * or a call whose connection went away, now replaces the worker's whole postgres.js pool
 * (src/db/postgres-js-pool.ts), so later calls no longer land on the wedged connection one
 * after another; test/db/wedged-connection.test.ts shows that on its own. What a wedge
 * still costs here is the first call's 30 s, plus the 30 s a host whose write failed is
 * left alone (releaseHost's notBefore in run-worker.ts): rounds took 5-70 s both before
 * and after the change on a loaded 2-core machine (printed per round). A stop does not wait
 * on such calls (src/queue/worker-stop.ts, bin/datavakt.js): it used to take 30 s to over
 * 90 s, and now takes under 10 (1.5-7.7 s measured; the time is printed). Whether a worker
 * holds a wedged connection when SIGTERM comes is chance here; test/cli/worker-stop.test.ts
 * makes a database that never answers on purpose.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type OpenDatabase } from '../../src/db/open-database.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { createSweep } from '../../src/queue/create-sweep.js'
import { seedDistributions } from '../availability/seed-distributions.js'
import { startLoopbackHosts, type LoopbackHost } from '../queue/loopback-hosts.js'
import { datavakt, killStarted, type DatavaktProcess } from './datavakt-process.js'
import { ownPostgresAvailable, startOwnPostgres, type OwnPostgres } from './own-postgres.js'

const ROUNDS = 10
const HOSTS = 4
const PER_HOST = 12
/** Each answer waits this long, so a sweep lasts seconds and a restart lands in its middle. */
const DELAY_MS = 600
const DOWN_MS = 2000

let server: OwnPostgres
let database: OpenDatabase
let hosts: LoopbackHost[] = []
let dir: string
const workers: DatavaktProcess[] = []

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Asks until the database answers (it may be restarting) and `ok` holds; false after `ms`. */
async function until(ok: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = performance.now() + ms
  while (performance.now() < end) {
    if (await ok().catch(() => false)) return true
    await sleep(100)
  }
  return false
}

const probesOf = async (sweepId: number) =>
  Number((await database.db.selectFrom('probes').select((eb) => eb.fn.countAll<number>().as('n')).where('sweep_id', '=', sweepId).executeTakeFirstOrThrow()).n)

describe.skipIf(!ownPostgresAvailable)('PostgreSQL restarts mid-sweep', () => {
  beforeAll(async () => {
    server = await startOwnPostgres()
    database = await openDatabase({ databaseUrl: server.url, maxConnections: 2 })
    await migrateToLatest(database.db)
    hosts = await startLoopbackHosts(HOSTS, DELAY_MS)
    await seedDistributions(
      database.db,
      hosts.flatMap((h, hi) => Array.from({ length: PER_HOST }, (_, i) => ({ iri: `urn:pgr:${hi}:${i}`, url: `${h.base}/ok/pgr/${hi}/${i}` }))),
    )
    dir = mkdtempSync(join(tmpdir(), 'datavakt-pgr-'))
    const config = join(dir, 'config.json')
    writeFileSync(config, JSON.stringify({ lang: 'en', dataDir: join(dir, 'data'), allowPrivateNetworks: true, http: { perHostGapMs: 10 }, availability: { leaseSeconds: 5 } }))
    for (const id of ['w1', 'w2']) workers.push(datavakt(['worker', '--allow-private', '--id', id], { config, env: { DATABASE_URL: server.url } }))
    await Promise.all(workers.map((w) => w.waitFor(/worker .* started|started/i, 120_000)))
  }, 300_000)

  afterAll(async () => {
    killStarted()
    await database?.close()
    await Promise.all(hosts.map((h) => h.close()))
    await server?.destroy()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it(`${ROUNDS} times in a row: every sweep finishes with every URL probed once, no worker wedges or dies`, async () => {
    const urls = HOSTS * PER_HOST
    const took: number[] = []
    // Rounds whose restart came mid-sweep. A round can miss the middle: when a connection
    // wedged in the round before (see the top), the sweep's probes are held back and then
    // written at once, and the sweep is done before its first probe shows. Such a round
    // still restarts the server (between sweeps) and must still hold everything below; it
    // is not counted, and another round is run, up to twice ROUNDS in all.
    let midSweep = 0
    for (let round = 1; midSweep < ROUNDS; round++) {
      expect(round, `only ${midSweep} of ${round - 1} rounds restarted the server mid-sweep`).toBeLessThanOrEqual(2 * ROUNDS)
      const started = performance.now()
      const { sweepId } = await createSweep(database.db, { trigger: 'test' })
      // In the middle: some probes written, most not.
      expect(await until(async () => (await probesOf(sweepId)) > 0, 120_000)).toBe(true)
      const before = await probesOf(sweepId)
      const statusAtRestart = (await database.db.selectFrom('sweeps').select('status').where('id', '=', sweepId).executeTakeFirstOrThrow()).status
      await server.restart(DOWN_MS)
      const done = await until(
        async () => (await database.db.selectFrom('sweeps').select('status').where('id', '=', sweepId).executeTakeFirstOrThrow()).status === 'done',
        240_000,
      )
      const probed = await probesOf(sweepId)
      took.push(Math.round(performance.now() - started))
      console.log(
        `round ${round}: restarted after ${before} of ${urls} probes, the sweep ${statusAtRestart}; sweep ${done ? 'done' : 'NOT done'} in ${took.at(-1)} ms with ${probed} probes`,
      )
      expect(done, `sweep of round ${round} did not finish:\n${workers.map((w) => w.out().slice(-2000)).join('\n---\n')}`).toBe(true)
      expect(probed).toBe(urls)
      expect(workers.map((w) => w.child.exitCode), `a worker is gone:\n${workers.map((w) => w.out().slice(-2000)).join('\n---\n')}`).toEqual([null, null])
      // Mid-sweep: it was still running when the server went down (on a slow machine all its probes may be written by then, its hosts not yet released).
      if (statusAtRestart === 'running') midSweep++
    }
    // Every sweep left nothing leased or pending behind.
    const open = await database.db.selectFrom('sweep_hosts').select('host').where('status', '<>', 'done').execute()
    expect(open).toEqual([])

  }, 40 * 60_000)

  it('after the restarts, SIGTERM ends both workers with code 0 within 15 s', async () => {
    const stopStarted = performance.now()
    for (const w of workers) w.child.kill('SIGTERM')
    const exits = await Promise.race([Promise.all(workers.map((w) => w.exited)), sleep(15_000).then(() => null)])
    console.log(`SIGTERM: both workers gone in ${Math.round(performance.now() - stopStarted)} ms`)
    expect(exits, `still running 15 s after SIGTERM:\n${workers.map((w) => w.out().slice(-2000)).join('\n---\n')}`).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ])
  }, 5 * 60_000)
})
