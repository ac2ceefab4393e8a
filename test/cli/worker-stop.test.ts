/**
 * `datavakt worker` on SIGTERM (issue 10): it stops within seconds, with exit code 0,
 * giving back the hosts it holds when the database answers, and leaving them to their
 * leases (saying so) when it does not; `datavakt sweep`, which works its sweep through the
 * same worker, stops within seconds too. The worker reaches PostgreSQL through a loopback
 * proxy (../faults/silent-proxy.ts) that can go silent mid-host: every database call then
 * waits and never settles, as on a wedged postgres.js connection after a server restart
 * (porsager/postgres#1209), which test/faults/postgres-restart.heavy.test.ts meets by
 * chance. Each answer of the probed hosts takes a minute, so the worker is always inside
 * its first probes when told to stop. PostgreSQL only: PGlite has no connection to lose.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSweep } from '../../src/queue/create-sweep.js'
import { seedDistributions } from '../availability/seed-distributions.js'
import { createTestDb, testDbKinds, type TestDb } from '../helpers/test-db.js'
import { startLoopbackHosts, type LoopbackHost } from '../queue/loopback-hosts.js'
import { datavakt, killStarted, type DatavaktProcess } from '../faults/datavakt-process.js'
import { startSilentProxy, type SilentProxy } from '../faults/silent-proxy.js'

/**
 * What a stop may take, everything included: the hosts' grace (5 s: their probes take a
 * minute, so it is always used up), then at most 2 s per database call, 1 s to close the
 * database and half a second for whatever was given up on (bin/datavakt.js).
 */
const ANSWERING_BOUND_MS = 9_000
const SILENT_BOUND_MS = 12_000
const LEASE_SECONDS = 300

let t: TestDb
let hosts: LoopbackHost[] = []
const proxies: SilentProxy[] = []
let dir: string
let config: string

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const leases = (sweepId: number) =>
  t.db.selectFrom('sweep_hosts').select(['host', 'status', 'leased_by']).where('sweep_id', '=', sweepId).orderBy('host').execute()

/**
 * `datavakt worker` (or `datavakt sweep`, which makes its own sweep), through a proxy of its
 * own, holding both hosts of a new sweep, each with a probe under way.
 */
async function midHost(tag: string, command: 'worker' | 'sweep' = 'worker'): Promise<{ worker: DatavaktProcess; proxy: SilentProxy; sweepId: number }> {
  // The previous test's sweep and URLs are out of the way: this worker holds this test's two hosts only.
  await t.db.updateTable('sweeps').set({ status: 'done', finished_at: new Date() }).where('status', '=', 'running').execute()
  await t.db.updateTable('distributions').set({ withdrawn_at: new Date() }).where('withdrawn_at', 'is', null).execute()
  await seedDistributions(
    t.db,
    hosts.flatMap((h, hi) => Array.from({ length: 3 }, (_, i) => ({ iri: `urn:${tag}:${hi}:${i}`, url: `${h.base}/ok/${tag}/${hi}/${i}` }))),
  )
  if (command === 'worker') await createSweep(t.db, { trigger: 'test' })
  const target = new URL(t.url!)
  const proxy = await startSilentProxy({ host: target.hostname, port: Number(target.port || 5432) })
  proxies.push(proxy)
  const args = command === 'worker' ? ['worker', '--allow-private', '--id', tag] : ['sweep', '--allow-private', '--quiet']
  const worker = datavakt(args, { config, env: { DATABASE_URL: proxy.via(t.url!) } })
  const end = performance.now() + 120_000
  const probing = () => hosts.every((h) => [...h.hits.keys()].some((p) => p.includes(`/${tag}/`)))
  for (;;) {
    const sweep = await t.db.selectFrom('sweeps').select('id').where('status', '=', 'running').executeTakeFirst()
    const held = sweep ? await leases(sweep.id) : []
    if (sweep && held.length === 2 && held.every((l) => l.status === 'leased') && probing()) return { worker, proxy, sweepId: sweep.id }
    if (performance.now() > end || worker.child.exitCode !== null) throw new Error(`${command} never held both hosts:\n${worker.out()}`)
    await sleep(100)
  }
}

/** Sends SIGTERM and waits (at most a minute) for the exit; how long it took. */
async function stopped(worker: DatavaktProcess): Promise<{ exit: Awaited<DatavaktProcess['exited']> | null; ms: number }> {
  const started = performance.now()
  worker.child.kill('SIGTERM')
  const exit = await Promise.race([worker.exited, sleep(60_000).then(() => null)])
  return { exit, ms: Math.round(performance.now() - started) }
}

describe.skipIf(testDbKinds.find((k) => k.kind === 'postgres')!.skip)('datavakt worker on SIGTERM (postgres)', () => {
  beforeAll(async () => {
    t = await createTestDb('postgres')
    hosts = await startLoopbackHosts(2, 60_000)
    dir = mkdtempSync(join(tmpdir(), 'datavakt-wstop-'))
    config = join(dir, 'config.json')
    writeFileSync(
      config,
      JSON.stringify({ lang: 'en', dataDir: join(dir, 'data'), allowPrivateNetworks: true, http: { perHostGapMs: 10 }, availability: { leaseSeconds: LEASE_SECONDS } }),
    )
  }, 120_000)

  afterAll(async () => {
    killStarted()
    await Promise.all(proxies.map((p) => p.close()))
    await Promise.all(hosts.map((h) => h.close()))
    await t?.drop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('mid-host, with the database answering: exits 0 within seconds and gives both hosts back at once', async () => {
    const { worker, sweepId } = await midHost('answering')
    const { exit, ms } = await stopped(worker)
    console.log(`SIGTERM, database answering: gone in ${ms} ms`)
    expect(exit, worker.out()).toEqual({ code: 0, signal: null })
    expect(ms).toBeLessThan(ANSWERING_BOUND_MS)
    expect((await leases(sweepId)).map((l) => [l.status, l.leased_by])).toEqual([
      ['pending', null],
      ['pending', null],
    ])
    expect(worker.out()).not.toMatch(/could not be given back/)
  }, 180_000)

  it('mid-host, with the database silent (calls that never settle): exits 0 within seconds and says its hosts are left to their leases', async () => {
    const { worker, proxy, sweepId } = await midHost('silent')
    proxy.silence()
    const { exit, ms } = await stopped(worker)
    console.log(`SIGTERM, database silent: gone in ${ms} ms`)
    expect(exit, worker.out()).toEqual({ code: 0, signal: null })
    expect(ms).toBeLessThan(SILENT_BOUND_MS)
    // Nothing could be given back: the hosts stay the worker's until their lease expires.
    expect((await leases(sweepId)).map((l) => [l.status, l.leased_by])).toEqual([
      ['leased', 'silent'],
      ['leased', 'silent'],
    ])
    expect(worker.out()).toMatch(/2 hosts could not be given back .*the lease holds them until it expires/)
  }, 180_000)

  it('datavakt sweep, mid-host, with the database silent: exits within seconds, 1 (interrupted), saying the database did not answer', async () => {
    const { worker, proxy, sweepId } = await midHost('sweep', 'sweep')
    proxy.silence()
    const { exit, ms } = await stopped(worker)
    console.log(`SIGTERM, database silent: datavakt sweep gone in ${ms} ms`)
    expect(exit, worker.out()).toEqual({ code: 1, signal: null })
    // Its summary cannot be read either (2 s more than a worker's stop).
    expect(ms).toBeLessThan(SILENT_BOUND_MS + 2_000)
    expect(worker.out()).toMatch(/did not answer within 2 s \(sweep summary\)/)
    expect((await leases(sweepId)).map((l) => l.status)).toEqual(['leased', 'leased'])
  }, 180_000)
})
