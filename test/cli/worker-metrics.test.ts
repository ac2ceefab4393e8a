/**
 * `datavakt worker --metrics-port`: a real worker process (bin/datavakt.js, the SDK started
 * by the entry point) works a sweep of loopback hosts and serves its own /metrics, scraped
 * over loopback: the probes it made, counted in that process, by outcome and code, as its
 * stored probes say. And the mistakes: a bad port (exit 2, the flag named), a port in use,
 * in Swedish and English, found before the worker opens any database; `start`, which
 * binds through the same listener, ends on a port in use instead of hanging.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFileSync, existsSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { describeEachDb, type TestDb } from '../helpers/test-db.js'
import { openDatabase, type OpenDatabase } from '../../src/db/open-database.js'
import { createSweep } from '../../src/queue/create-sweep.js'
import { claimHost } from '../../src/queue/claim-host.js'
import { seedDistributions } from '../availability/seed-distributions.js'
import { startLoopbackHosts, type LoopbackHost } from '../queue/loopback-hosts.js'
import { datavakt, killStarted, type DatavaktProcess } from '../faults/datavakt-process.js'
import { dashboard, panelNames, servedNames } from '../dashboards/grafana-queries.js'
import { tempFolder } from '../helpers/temp-folder.js'

const dir = tempFolder('datavakt-worker-metrics-', killStarted)

/** A config file of its own (the data folder inside `dir`), and its path. */
function configFile(name: string, config: Record<string, unknown>): string {
  const path = join(dir, `${name}.json`)
  writeFileSync(path, JSON.stringify({ dataDir: join(dir, `${name}-data`), ...config }))
  return path
}

/** Scrapes until the worker has counted `probes` probes (or the deadline), and returns that scrape. */
async function scrapeUntil(metrics: URL, probes: number, ms = 60_000): Promise<string> {
  const deadline = Date.now() + ms
  for (;;) {
    const text = await (await fetch(metrics)).text()
    const counted = [...text.matchAll(/^datavakt_probes_total\{[^}]*\} (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0)
    if (counted >= probes || Date.now() > deadline) return text
    await new Promise((r) => setTimeout(r, 200))
  }
}

describeEachDb('datavakt worker --metrics-port', (db) => {
  let t: TestDb
  let hosts: LoopbackHost[]
  let worker: DatavaktProcess
  let metrics: URL
  let logLine: string

  beforeAll(async () => {
    t = db()
    hosts = await startLoopbackHosts(2, 5)
    // 3 files that answer and 1 that is missing on each host: 6 ok, 2 http-404.
    await seedDistributions(t.db, hosts.flatMap((h, hi) => [0, 1, 2, 3].map((i) => ({ iri: `urn:wm:${hi}:${i}`, url: `${h.base}/${i === 3 ? 'missing' : 'ok'}/wm/${i}` }))))
    const { sweepId } = await createSweep(t.db, { trigger: 'test' })
    // A worker that claimed a host and stopped renewing: ours takes it over once the lease runs out.
    expect(await claimHost(t.db, { workerId: 'stalled', leaseSeconds: 1, sweepId })).not.toBeNull()
    await new Promise((r) => setTimeout(r, 1_500))
    // The worker opens the database itself: a PGlite folder is locked to one process.
    if (t.kind === 'pglite') await t.close()
    const config = configFile(`worker-${t.kind}`, { ...(t.dir ? { dataDir: t.dir } : {}), lang: 'en', http: { perHostGapMs: 10 } })
    worker = datavakt(['worker', '--allow-private', '--id', 'w-metrics', '--metrics-port', '0'], { config, env: t.url ? { DATABASE_URL: t.url } : {} })
    logLine = await worker.waitFor(/Metrics for Prometheus at/, 60_000)
    metrics = new URL(String((JSON.parse(logLine) as { url: string }).url))
  }, 120_000)

  afterAll(async () => {
    worker?.child.kill('SIGKILL')
    await Promise.all(hosts.map((h) => h.close()))
  })

  it('says where it serves, on loopback by default, and /metrics counts the probes it made by outcome and code', async () => {
    expect(logLine).toContain(`"msg":"Metrics for Prometheus at http://127.0.0.1:${metrics.port}/metrics"`)
    expect(metrics.hostname).toBe('127.0.0.1')
    const text = await scrapeUntil(metrics, 8)
    expect(text).toMatch(/^datavakt_probes_total\{outcome="ok",code="ok"\} 6$/m)
    expect(text).toMatch(/^datavakt_probes_total\{outcome="failing",code="http-404"\} 2$/m)
    expect(text.match(/^datavakt_probes_total\{/gm)).toHaveLength(2)
    expect(text).toMatch(/^datavakt_fetch_duration_count\{outcome="ok"\} 6$/m)
    expect(text).toMatch(/^datavakt_fetch_duration_count\{outcome="failing"\} 2$/m)
    expect(text).toMatch(/^datavakt_lease_expiries_total\{side="taken-over"\} 1$/m)
    expect(text).toMatch(/^datavakt_queue_depth\{state="pending"\} \d+$/m)
    // Scrapes are not web requests: nothing to add to the web app's request panel.
    expect(text).not.toContain('datavakt_http_requests_total')
    expect(hosts.flatMap((h) => [...h.hits.values()]).reduce((a, b) => a + b, 0)).toBe(8)
  })

  it('feeds the dashboard: a panel that draws on what a worker counts finds every metric it names there', async () => {
    const served = servedNames(await (await fetch(metrics)).text())
    for (const name of ['datavakt_probes_total', 'datavakt_fetch_duration_bucket', 'datavakt_lease_expiries_total', 'datavakt_queue_depth', 'datavakt_queue_urls']) expect(served, name).toContain(name)
    const fromWorkers = dashboard.panels.filter((p) => panelNames(p).some((n) => served.has(n)))
    expect(fromWorkers.map((p) => p.title)).toEqual(expect.arrayContaining(['Probes per second, by outcome', 'Fetch duration (p50, p95)', 'Queue depth', 'Lease expiries per hour']))
    for (const p of fromWorkers) expect(panelNames(p).filter((n) => !served.has(n)), p.title).toEqual([])
  })

  it('answers /metrics in the Prometheus text format and /healthz; anything else is 404', async () => {
    const res = await fetch(metrics)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const health = await fetch(new URL('/healthz', metrics))
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }])
    for (const path of ['/', '/readyz', '/api/region', '/metrics/x']) expect((await fetch(new URL(path, metrics))).status, path).toBe(404)
    expect((await fetch(metrics, { method: 'POST' })).status).toBe(404)
  })

  it('stops serving with the worker on SIGTERM; the stored probes are the ones it counted', async () => {
    worker.child.kill('SIGTERM')
    expect(await worker.exited).toEqual({ code: 0, signal: null })
    await expect(fetch(metrics)).rejects.toThrow()
    let opened: OpenDatabase | undefined
    try {
      opened = await openDatabase(t.url ? { databaseUrl: t.url } : { dataDir: t.dir! })
      const rows = await opened.db
        .selectFrom('probes')
        .select(['code', (eb) => eb.fn.countAll<number>().as('n')])
        .where('worker_id', '=', 'w-metrics')
        .groupBy('code')
        .orderBy('code')
        .execute()
      expect(rows.map((r) => [r.code, Number(r.n)])).toEqual([
        ['http-404', 2],
        ['ok', 6],
      ])
    } finally {
      await opened?.close()
    }
  })
})

describe('a metrics or web port that cannot be had (the worker finds out before it opens any database)', () => {
  let taken: Server
  let port: number

  beforeAll(async () => {
    taken = createServer()
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r))
    port = (taken.address() as { port: number }).port
  })

  afterAll(() => new Promise<void>((r) => taken.close(() => r())))

  /** Runs `datavakt worker <args>` to its exit: code and output, and whether it made a data folder. */
  async function worker(name: string, args: string[], config: Record<string, unknown> = {}) {
    const p = datavakt(['worker', ...args], { config: configFile(name, config) })
    const { code } = await p.exited
    return { code, out: p.out(), madeData: existsSync(join(dir, `${name}-data`)) }
  }

  it('a bad --metrics-port is a usage error (exit 2) naming the flag, in English and Swedish', async () => {
    const [en, sv, huge] = await Promise.all([
      worker('bad-en', ['--metrics-port', 'nine']),
      worker('bad-sv', ['--metrics-port', '99999', '--lang', 'sv']),
      worker('bad-huge', ['--metrics-port', '70000']),
    ])
    expect(en).toMatchObject({ code: 2, madeData: false })
    expect(en.out).toContain('datavakt worker: --metrics-port must be an integer from 0 to 65535, not "nine"')
    expect(en.out).toContain('Usage: datavakt worker')
    expect(sv).toMatchObject({ code: 2, madeData: false })
    expect(sv.out).toContain('datavakt worker: --metrics-port ska vara ett heltal mellan 0 och 65535, inte "99999"')
    expect(huge.code).toBe(2)
    expect(huge.out).toContain('--metrics-port must be an integer from 0 to 65535, not "70000"')
  })

  it('a port in use stops the worker (exit 1), naming the address and what set it: the flag or the configuration key', async () => {
    const [en, sv, fromConfig] = await Promise.all([
      worker('used-en', ['--metrics-port', String(port)]),
      worker('used-sv', ['--metrics-port', String(port), '--lang', 'sv']),
      worker('used-config', [], { worker: { metricsPort: port } }),
    ])
    expect(en).toMatchObject({ code: 1, madeData: false })
    expect(en.out).toContain(`datavakt worker: cannot listen on 127.0.0.1:${port}: the port is already in use by another program; choose another with --metrics-port`)
    expect(sv).toMatchObject({ code: 1, madeData: false })
    expect(sv.out).toContain(`datavakt worker: kan inte lyssna på 127.0.0.1:${port}: porten används redan av ett annat program; välj en annan med --metrics-port`)
    expect(fromConfig).toMatchObject({ code: 1, madeData: false })
    expect(fromConfig.out).toContain(`choose another with worker.metricsPort`)
  })

  it('`start` shares the listener: its web port in use ends it (exit 1, scheduler and worker stopped) with the same words', async () => {
    const p = datavakt(['start', '--port', String(port)], { config: configFile('start-used', {}) })
    expect((await p.exited).code).toBe(1)
    expect(p.out()).toContain(`datavakt start: cannot listen on 127.0.0.1:${port}: the port is already in use by another program; choose another with --port`)
  }, 120_000)

  it('--metrics-host without a port is a usage error; a bad worker.metricsPort in the configuration is named by its path', async () => {
    const [alone, badConfig] = await Promise.all([worker('host-alone', ['--metrics-host', '0.0.0.0']), worker('bad-config', [], { worker: { metricsPort: 'x' } })])
    expect(alone).toMatchObject({ code: 2, madeData: false })
    expect(alone.out).toContain('--metrics-host is only used together with --metrics-port (or worker.metricsPort in the configuration)')
    expect(badConfig).toMatchObject({ code: 2, madeData: false })
    expect(badConfig.out).toContain('/worker/metricsPort')
  })
})
