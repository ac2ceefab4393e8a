/**
 * `npm run bench:sweep`: one availability sweep of a simulated region of 20,000
 * distributions on 200 hosts (all on loopback), then the same URL list checked by
 * linkinator 7 and broken-link-checker at the same per-host concurrency (2) and the same
 * global limit (128). Prints URLs/s, peak RSS and accuracy against the world's ground
 * truth, the ratios, and the bound the default politeness puts on any sweep of this world.
 *
 * Every part runs in its own process, so each tool's RSS is its own and the world's
 * servers are not counted against anyone:
 *   world       the simulated region (src/demo/start-world.ts), writes its ground truth
 *   datavakt    the command a user runs, `datavakt sweep` (built first, so it runs dist/),
 *               with a configuration file for the variant: the real engine (GET of a
 *               64 KiB Range prefix), every probe stored with the state machine applied,
 *               on a fresh database the main process created and filled from the ground
 *               truth (no harvest): PGlite in a temp folder, or a new PostgreSQL database
 *               when DATABASE_URL is set. Its peak RSS is read from outside the process
 *               (GNU time, else /proc VmHWM). Run twice:
 *                 default  2 connections and 250 ms gap per host, Retry-After honoured
 *                          (the host waits it out); the per-429 doubling of the gap is
 *                          off, because the world's rate-limited URLs answer 429 however
 *                          slowly they are asked (doubling would only measure the world)
 *                 peer     the peers' politeness: 2 connections per host, no gap;
 *                          Retry-After still honoured, as in bench:check
 *   linkinator, blc  the peers, as roles of test/bench/peers.ts (see there)
 * For datavakt it also prints where the sweep's time went: URLs done per second, when the
 * hosts were claimed, and the last hosts to finish; at the peers' politeness also its
 * busiest host's least time and the most URLs/s that allows (printBusiestHost).
 * Every tool's CPU time is printed per URL (datavakt's through GNU time or /proc, the
 * peers' through process.cpuUsage), start-up included.
 *
 * Stalling hosts get the same 3 s limit in every tool (datavakt: headers/body timeout);
 * the world's Retry-After is 1 s instead of 10 s.
 *
 * Options: --distributions N --hosts N --seed N
 *          --only datavakt|datavakt:default|datavakt:peer|linkinator|blc (several: comma-separated)
 * BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles the tool processes.
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Db } from '../../src/db/database.js'
import type { GroundTruthEntry } from '../../src/demo/start-world.js'
import {
  accuracy,
  codeDifferences,
  cpuPerUrl,
  GLOBAL,
  hostTimes,
  pairedPauseSeconds,
  PER_HOST,
  printBusiestHost,
  printReport,
  retryAfterBound,
  runPeer,
  startBenchWorld,
  STALL_LIMIT_MS,
  WORLD_RETRY_AFTER_S,
  type HostTime,
  type ToolReport,
} from './comparison.js'
import { onlyOf, wholeNumber } from './bench-args.js'
import { ensureBuilt, runDatavakt } from './run-datavakt.js'
import { prepareDb } from './bench-db.js'

const { values: argv } = parseArgs({
  options: {
    distributions: { type: 'string', default: '20000' },
    hosts: { type: 'string', default: '200' },
    seed: { type: 'string', default: '42' },
    only: { type: 'string' },
  },
})

const BENCH = 'bench:sweep'
const opts = {
  distributions: wholeNumber(BENCH, 'distributions', argv.distributions),
  hosts: wholeNumber(BENCH, 'hosts', argv.hosts),
  seed: wholeNumber(BENCH, 'seed', argv.seed, 0),
  only: onlyOf(BENCH, argv.only, ['datavakt', 'datavakt:default', 'datavakt:peer', 'linkinator', 'blc']),
}

/**
 * `datavakt sweep --quiet --allow-private` as a user runs it (dist/, its own process),
 * on a database prepared from the ground truth, with a configuration file for the
 * variant. Its peak RSS is read from outside; the sweep's duration is the sweep row's
 * created_at → finished_at (without the command's start-up); verdicts are read back from
 * the probes table afterwards, by this process.
 */
async function runDatavaktSweep(variant: 'default' | 'peer', truth: GroundTruthEntry[], dbLocation: string): Promise<ToolReport> {
  const { openDatabase } = await import('../../src/db/open-database.js')
  const base = { headersTimeoutMs: STALL_LIMIT_MS, bodyTimeoutMs: STALL_LIMIT_MS }
  // default: 2 connections and a 250 ms gap per host, Retry-After honoured (the host
  //   waits it out), but the gap is not doubled per 429: the world's rate-limited URLs
  //   answer 429 however slowly they are asked, so doubling would only measure the world.
  // peer: the peers' politeness, 2 connections per host and no gap; Retry-After is still
  //   honoured (issue 14: datavakt keeps it at equal politeness, blc does not).
  const http = variant === 'peer' ? { ...base, perHostGapMs: 0, rateLimitGapFactor: 1 } : { ...base, rateLimitGapFactor: 1 }
  const dir = mkdtempSync(join(tmpdir(), 'datavakt-bench-config-'))
  const configPath = join(dir, 'datavakt.config.json')
  writeFileSync(configPath, JSON.stringify({ allowPrivateNetworks: true, http }))
  const env: Record<string, string> = { DATAVAKT_CONFIG: configPath }
  if (dbLocation.startsWith('postgres')) env.DATABASE_URL = dbLocation
  else env.DATAVAKT_DATA_DIR = dbLocation
  const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []
  const run = await runDatavakt(['sweep', '--quiet', '--allow-private'], env, { nodeArgs })
  rmSync(dir, { recursive: true, force: true })
  if (run.code !== 0) throw new Error(`datavakt sweep exited with ${run.code}:\n${run.stderr.slice(-2000)}`)
  const database = await openDatabase(dbLocation.startsWith('postgres') ? { databaseUrl: dbLocation } : { dataDir: dbLocation })
  try {
    const sweep = await database.db.selectFrom('sweeps').select(['id', 'created_at', 'finished_at']).executeTakeFirstOrThrow()
    const elapsedMs = new Date(sweep.finished_at!).getTime() - new Date(sweep.created_at).getTime()
    const rows = await database.db.selectFrom('probes').select(['url', 'outcome', 'code', 'host', 'at', 'elapsed_ms']).where('sweep_id', '=', sweep.id).execute()
    const hosts = await printTimeline(database.db, sweep.id, new Date(sweep.created_at).getTime(), rows)
    const allows = variant === 'peer' ? printBusiestHost(truth, hosts, elapsedMs, 'from its sweep row, start-up not included') : undefined
    const verdicts: Record<string, boolean | null> = {}
    const codes: Record<string, string> = {}
    for (const r of rows) {
      verdicts[r.url] = r.outcome === 'failing' ? true : r.outcome === 'ok' ? false : null
      codes[r.url] = r.code
    }
    const byPair = codeDifferences(truth, codes)
    return {
      tool: variant === 'peer' ? 'datavakt (peer politeness)' : 'datavakt (default politeness)',
      urls: truth.length,
      finished: rows.length,
      elapsedMs,
      urlsPerSecond: rows.length / (elapsedMs / 1000),
      peakRssMb: run.peakRssMb,
      cpuMs: run.cpuMs,
      verdicts,
      note:
        `\`datavakt sweep\` on ${dbLocation.startsWith('postgres') ? 'PostgreSQL' : 'PGlite (in its process)'}, ` +
        `${(run.elapsedMs / 1000).toFixed(1)} s for the whole command; probes stored: ${rows.length}; codes differing from truth: ${JSON.stringify(byPair)}`,
      ...(allows !== undefined ? { allowsUrlsPerSecond: allows } : {}),
    }
  } finally {
    await database.close()
  }
}

/**
 * Where the sweep's time went, from what it stored: URLs done in each second (a probe's
 * start plus its time), when the hosts were claimed, and the hosts that finished last
 * with their time in requests per connection (a host cannot end sooner than that after
 * its claim). A sweep whose seconds start slow is claiming or reading; one with a long
 * thin tail waits on its last hosts.
 */
async function printTimeline(
  db: Db,
  sweepId: number,
  startMs: number,
  probes: { host: string; at: Date | string; elapsed_ms: number }[],
): Promise<Map<string, HostTime>> {
  const secondsOf = (ms: number) => (ms / 1000).toFixed(1)
  const perSecond: number[] = []
  for (const p of probes) {
    const second = Math.floor((new Date(p.at).getTime() - startMs + p.elapsed_ms) / 1000)
    perSecond[second] = (perSecond[second] ?? 0) + 1
  }
  const perHost = hostTimes(probes.map((p) => ({ host: p.host, ms: p.elapsed_ms })))
  console.log(`  URLs done in each second of the sweep: ${Array.from(perSecond, (n) => n ?? 0).join(' ')}`)
  const hosts = (await db.selectFrom('sweep_hosts').select(['host', 'started_at', 'finished_at']).where('sweep_id', '=', sweepId).execute())
    .map((h) => ({ host: h.host, claimed: new Date(h.started_at!).getTime() - startMs, done: new Date(h.finished_at!).getTime() - startMs }))
    .sort((a, b) => a.claimed - b.claimed)
  // The hosts a worker starts with (src/queue/host-budget.ts): the global slots ÷ the connections per host.
  const first = Math.min(Math.ceil(GLOBAL / PER_HOST), hosts.length)
  console.log(`  hosts claimed: ${first} by ${secondsOf(hosts[first - 1]?.claimed ?? 0)} s, all ${hosts.length} by ${secondsOf(hosts.at(-1)?.claimed ?? 0)} s`)
  const last = [...hosts].sort((a, b) => b.done - a.done).slice(0, 4)
  const words = last.map((h) => {
    const own = perHost.get(h.host) ?? { urls: 0, requestMs: 0 }
    return `${h.host} (${own.urls} URLs, claimed at ${secondsOf(h.claimed)} s, done at ${secondsOf(h.done)} s, ${secondsOf(own.requestMs / PER_HOST)} s in requests per connection)`
  })
  console.log(`  last hosts done: ${words.join('; ')}`)
  return perHost
}

// ---------------------------------------------------------------- main

type Run = { role: 'datavakt'; variant: 'default' | 'peer' } | { role: 'linkinator' | 'blc' }

async function main(): Promise<void> {
  ensureBuilt()
  const world = await startBenchWorld({ distributions: opts.distributions, hosts: opts.hosts, seed: opts.seed })
  const { truth } = world
  const all: Run[] = [{ role: 'datavakt', variant: 'default' }, { role: 'datavakt', variant: 'peer' }, { role: 'linkinator' }, { role: 'blc' }]
  const { only } = opts
  const tools = only ? all.filter((t) => only.includes(t.role) || ('variant' in t && only.includes(`${t.role}:${t.variant}`))) : all
  const reportDir = mkdtempSync(join(tmpdir(), 'datavakt-bench-reports-'))
  const reports: ToolReport[] = []
  try {
    for (const [i, t] of tools.entries()) {
      console.log(`\nRunning ${t.role}${'variant' in t ? ` (${t.variant} politeness)` : ''} ...`)
      let report: ToolReport
      if ('variant' in t) {
        const prepared = await prepareDb(truth)
        try {
          report = await runDatavaktSweep(t.variant, truth, prepared.db)
        } finally {
          await prepared.drop()
        }
      } else {
        report = await runPeer(t.role, world.truthPath, join(reportDir, `${i}.json`))
      }
      reports.push(report)
      printReport(report, truth)
    }
  } finally {
    world.stop()
    rmSync(reportDir, { recursive: true, force: true })
  }
  printBounds(truth, world.hostSizes, reports.find((r) => r.tool === DEFAULT_TOOL))
  printRatios(truth, reports)
}

const DEFAULT_TOOL = 'datavakt (default politeness)'

/**
 * The bounds the default politeness puts on any sweep of this world, and the share of
 * them the default-politeness sweep reached. The gap is between any two request starts at
 * one host (http.perHostGapMs), so a host of N URLs needs N × gap whatever its
 * connections; the issue's formula (N × gap ÷ connections) is printed too: it would hold
 * for a gap per connection.
 */
function printBounds(truth: GroundTruthEntry[], sizes: number[], defaultRun: ToolReport | undefined): void {
  const gapS = 0.25
  const ra = retryAfterBound(truth, PER_HOST)
  console.log(`\nPoliteness bound at the default gap (${gapS * 1000} ms): the largest host has ${sizes[0]} URLs.`)
  if (ra) {
    console.log(
      `  Retry-After waits: ${ra.host} has ${ra.count} URLs that answer 429/503 with Retry-After ${WORLD_RETRY_AFTER_S} s; ` +
        `honouring it (at best ${PER_HOST} pauses at once) takes at least ${ra.seconds} s, so no sweep that honours Retry-After exceeds ${(truth.length / ra.seconds).toFixed(0)} URLs/s, whatever its gap.`,
    )
  }
  const bounds = [
    { name: 'per-host gap (host × gap, plus its Retry-After waits)', perGap: 1 },
    { name: "issue's formula (host × gap ÷ connections, plus its Retry-After waits)", perGap: PER_HOST },
  ]
  for (const b of bounds) {
    const worst = slowestHost(truth, (urls, limited) => (urls * gapS) / b.perGap + pairedPauseSeconds(limited))
    const bound = truth.length / worst.seconds
    const share = defaultRun ? `; the default sweep reached ${defaultRun.urlsPerSecond.toFixed(0)} URLs/s = ${((100 * defaultRun.urlsPerSecond) / bound).toFixed(0)}% (target ≥ 90%)` : ''
    console.log(`  ${b.name}: ${worst.host} needs ${worst.seconds.toFixed(1)} s, so at most ${bound.toFixed(0)} URLs/s${share}`)
  }
}

/** The host that needs longest, by `seconds(its URLs, its rate-limited URLs)`. */
function slowestHost(truth: GroundTruthEntry[], seconds: (urls: number, limited: number) => number): { host: string; seconds: number } {
  const hosts = new Map<string, { urls: number; limited: number }>()
  for (const e of truth) {
    const h = hosts.get(e.host) ?? { urls: 0, limited: 0 }
    h.urls++
    if (e.expected.code === 'rate-limited') h.limited++
    hosts.set(e.host, h)
  }
  let worst = { host: '', seconds: 0 }
  for (const [host, h] of hosts) {
    const s = seconds(h.urls, h.limited)
    if (s > worst.seconds) worst = { host, seconds: s }
  }
  return worst
}

/** Each datavakt run against the peers, and the targets at the peers' politeness. */
function printRatios(truth: GroundTruthEntry[], reports: ToolReport[]): void {
  const peers = reports.filter((r) => !r.tool.startsWith('datavakt'))
  const blc = peers.find((p) => p.tool === 'blc')
  for (const dv of reports.filter((r) => r.tool.startsWith('datavakt'))) {
    if (peers.length === 0) break
    console.log(`\n${dv.tool}: ratios (datavakt URLs/s ÷ peer URLs/s; CPU ms/URL datavakt : peer)`)
    for (const p of peers) console.log(`  vs ${p.tool}: ${(dv.urlsPerSecond / p.urlsPerSecond).toFixed(2)}×, CPU ${cpuPerUrl(dv).toFixed(3)} : ${cpuPerUrl(p).toFixed(3)} ms/URL`)
    if (dv.tool === DEFAULT_TOOL || !blc) continue
    const acc = accuracy(truth, dv.verdicts)
    const ratio = dv.urlsPerSecond / blc.urlsPerSecond
    if (dv.allowsUrlsPerSecond) console.log(`  the most its busiest host allows at best, ÷ blc: ${(dv.allowsUrlsPerSecond / blc.urlsPerSecond).toFixed(2)}×`)
    console.log(
      `  targets: ≥ 1.25× blc: ${ratio.toFixed(2)}× ${ratio >= 1.25 ? 'MET' : 'NOT MET'}; ` +
        `RSS < 250 MB: ${dv.peakRssMb.toFixed(0)} MB ${dv.peakRssMb < 250 ? 'MET' : 'NOT MET'}; ` +
        `zero false broken: ${acc.falseBroken === 0 ? 'MET' : 'NOT MET'}; zero missed broken: ${acc.missedBroken === 0 ? 'MET' : 'NOT MET'}`,
    )
  }
}

await main()
