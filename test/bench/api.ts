/**
 * `npm run bench:api`: the web app under load over a year of history. Seeds a fresh
 * PostgreSQL database (its own, next to BENCH_DATABASE_URL or
 * postgres://postgres@127.0.0.1:5432/test, dropped at the end) with 50,000 distributions
 * (100 organisations × 250 datasets × 2 files) and 365 days of rollups at every level
 * (api-seed.ts), serves the app in its own process (api-server.ts) on loopback, and for
 * each of the organisation page, the dataset page, a badge and the history endpoint runs
 * 50 concurrent clients on that endpoint alone for 30 s, then the same 50 clients over all
 * four at once (mixed) for 30 s. Prints p50/p95/p99, requests, errors, the server's RSS
 * (peak, and at the start and end of each run: flat memory) and the CPU time the server
 * and the load's own client spent per request (which the machine's other load disturbs far
 * less than latency: with 50 closed-loop clients, latency is about 50 × the CPU time per
 * request ÷ the share of the CPUs the two processes get).
 * Targets, judged on the runs alone: pages p95 < 150 ms, badges p95 < 20 ms, no errors. The
 * mixed run is shown, not judged (but its errors count): there a badge waits in the server's
 * one event loop behind the pages, and its latency is that queue's.
 * BENCH_SECONDS, BENCH_CLIENTS and BENCH_ORGS change the load and the size; BENCH_ONLY=badge
 * (or a comma-separated list of label starts: organisation,dataset,badge,history) runs only those; BENCH_KEEP=1
 * keeps the database (for EXPLAIN), BENCH_REUSE=<name> loads a kept one again.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import postgres from 'postgres'
import { Agent, request } from 'undici'
import { openDatabase } from '../../src/db/open-database.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { datasetIri, orgIri, seedRegion } from './api-seed.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30)
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50)
const ORGS = Number(process.env.BENCH_ORGS ?? 100)
const size = { organisations: ORGS, datasetsPerOrganisation: 250, distributionsPerDataset: 2, days: 365 }
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

const admin = postgres(base, { max: 1, onnotice: () => {} })
/** BENCH_REUSE=<name>: load a database BENCH_KEEP kept (migrated to the latest, not seeded again). */
const reuse = process.env.BENCH_REUSE
const name = reuse ?? `datavakt_bench_api_${process.pid}`
if (!reuse) await admin.unsafe(`create database ${name}`)
const url = new URL(base)
url.pathname = `/${name}`
let server: ReturnType<typeof spawn> | undefined

const rssMb = (pid: number, field: 'VmRSS' | 'VmHWM') => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN

/** CPU time (user + system) a process has used so far, in ms (/proc/<pid>/stat, in USER_HZ = 100 ticks a second). */
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

interface Result {
  ms: number[]
  errors: number
  statuses: Record<string, number>
}

/**
 * `clients` clients, each asking for `SECONDS` s one address after the other, taken in
 * turn from each of `groups` (one group: one endpoint alone; several: mixed, each client's
 * next request going to the next endpoint); latencies in ms, per group.
 */
async function load(origin: string, groups: string[][], clients = CLIENTS, seconds = SECONDS): Promise<Result[]> {
  const agent = new Agent({ connections: clients, pipelining: 1 })
  const results: Result[] = groups.map(() => ({ ms: [], errors: 0, statuses: {} }))
  const until = Date.now() + seconds * 1000
  let n = 0
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) {
        const i = n++
        const r = results[i % groups.length]!
        const paths = groups[i % groups.length]!
        const path = paths[Math.floor(i / groups.length) % paths.length]!
        const t0 = performance.now()
        try {
          const res = await request(`${origin}${path}`, { dispatcher: agent, headers: { 'accept-encoding': 'gzip, br' } })
          await res.body.dump()
          r.ms.push(performance.now() - t0)
          r.statuses[res.statusCode] = (r.statuses[res.statusCode] ?? 0) + 1
          if (res.statusCode !== 200) r.errors++
        } catch {
          r.errors++
        }
      }
    }),
  )
  await agent.close()
  for (const r of results) r.ms.sort((a, b) => a - b)
  return results
}

try {
  const database = await openDatabase({ databaseUrl: url.toString() })
  await migrateToLatest(database.db)
  await database.close()
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} })
  const t0 = Date.now()
  if (!reuse) {
    console.log(`api bench: seeding ${ORGS * 500} distributions with ${size.days} days of rollups in ${name}`)
    await seedRegion(sql, size, (line) => console.log(line))
  } else await sql`analyze`
  const [{ rows }] = await sql<{ rows: number }[]>`select count(*)::int as rows from score_rollups`
  const [{ files }] = await sql<{ files: number }[]>`select count(*)::int as files from distributions`
  console.log(`  ${reuse ? 'reused' : `seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s`}: ${files.toLocaleString('en')} distributions, ${rows.toLocaleString('en')} rollups`)
  await sql.end()

  // BENCH_SERVER_NODE_ARGS: extra node flags for the server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []
  server = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', fileURLToPath(new URL('./api-server.ts', import.meta.url))], {
    env: { ...process.env, DATABASE_URL: url.toString() },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const { port } = JSON.parse(await new Promise<string>((r) => createInterface({ input: server!.stdout! }).once('line', r))) as { port: number }
  const origin = `http://127.0.0.1:${port}`
  const e = encodeURIComponent
  const orgs = Array.from({ length: 20 }, (_, i) => 1 + ((i * 37) % ORGS))
  const to = new Date().toISOString().slice(0, 10)
  const from = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10)
  const all: { label: string; target: number; paths: string[] }[] = [
    { label: 'organisation page', target: 150, paths: orgs.map((o) => `/organisation?iri=${e(orgIri(o))}`) },
    { label: 'dataset page', target: 150, paths: orgs.map((o, i) => `/dataset?iri=${e(datasetIri(o, 1 + ((i * 53) % 250)))}`) },
    { label: 'badge (dataset.svg)', target: 20, paths: orgs.map((o, i) => `/badge/dataset.svg?iri=${e(datasetIri(o, 1 + ((i * 91) % 250)))}`) },
    { label: 'history (organisation, 365 days)', target: 150, paths: orgs.map((o) => `/api/history?level=organisation&key=${e(orgIri(o))}&from=${from}&to=${to}`) },
  ]
  const only = process.env.BENCH_ONLY?.split(',')
  const runs = only ? all.filter((r) => only.some((o) => r.label.startsWith(o))) : all
  // One request each first: the first use of a route compiles and warms caches.
  for (const r of runs) for (const p of r.paths) await request(`${origin}${p}`).then((res) => res.body.dump())
  // What one request costs with no queue in front of it: the service time.
  const load1 = loadavg()[0]!.toFixed(1)
  const alone = []
  for (const r of runs) alone.push(`${r.label} ${pct((await load(origin, [r.paths], 1, 5))[0]!.ms, 50).toFixed(1)} ms`)
  console.log(`\none client, 5 s each (p50): ${alone.join(', ')}`)
  const pid = server.pid!
  const f = (v: number) => `${v.toFixed(1)}`.padStart(8)
  const header = 'endpoint                            requests     p50     p95     p99  errors  RSS start→end   CPU µs/req server client   target p95'
  const line = (label: string, { ms, errors }: Result, target: number, rss: string, cpu: string, verdict: string) =>
    console.log(`${label.padEnd(34)}${String(ms.length).padStart(9)}${f(pct(ms, 50))}${f(pct(ms, 95))}${f(pct(ms, 99))}${String(errors).padStart(8)}  ${rss}  ${cpu}   < ${target} ms ${verdict}`)
  /** One load, with the server's RSS before and after and the CPU time the server and this client spent per request. */
  const measured = async (groups: string[][]) => {
    const rss0 = rssMb(pid, 'VmRSS')
    const cpu0 = cpuMs(pid)
    const own0 = process.cpuUsage()
    const results = await load(origin, groups)
    const own = process.cpuUsage(own0)
    const requests = results.reduce((a, r) => a + r.ms.length, 0) || 1
    const perReq = (ms: number) => `${((ms * 1000) / requests).toFixed(0)}`.padStart(6)
    return {
      results,
      rss: `${rss0.toFixed(0).padStart(5)}→${rssMb(pid, 'VmRSS').toFixed(0).padEnd(5)} MB`,
      cpu: `${' '.repeat(10)}${perReq(cpuMs(pid) - cpu0)} ${perReq((own.user + own.system) / 1000)}`,
    }
  }

  // Each endpoint alone: 50 clients on it and nothing else. These are the figures the targets judge.
  console.log(`\nalone: ${CLIENTS} concurrent clients on one endpoint, ${SECONDS} s each, loopback; server ${pid}; ${cpus().length} CPUs, load average ${load1} at the start`)
  console.log(header)
  let missed = 0
  for (const r of runs) {
    const { results, rss, cpu } = await measured([r.paths])
    const res = results[0]!
    const ok = pct(res.ms, 95) < r.target && res.errors === 0
    if (!ok) missed++
    line(r.label, res, r.target, rss, cpu, ok ? 'ok' : 'MISSED')
    if (res.errors) console.log(`  statuses: ${JSON.stringify(res.statuses)}`)
  }
  // All of them at once: the same 50 clients, each request to the next endpoint in turn. A
  // cheap answer then waits in the server's one event loop behind the dear ones, so its
  // latency here is mostly that queue; shown, not judged (the CPU columns are per request of any endpoint).
  if (runs.length > 1) {
    console.log(`\nmixed: the same ${CLIENTS} clients over all ${runs.length} endpoints at once, ${SECONDS} s (not judged: a cheap answer's figure here is the queue behind the others)`)
    console.log(header)
    const { results, rss, cpu } = await measured(runs.map((r) => r.paths))
    runs.forEach((r, i) => {
      const res = results[i]!
      line(r.label, res, r.target, i === 0 ? rss : ' '.repeat(rss.length), i === 0 ? cpu : ' '.repeat(cpu.length), pct(res.ms, 95) < r.target && res.errors === 0 ? '(met)' : '(not met)')
      if (res.errors) {
        missed++ // errors are never fine
        console.log(`  statuses: ${JSON.stringify(res.statuses)}`)
      }
    })
  }
  console.log(`\nserver peak RSS: ${rssMb(pid, 'VmHWM').toFixed(0)} MB; load average ${loadavg()[0]!.toFixed(1)} at the end`)
  process.exitCode = missed ? 1 : 0
} finally {
  server?.kill('SIGTERM')
  // BENCH_KEEP=1 keeps the database for EXPLAIN (drop it by hand).
  if (process.env.BENCH_KEEP || reuse) console.log(`kept database ${name}`)
  else await admin.unsafe(`drop database if exists ${name} with (force)`)
  await admin.end()
}
