import { afterAll, beforeAll, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describeEachDb, type TestDb } from '../helpers/test-db.js'
import { openDatabase } from '../../src/db/open-database.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { defaultConfig, type HttpConfig } from '../../src/config/config.js'
import { createSweep } from '../../src/queue/create-sweep.js'
import { claimHost } from '../../src/queue/claim-host.js'
import { runSweep } from '../../src/queue/run-sweep.js'
import { failureBackoffMs, runWorker } from '../../src/queue/run-worker.js'
import { seedDistributions } from '../availability/seed-distributions.js'
import { startLoopbackHosts, type LoopbackHost } from './loopback-hosts.js'

const http: HttpConfig = { ...defaultConfig.http, perHostGapMs: 10 }
const availability = { ...defaultConfig.availability, leaseSeconds: 30 }

let t: TestDb
const servers: LoopbackHost[] = []

/** Fresh distributions for one test: `perHost` URLs on each host, every third one missing. */
async function seedHosts(tag: string, hosts: LoopbackHost[], perHost: number): Promise<string[]> {
  await t.db.updateTable('distributions').set({ withdrawn_at: new Date() }).where('withdrawn_at', 'is', null).execute()
  const items = hosts.flatMap((h, hi) =>
    Array.from({ length: perHost }, (_, i) => ({
      iri: `urn:${tag}:${hi}:${i}`,
      url: `${h.base}/${i % 3 === 2 ? 'missing' : 'ok'}/${tag}/${i}`,
    })),
  )
  await seedDistributions(t.db, items)
  return items.map((i) => i.iri)
}

async function probesOf(sweepId: number) {
  return t.db.selectFrom('probes').select(['distribution_iri', 'worker_id', 'host', 'code']).where('sweep_id', '=', sweepId).execute()
}

function hitsUnder(hosts: LoopbackHost[], tag: string): number[] {
  return hosts.flatMap((h) => [...h.hits.entries()].filter(([p]) => p.includes(`/${tag}/`)).map(([, n]) => n))
}

describeEachDb('worker and queue', (db, kind) => {
  beforeAll(async () => {
    t = db()
  })
  afterAll(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()))
  })
  it('sweeps every URL once, at most 2 connections per host, then probes conditionally', async () => {
    const hosts = await startLoopbackHosts(4, 15)
    servers.push(...hosts)
    const iris = await seedHosts('a', hosts, 6)
    await seedDistributions(t.db, [{ iri: 'urn:a:bad-url', url: 'not a url' }])
    const engine = createFetchEngine(http, { allowPrivateNetworks: true })
    try {
      const progress: number[] = []
      const run = await runSweep({ db: t.db, engine, config: { ...defaultConfig, http, availability }, trigger: 'test', onProgress: (p) => progress.push(p.probed), progressMs: 50 })
      const s = run.summary
      expect(s.status).toBe('done')
      expect([s.urls, s.hosts, s.probed]).toEqual([25, 5, 25])
      expect(s.byCode).toEqual({ ok: 16, 'http-404': 8, 'invalid-url': 1 })
      expect(s.byOutcome).toEqual({ ok: 16, failing: 9 })
      expect(progress.at(-1)).toBe(25)
      const rows = await probesOf(s.sweepId)
      expect(new Set(rows.map((r) => r.distribution_iri))).toEqual(new Set([...iris, 'urn:a:bad-url']))
      for (const h of hosts) expect(h.maxConcurrent).toBeLessThanOrEqual(2)
      expect(hitsUnder(hosts, 'a')).toEqual(Array(24).fill(1))
      const open = await t.db.selectFrom('sweep_hosts').select('host').where('sweep_id', '=', s.sweepId).where('status', '<>', 'done').execute()
      expect(open).toEqual([])

      // Second sweep: the ETags seen are sent back; 304 is ok.
      const again = await runSweep({ db: t.db, engine, config: { ...defaultConfig, http, availability }, trigger: 'test' })
      expect(again.summary.byCode).toEqual({ ok: 16, 'http-404': 8, 'invalid-url': 1 })
      expect(hosts[0]!.lastHeaders.get('/ok/a/0')?.['if-none-match']).toBe('"7"')
      const notModified = await t.db
        .selectFrom('probes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('sweep_id', '=', again.summary.sweepId)
        .where('http_status', '=', 304)
        .executeTakeFirstOrThrow()
      expect(notModified.n).toBe(16)
    } finally {
      await engine.close()
    }
  })

  /** A new sweep, stopped (as by Ctrl-C) once `n` probes have been made. */
  const sweepStoppedAfter = (engine: ReturnType<typeof createFetchEngine>, n: number) => {
    const stop = new AbortController()
    let seen = 0
    return runSweep({
      db: t.db,
      engine,
      config: { ...defaultConfig, http, availability },
      trigger: 'test',
      signal: stop.signal,
      worker: { onProbe: () => ++seen === n && stop.abort() },
    })
  }

  it('stops gracefully mid-host: the host goes back to the queue and a later run probes only what is missing', async () => {
    const hosts = await startLoopbackHosts(1, 60)
    servers.push(...hosts)
    await seedHosts('b', hosts, 20)
    const engine = createFetchEngine(http, { allowPrivateNetworks: true })
    try {
      const first = await sweepStoppedAfter(engine, 5)
      expect(first.summary.status).toBe('running')
      expect(first.summary.probed).toBeGreaterThanOrEqual(5)
      expect(first.summary.probed).toBeLessThan(20)
      const row = await t.db.selectFrom('sweep_hosts').selectAll().where('sweep_id', '=', first.summary.sweepId).executeTakeFirstOrThrow()
      expect([row.status, row.leased_by]).toEqual(['pending', null])
      const second = await runSweep({ db: t.db, engine, config: { ...defaultConfig, http, availability }, sweepId: first.summary.sweepId })
      expect([second.summary.status, second.summary.probed]).toEqual(['done', 20])
      expect(second.worker.probes).toBe(20 - first.summary.probed)
      expect(hitsUnder(hosts, 'b')).toEqual(Array(20).fill(1))
    } finally {
      await engine.close()
    }
  })

  it('works a host bigger than its first page of due URLs (32): stopped mid-way, resumed, every URL probed exactly once', async () => {
    const hosts = await startLoopbackHosts(1, 2)
    servers.push(...hosts)
    const iris = await seedHosts('p', hosts, 75)
    const engine = createFetchEngine({ ...http, perHostGapMs: 0 }, { allowPrivateNetworks: true })
    try {
      const first = await sweepStoppedAfter(engine, 40)
      expect(first.summary.probed).toBeGreaterThanOrEqual(40)
      expect(first.summary.probed).toBeLessThan(75)
      const second = await runSweep({ db: t.db, engine, config: { ...defaultConfig, http, availability }, sweepId: first.summary.sweepId })
      expect([second.summary.status, second.summary.probed]).toEqual(['done', 75])
      expect(second.worker.probes).toBe(75 - first.summary.probed)
      expect(new Set((await probesOf(first.summary.sweepId)).map((r) => r.distribution_iri))).toEqual(new Set(iris))
      expect(hitsUnder(hosts, 'p')).toEqual(Array(75).fill(1))
    } finally {
      await engine.close()
    }
  })

  it('pages of a big host grow to the largest and every URL is probed exactly once (32 + 64 + 128 + 256 + the rest)', async () => {
    const hosts = await startLoopbackHosts(1, 2)
    servers.push(...hosts)
    const iris = await seedHosts('g', hosts, 600)
    const engine = createFetchEngine({ ...http, perHostGapMs: 0 }, { allowPrivateNetworks: true })
    try {
      const { summary } = await runSweep({ db: t.db, engine, config: { ...defaultConfig, http, availability } })
      expect([summary.status, summary.probed]).toEqual(['done', 600])
      expect(new Set((await probesOf(summary.sweepId)).map((r) => r.distribution_iri))).toEqual(new Set(iris))
      expect(hitsUnder(hosts, 'g')).toEqual(Array(600).fill(1))
    } finally {
      await engine.close()
    }
  })

  /** The most hosts of a sweep held at once: the overlap of their claim → release spans (database time). */
  async function mostHostsHeld(sweepId: number): Promise<number> {
    const rows = await t.db.selectFrom('sweep_hosts').select(['started_at', 'finished_at']).where('sweep_id', '=', sweepId).execute()
    const edges = rows.flatMap((r) => [
      [new Date(r.started_at!).getTime(), 1],
      [new Date(r.finished_at!).getTime(), -1],
    ])
    // A release before a claim at the same instant: the host let go made room for the next.
    edges.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!)
    let held = 0
    let most = 0
    for (const [, d] of edges) most = Math.max(most, (held += d!))
    return most
  }

  /** Sweeps `perHost` URLs on each of `hosts` with `policy`; every URL probed once; the most hosts held at once. */
  async function hostsHeldSweeping(tag: string, hosts: LoopbackHost[], perHost: number, policy: HttpConfig): Promise<number> {
    await seedHosts(tag, hosts, perHost)
    const engine = createFetchEngine(policy, { allowPrivateNetworks: true })
    try {
      const { summary } = await runSweep({ db: t.db, engine, config: { ...defaultConfig, http: policy, availability } })
      expect([summary.status, summary.probed]).toEqual(['done', hosts.length * perHost])
      expect(hitsUnder(hosts, tag)).toEqual(Array(hosts.length * perHost).fill(1))
      return await mostHostsHeld(summary.sweepId)
    } finally {
      await engine.close()
    }
  }

  it('holds no more hosts than the global slots can keep busy when nothing makes a host wait (no gap)', async () => {
    const hosts = await startLoopbackHosts(8, 20)
    servers.push(...hosts)
    // 4 slots, 2 per host: 2 hosts fill them. Holding all 8 would only stretch each one.
    expect(await hostsHeldSweeping('budget0', hosts, 6, { ...http, perHostGapMs: 0, perHostConnections: 2, globalConcurrency: 4 })).toBe(2)
  })

  it('takes more hosts when their gaps leave the global slots idle', async () => {
    const hosts = await startLoopbackHosts(8)
    servers.push(...hosts)
    // Each host may ask once per 300 ms: 2 hosts use a fraction of the 4 slots, so after a
    // stretch of idle slots the worker takes more hosts.
    expect(await hostsHeldSweeping('budget1', hosts, 8, { ...http, perHostGapMs: 300, perHostConnections: 2, globalConcurrency: 4 })).toBeGreaterThan(2)
  }, 30_000)

  it('a second sweep created while one runs is reused when asked (the scheduler does not stack sweeps)', async () => {
    const a = await createSweep(t.db, { trigger: 'test' })
    const b = await createSweep(t.db, { trigger: 'schedule', reuseRunning: true })
    expect(b).toMatchObject({ sweepId: a.sweepId, reused: true })
    await t.db.updateTable('sweeps').set({ status: 'cancelled' }).where('id', '=', a.sweepId).execute()
  })

  it.runIf(kind === 'postgres')('two workers against one PostgreSQL split the hosts without overlap', async () => {
    const hosts = await startLoopbackHosts(8, 20)
    servers.push(...hosts)
    await seedHosts('c', hosts, 5)
    const { sweepId } = await createSweep(t.db, { trigger: 'test' })
    const other = await openDatabase({ databaseUrl: t.url! })
    const e1 = createFetchEngine(http, { allowPrivateNetworks: true })
    const e2 = createFetchEngine(http, { allowPrivateNetworks: true })
    try {
      const common = { config: { ...defaultConfig, availability, http }, sweepId, untilSweepDone: true, maxHosts: 2, pollMs: 100 }
      const [w1, w2] = await Promise.all([
        runWorker({ ...common, db: t.db, engine: e1, workerId: 'w1' }),
        runWorker({ ...common, db: other.db, engine: e2, workerId: 'w2' }),
      ])
      expect(w1.probes + w2.probes).toBe(40)
      expect(w1.hostsDone).toBeGreaterThan(0)
      expect(w2.hostsDone).toBeGreaterThan(0)
      expect(w1.duplicates + w2.duplicates).toBe(0)
      const rows = await probesOf(sweepId)
      expect(rows).toHaveLength(40)
      const workersPerHost = new Map<string, Set<string>>()
      for (const r of rows) workersPerHost.set(r.host, (workersPerHost.get(r.host) ?? new Set()).add(r.worker_id!))
      expect(workersPerHost.size).toBe(8)
      for (const ws of workersPerHost.values()) expect(ws.size).toBe(1)
      expect(hitsUnder(hosts, 'c')).toEqual(Array(40).fill(1))
      for (const h of hosts) expect(h.maxConcurrent).toBeLessThanOrEqual(2)
    } finally {
      await Promise.all([e1.close(), e2.close(), other.close()])
    }
  })

  it.runIf(kind === 'postgres')('a worker killed mid-host (SIGKILL) leaves a lease that expires; another worker finishes the host with no duplicate rows', async () => {
    const hosts = await startLoopbackHosts(1, 150)
    servers.push(...hosts)
    const iris = await seedHosts('d', hosts, 30)
    const { sweepId } = await createSweep(t.db, { trigger: 'test' })
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./worker-child.ts', import.meta.url))], {
      env: { ...process.env, DATABASE_URL: t.url!, SWEEP_ID: String(sweepId), LEASE_SECONDS: '3', WORKER_ID: 'doomed' },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<void>((r) => child.once('exit', () => r()))
    // Wait until the child has written some probes, then kill it without warning.
    const deadline = Date.now() + 30_000
    let written = 0
    while (written < 6) {
      if (Date.now() > deadline) throw new Error(`child made no progress: ${stderr}`)
      await new Promise((r) => setTimeout(r, 50))
      written = (await probesOf(sweepId)).length
    }
    child.kill('SIGKILL')
    await exited
    const byChild = new Set((await probesOf(sweepId)).map((r) => r.distribution_iri))
    expect(byChild.size).toBeGreaterThanOrEqual(6)
    expect(byChild.size).toBeLessThan(30)
    const lease = await t.db.selectFrom('sweep_hosts').selectAll().where('sweep_id', '=', sweepId).executeTakeFirstOrThrow()
    expect([lease.status, lease.leased_by]).toEqual(['leased', 'doomed'])
    // The lease still holds: nobody may take the host yet.
    expect(await claimHost(t.db, { workerId: 'early', leaseSeconds: 3, sweepId })).toBeNull()

    const engine = createFetchEngine(http, { allowPrivateNetworks: true })
    try {
      const w = await runWorker({ db: t.db, engine, workerId: 'rescuer', config: { ...defaultConfig, availability: { ...availability, leaseSeconds: 3 }, http }, sweepId, untilSweepDone: true, pollMs: 200 })
      expect(w.probes).toBe(30 - byChild.size)
      expect(w.duplicates).toBe(0)
    } finally {
      await engine.close()
    }
    const rows = await probesOf(sweepId)
    expect(rows).toHaveLength(30)
    expect(new Set(rows.map((r) => r.distribution_iri))).toEqual(new Set(iris))
    for (const r of rows) expect(r.worker_id).toBe(byChild.has(r.distribution_iri) ? 'doomed' : 'rescuer')
    const done = await t.db.selectFrom('sweep_hosts').selectAll().where('sweep_id', '=', sweepId).executeTakeFirstOrThrow()
    expect([done.status, done.attempts]).toEqual(['done', 2])
    // What the dead worker recorded was not fetched again; at most the two requests it
    // had in flight when it died were asked twice.
    const hits = hosts[0]!.hits
    const urlOf = (iri: string) => { const i = Number(iri.split(':').at(-1)); return `/${i % 3 === 2 ? 'missing' : 'ok'}/d/${i}` }
    for (const iri of byChild) expect(hits.get(urlOf(iri))).toBe(1)
    const total = [...hits.values()].reduce((a, b) => a + b, 0)
    expect(total).toBeGreaterThanOrEqual(30)
    expect(total).toBeLessThanOrEqual(32)
  })

  it.runIf(kind === 'postgres')('SIGTERM stops a worker within seconds even mid-probe, and gives its host back at once', async () => {
    // Every answer takes 60 s: the worker is inside its first probes when told to stop.
    const hosts = await startLoopbackHosts(1, 60_000)
    servers.push(...hosts)
    await seedHosts('e', hosts, 4)
    const { sweepId } = await createSweep(t.db, { trigger: 'test' })
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./worker-child.ts', import.meta.url))], {
      env: { ...process.env, DATABASE_URL: t.url!, SWEEP_ID: String(sweepId), LEASE_SECONDS: '120', WORKER_ID: 'stopper', STOP_GRACE_MS: '1000' },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
    const deadline = Date.now() + 60_000
    const lease = () => t.db.selectFrom('sweep_hosts').select(['status', 'leased_by']).where('sweep_id', '=', sweepId).executeTakeFirstOrThrow()
    while ((await lease()).leased_by !== 'stopper' || hosts[0]!.hits.size === 0) {
      if (Date.now() > deadline) throw new Error(`child never started probing: ${stderr}`)
      await new Promise((r) => setTimeout(r, 50))
    }
    const stoppedAt = Date.now()
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(Date.now() - stoppedAt).toBeLessThan(5_000)
    // Not left to its 120 s lease: another worker may claim it now.
    expect(await lease()).toEqual({ status: 'pending', leased_by: null })
    expect(await claimHost(t.db, { workerId: 'next', leaseSeconds: 3, sweepId })).toMatchObject({ host: hosts[0]!.host })
  }, 90_000)
})

it('a host whose work failed is back within a second the first time, backing off to 30 s when it keeps failing', () => {
  expect([1, 2, 3, 4, 5, 6, 7, 50].map(failureBackoffMs)).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000])
})
