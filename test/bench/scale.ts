/**
 * `npm run bench:scale`: N worker processes over one PostgreSQL. A simulated region of
 * 100,000 distributions on 1,000 hosts (src/demo/start-world.ts, on loopback) is swept by
 * 1, 2 and 4 `datavakt worker` processes in turn, each run on a fresh database filled from
 * the world's ground truth and a fresh world (so its connection counters start at zero).
 * For each it prints:
 *   - URLs/s of the sweep (the sweep row's created_at → finished_at, database time);
 *   - per worker: URLs it probed, peak RSS (VmHWM) and CPU milliseconds per URL (its
 *     utime + stime from /proc over the sweep, divided by its URLs);
 *   - where the machine's CPU went over the sweep: the workers, the world, the PostgreSQL
 *     backends serving the run's database, and how busy the whole machine was (/proc/stat, all processes);
 *   - per-host politeness across the workers: the world counts the connections open to
 *     each host at once; the most any host saw, against the limit (http.perHostConnections).
 *
 * The workers are started first and the sweep is created once each has said it started,
 * so their start-up is not counted (an idle worker looks for work every 2 s: the sweep
 * may start up to 2 s late for some of them, which the figures include).
 *
 * Needs PostgreSQL: DATABASE_URL names a database on a server where a new database may be
 * created (one per run, dropped after). The workers run dist/ (built first when stale).
 * On a machine with fewer cores than workers + world + PostgreSQL need, the figures are
 * CPU-bound: more workers then share the same cores (the machine's busy share says so).
 *
 * Options: --distributions N (100000) --hosts N (1000) --workers 1,2,4 --seed N (42)
 *          --politeness peer|default (peer: 2 connections per host, no gap, Retry-After
 *          not waited out, as blc does, so the run measures the workers and not the
 *          world's rate-limited hosts; bench:sweep's peer run does wait it out; default:
 *          the built-in 2 connections and 250 ms gap, Retry-After honoured).
 * BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles the workers.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import type { GroundTruthEntry } from '../../src/demo/start-world.js'
import type { Db } from '../../src/db/database.js'
import { ensureBuilt } from './run-datavakt.js'
import { prepareDb } from './bench-db.js'
import { root } from '../../bin/dist-is-fresh.js'
import { oneOf, wholeNumber, wholeNumbers } from './bench-args.js'

const STALL_LIMIT_MS = 3000
const WORLD_RETRY_AFTER_S = 1
const PER_HOST = 2

const { values: argv } = parseArgs({
  options: {
    role: { type: 'string', default: 'main' },
    distributions: { type: 'string', default: '100000' },
    hosts: { type: 'string', default: '1000' },
    workers: { type: 'string', default: '1,2,4' },
    seed: { type: 'string', default: '42' },
    politeness: { type: 'string', default: 'peer' },
  },
})

const BENCH = 'bench:scale'
// The world's own process (--role world) gets the options from this one, already checked.
const opts = {
  distributions: wholeNumber(BENCH, 'distributions', argv.distributions),
  hosts: wholeNumber(BENCH, 'hosts', argv.hosts),
  seed: wholeNumber(BENCH, 'seed', argv.seed, 0),
  workers: wholeNumbers(BENCH, 'workers', argv.workers, 1, 64),
  politeness: oneOf(BENCH, 'politeness', argv.politeness, ['peer', 'default'] as const),
}

/** What the world reports: its connection counters and its own CPU so far. */
interface WorldStats {
  maxOpenOnOneHost: number
  hostsOverLimit: number
  /** The most requests in flight at once on one host, and on how many hosts that was above the limit. */
  maxInFlightOnOneHost: number
  hostsOverLimitInFlight: number
  /** The hosts with the most connections open at once (host, connections, requests in flight). */
  worst: [string, number, number][]
  requests: number
  cpuMs: number
}

// ---------------------------------------------------------------- world (child process)

async function roleWorld(): Promise<void> {
  const { startWorld } = await import('../../src/demo/start-world.js')
  const world = await startWorld({ distributions: opts.distributions, hosts: opts.hosts, seed: opts.seed, retryAfterSeconds: WORLD_RETRY_AFTER_S })
  const dir = mkdtempSync(join(tmpdir(), 'datavakt-scale-'))
  const truthPath = join(dir, 'truth.jsonl')
  await world.writeGroundTruth(truthPath)
  process.stdout.write(`READY ${JSON.stringify({ truthPath, hosts: world.hosts.length })}\n`)
  const lines = createInterface({ input: process.stdin })
  lines.on('line', () => {
    const hosts = world.hostStats()
    const cpu = process.cpuUsage()
    const stats: WorldStats = {
      maxOpenOnOneHost: hosts.reduce((m, h) => Math.max(m, h.maxOpen), 0),
      hostsOverLimit: hosts.filter((h) => h.maxOpen > PER_HOST).length,
      maxInFlightOnOneHost: hosts.reduce((m, h) => Math.max(m, h.maxInFlight), 0),
      hostsOverLimitInFlight: hosts.filter((h) => h.maxInFlight > PER_HOST).length,
      worst: [...hosts].sort((a, b) => b.maxOpen - a.maxOpen).slice(0, 3).map((h) => [h.host, h.maxOpen, h.maxInFlight]),
      requests: world.requestCount(),
      cpuMs: (cpu.user + cpu.system) / 1000,
    }
    process.stdout.write(`STATS ${JSON.stringify(stats)}\n`)
  })
  lines.on('close', () => {
    void world.close().then(() => {
      rmSync(dir, { recursive: true, force: true })
      process.exit(0)
    })
  })
}

/** A world in its own process: its ground truth, and its counters on request. */
interface WorldChild {
  truth: GroundTruthEntry[]
  stats(): Promise<WorldStats>
  close(): Promise<void>
}

async function startWorldChild(): Promise<WorldChild> {
  const self = fileURLToPath(import.meta.url)
  const args = ['--import', 'tsx', self, '--role', 'world', '--distributions', argv.distributions!, '--hosts', argv.hosts!, '--seed', argv.seed!]
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout! })
  const waiting: ((line: string) => void)[] = []
  lines.on('line', (l) => waiting.shift()?.(l))
  const next = () => new Promise<string>((resolve) => waiting.push(resolve))
  const ready = await next()
  if (!ready.startsWith('READY ')) throw new Error(`world did not start: ${ready}`)
  const { truthPath } = JSON.parse(ready.slice(6)) as { truthPath: string }
  const truth = readFileSync(truthPath, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as GroundTruthEntry)
  return {
    truth,
    async stats() {
      const answer = next()
      child.stdin!.write('STATS\n')
      return JSON.parse((await answer).slice(6)) as WorldStats
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.stdin!.end()
      await exited
    },
  }
}

// ---------------------------------------------------------------- /proc readings

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100

/** utime + stime of a process, in ms (0 when it is gone). */
function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK
  } catch {
    return 0
  }
}

/** The peak resident set of a process (VmHWM), in MB. */
function peakRssMbOf(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) / 1024 : 0
}

/**
 * CPU ms of the PostgreSQL backends serving `db` (the workers' and this process's
 * connections to the run's own database, found in pg_stat_activity), per backend pid, so
 * other users of the server are not counted.
 */
async function backendCpuMs(db: Db): Promise<Map<number, number>> {
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(db)
  return new Map(rows.map((r) => [r.pid, cpuMsOf(r.pid)]))
}

/** CPU the backends spent between two readings (a backend that is new counts from zero; one that is gone is lost). */
function backendCpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0)
  return total
}

/** The whole machine's busy and total CPU time (all cores, all processes), in ticks. */
function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
  const total = cpu.reduce((a, b) => a + b, 0)
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0)
  return { busy: total - idle, total }
}

// ---------------------------------------------------------------- workers

/** One `datavakt worker` process. */
interface WorkerProcess {
  id: string
  child: ChildProcess
  pid: number
}

/**
 * Starts `datavakt worker --id ...` and resolves once it has said it started (its start
 * line is a JSON log line on stdout; stderr is read too, for what goes wrong before it).
 * A worker that has not said so within a minute fails the bench, rather than waiting on.
 */
function startWorker(id: string, env: Record<string, string>): Promise<WorkerProcess> {
  const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []
  const child = spawn(process.execPath, [...nodeArgs, join(root, 'bin', 'datavakt.js'), 'worker', '--allow-private', '--id', id], {
    env: { ...process.env, DATAVAKT_LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let said = ''
    let started = false
    const limit = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`worker ${id} did not say it started within 60 s: ${said}`))
    }, 60_000)
    const listen = (out: NodeJS.WriteStream) => (b: Buffer) => {
      const text = b.toString()
      if (started) {
        // After the start line, only trouble is passed on.
        if (out === process.stderr || /"level":"(warn|error)"/.test(text)) out.write(`  [${id}] ${text}`)
        return
      }
      said += text
      if (said.includes('"event":"worker.started"')) {
        started = true
        clearTimeout(limit)
        resolve({ id, child, pid: child.pid! })
      }
    }
    child.stdout!.on('data', listen(process.stdout))
    child.stderr!.on('data', listen(process.stderr))
    child.once('exit', (code) => {
      clearTimeout(limit)
      reject(new Error(`worker ${id} exited with ${code}: ${said}`))
    })
  })
}

/** SIGTERM to each worker; one that has not exited 30 s later is killed (and said so). */
async function stopWorkers(workers: WorkerProcess[]): Promise<void> {
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.child.exitCode !== null || w.child.signalCode !== null) return resolve()
          const kill = setTimeout(() => {
            process.stderr.write(`  [${w.id}] did not stop within 30 s of SIGTERM: killed\n`)
            w.child.kill('SIGKILL')
          }, 30_000)
          w.child.removeAllListeners('exit')
          w.child.once('exit', () => {
            clearTimeout(kill)
            resolve()
          })
          w.child.kill('SIGTERM')
        }),
    ),
  )
}

/** A worker configuration file for the chosen politeness. */
function writeConfig(dir: string): string {
  const base = { headersTimeoutMs: STALL_LIMIT_MS, bodyTimeoutMs: STALL_LIMIT_MS, perHostConnections: PER_HOST, rateLimitGapFactor: 1 }
  const http = opts.politeness === 'default' ? base : { ...base, perHostGapMs: 0, maxHostGapMs: 0, maxRetryAfterMs: 0 }
  const path = join(dir, 'datavakt.config.json')
  writeFileSync(path, JSON.stringify({ allowPrivateNetworks: true, http }))
  return path
}

// ---------------------------------------------------------------- one run

/** What one run with N workers measured. */
interface ScaleRun {
  workers: number
  urls: number
  elapsedMs: number
  perWorker: { id: string; urls: number; cpuMs: number; peakRssMb: number }[]
  worldCpuMs: number
  postgresCpuMs: number
  machineBusyShare: number
  world: WorldStats
  /** Bytes on disk after the sweep (table, indexes and TOAST): the probes, and the probes' bytes per row. */
  probesBytes: number
  bytesPerProbe: number
}

/** What to undo when the bench is stopped (Ctrl-C) mid-run: workers, world, the run's database. */
const cleanups = new Set<() => Promise<void>>()

/** Sweeps a fresh world and database with `n` worker processes. */
async function runWith(n: number): Promise<ScaleRun> {
  const world = await startWorldChild()
  const prepared = await prepareDb(world.truth)
  const dir = mkdtempSync(join(tmpdir(), 'datavakt-scale-config-'))
  const env = { DATAVAKT_CONFIG: writeConfig(dir), DATABASE_URL: prepared.db }
  const workers: WorkerProcess[] = []
  const { openDatabase } = await import('../../src/db/open-database.js')
  const { createSweep } = await import('../../src/queue/create-sweep.js')
  const database = await openDatabase({ databaseUrl: prepared.db })
  const cleanup = async () => {
    cleanups.delete(cleanup)
    await stopWorkers(workers)
    await database.close()
    await world.close()
    await prepared.drop()
    rmSync(dir, { recursive: true, force: true })
  }
  cleanups.add(cleanup)
  try {
    for (let k = 1; k <= n; k++) workers.push(await startWorker(`scale-${n}-${k}`, env))
    const cpu0 = workers.map((w) => cpuMsOf(w.pid))
    const [world0, pg0, machine0] = [await world.stats(), await backendCpuMs(database.db), machineTicks()]
    const { sweepId, urls } = await createSweep(database.db, { trigger: 'bench' })
    await waitForSweep(database.db, sweepId, urls)
    const perWorkerCpu = workers.map((w, i) => cpuMsOf(w.pid) - cpu0[i]!)
    const [world1, pg1, machine1] = [await world.stats(), await backendCpuMs(database.db), machineTicks()]
    const rss = workers.map((w) => peakRssMbOf(w.pid))
    const sweep = await database.db.selectFrom('sweeps').select(['created_at', 'finished_at']).where('id', '=', sweepId).executeTakeFirstOrThrow()
    const byWorker = await database.db.selectFrom('probes').select(['worker_id', (eb) => eb.fn.countAll<number>().as('n')]).where('sweep_id', '=', sweepId).groupBy('worker_id').execute()
    const counts = new Map(byWorker.map((r) => [r.worker_id, Number(r.n)]))
    const size = await sql<{ bytes: string; rows: string }>`
      select (select sum(pg_total_relation_size(relid)) from pg_partition_tree('probes'))::text as bytes, (select count(*) from probes)::text as rows`.execute(database.db)
    const probesBytes = Number(size.rows[0]!.bytes)
    return {
      probesBytes,
      bytesPerProbe: probesBytes / Math.max(1, Number(size.rows[0]!.rows)),
      workers: n,
      urls,
      elapsedMs: new Date(sweep.finished_at!).getTime() - new Date(sweep.created_at).getTime(),
      perWorker: workers.map((w, i) => ({ id: w.id, urls: counts.get(w.id) ?? 0, cpuMs: perWorkerCpu[i]!, peakRssMb: rss[i]! })),
      worldCpuMs: world1.cpuMs - world0.cpuMs,
      postgresCpuMs: backendCpuDelta(pg0, pg1),
      machineBusyShare: (machine1.busy - machine0.busy) / Math.max(1, machine1.total - machine0.total),
      world: world1,
    }
  } finally {
    await cleanup()
  }
}

/** Waits until the sweep is done, printing progress every 10 s. */
async function waitForSweep(db: Db, sweepId: number, urls: number): Promise<void> {
  const { sweepProgress } = await import('../../src/db/sweep-summary.js')
  let lastPrint = Date.now()
  for (;;) {
    await new Promise((r) => setTimeout(r, 500))
    const s = await db.selectFrom('sweeps').select('status').where('id', '=', sweepId).executeTakeFirstOrThrow()
    if (s.status === 'done') return
    if (Date.now() - lastPrint > 10_000) {
      lastPrint = Date.now()
      const p = await sweepProgress(db, sweepId)
      process.stderr.write(`  ${p.probed} / ${urls}\n`)
    }
  }
}

// ---------------------------------------------------------------- report

function printRun(r: ScaleRun): void {
  const s = r.elapsedMs / 1000
  const workerCpu = r.perWorker.reduce((a, w) => a + w.cpuMs, 0)
  console.log(`\n${r.workers} worker${r.workers === 1 ? '' : 's'}: ${r.urls} URLs in ${s.toFixed(1)} s = ${(r.urls / s).toFixed(0)} URLs/s`)
  for (const w of r.perWorker) {
    console.log(`  ${w.id.padEnd(12)} ${String(w.urls).padStart(7)} URLs  peak RSS ${w.peakRssMb.toFixed(0).padStart(4)} MB  CPU ${(w.cpuMs / Math.max(1, w.urls)).toFixed(3)} ms/URL`)
  }
  const cores = (ms: number) => (ms / r.elapsedMs).toFixed(2)
  console.log(`  CPU over the sweep, in cores: workers ${cores(workerCpu)}, world ${cores(r.worldCpuMs)}, PostgreSQL ${cores(r.postgresCpuMs)}; whole machine ${(r.machineBusyShare * 100).toFixed(0)}% busy`)
  console.log(`  probes table: ${(r.probesBytes / 1024 ** 2).toFixed(1)} MB with its indexes = ${r.bytesPerProbe.toFixed(0)} bytes per probe`)
  console.log(`  all workers together: ${(workerCpu / r.urls).toFixed(3)} worker CPU ms per URL, ${((workerCpu + r.postgresCpuMs) / r.urls).toFixed(3)} with PostgreSQL's`)
  const w = r.world
  console.log(`  politeness, requests: at most ${w.maxInFlightOnOneHost} in flight to one host at once (limit ${PER_HOST}); hosts above: ${w.hostsOverLimitInFlight} → ${w.maxInFlightOnOneHost <= PER_HOST ? 'held' : 'NOT HELD'}`)
  console.log(`  politeness, connections: at most ${w.maxOpenOnOneHost} open to one host at once (limit ${PER_HOST}); hosts above: ${w.hostsOverLimit} → ${w.maxOpenOnOneHost <= PER_HOST ? 'held' : 'NOT HELD'}; most: ${JSON.stringify(w.worst)}`)
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL?.startsWith('postgres')) {
    console.error('bench:scale needs PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:scale')
    process.exit(2)
  }
  ensureBuilt()
  const stop = () => void Promise.all([...cleanups].map((c) => c().catch(() => undefined))).then(() => process.exit(130))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  const counts = opts.workers
  console.log(`bench:scale: ${argv.distributions} distributions on ${argv.hosts} hosts, ${argv.politeness} politeness, ${counts.join(', ')} worker processes, PostgreSQL`)
  console.log(`machine: ${(await import('node:os')).availableParallelism()} cores, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`)
  const runs: ScaleRun[] = []
  for (const n of counts) {
    const r = await runWith(n)
    runs.push(r)
    printRun(r)
  }
  console.log('\nworkers  URLs/s  vs 1 worker  max RSS/worker  worker CPU ms/URL  machine busy  max conns/host')
  const base = runs[0]!.urls / (runs[0]!.elapsedMs / 1000)
  for (const r of runs) {
    const rate = r.urls / (r.elapsedMs / 1000)
    const cpu = r.perWorker.reduce((a, w) => a + w.cpuMs, 0) / r.urls
    const rss = Math.max(...r.perWorker.map((w) => w.peakRssMb))
    console.log(
      `${String(r.workers).padStart(7)}  ${rate.toFixed(0).padStart(6)}  ${(rate / base).toFixed(2).padStart(10)}×  ${rss.toFixed(0).padStart(11)} MB  ${cpu.toFixed(3).padStart(17)}  ${(r.machineBusyShare * 100).toFixed(0).padStart(11)}%  ${String(r.world.maxOpenOnOneHost).padStart(8)} / ${PER_HOST}`,
    )
  }
}

if (argv.role === 'world') await roleWorld()
else await main()
