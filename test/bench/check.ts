/**
 * `npm run bench:check`: `datavakt check --per-host 2 --gap 0` (no database) against
 * broken-link-checker with 2 requests per host, on the same list of 20,000 URLs on 50
 * hosts of a mostly well-behaved simulated web (5 % of the distributions have a defect,
 * instead of the world's default 30 %). Prints each run's URLs/s, peak RSS, CPU ms per
 * URL and accuracy against the ground truth, and the ratios; with --repeat N the two
 * tools take turns N times in one run, and the ranges are printed.
 *
 *   datavakt  the command a user runs (dist/, built first), in its own process, with
 *             --json, --expect and --urls-file; its peak RSS and CPU time are read from outside
 *             (GNU time, else /proc); its time is the whole command's, start-up included.
 *             A configuration file sets what every tool gets (3 s headers/body limit) and
 *             turns off the per-429 growth of the gap: the world's rate-limited URLs
 *             answer 429 however slowly they are asked, so growing the gap would only
 *             measure the world. Retry-After is still honoured (the host waits 1 s), and
 *             each URL is a GET of a 64 KiB Range prefix, sniffed and classified.
 *   blc       the `blc` role of test/bench/peers.ts (maxSocketsPerHost 2, maxSockets 128).
 *
 * After each datavakt run it prints where the time went: the host that could end last, its
 * requests' time per connection plus its Retry-After pauses, and so the most URLs/s any
 * polite check with requests as fast could reach in this world (and that, ÷ blc's rate).
 *
 * Targets (issue 14): ≥ 2× blc's URLs/s, RSS < 250 MB, every verdict right, and at most
 * 0.25 ms of CPU per URL.
 *
 * Options: --distributions N --hosts N --seed N --defect-rate R --repeat N --only datavakt|blc
 * BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles the tool processes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { GroundTruthEntry } from '../../src/demo/start-world.js'
import {
  accuracy,
  codeDifferences,
  cpuPerUrl,
  hostTimes,
  PER_HOST,
  printReport,
  printBusiestHost,
  retryAfterBound,
  runPeer,
  startBenchWorld,
  STALL_LIMIT_MS,
  type HostTime,
  type ToolReport,
} from './comparison.js'
import { fraction, onlyOf, wholeNumber } from './bench-args.js'
import { ensureBuilt, runDatavakt } from './run-datavakt.js'

const { values: argv } = parseArgs({
  options: {
    distributions: { type: 'string', default: '20000' },
    hosts: { type: 'string', default: '50' },
    seed: { type: 'string', default: '42' },
    'defect-rate': { type: 'string', default: '0.05' },
    repeat: { type: 'string', default: '1' },
    only: { type: 'string' },
  },
})

const DATAVAKT = 'datavakt check'
const BENCH = 'bench:check'
const opts = {
  distributions: wholeNumber(BENCH, 'distributions', argv.distributions),
  hosts: wholeNumber(BENCH, 'hosts', argv.hosts),
  seed: wholeNumber(BENCH, 'seed', argv.seed, 0),
  defectRate: fraction(BENCH, 'defect-rate', argv['defect-rate']),
  repeat: wholeNumber(BENCH, 'repeat', argv.repeat),
  tools: onlyOf(BENCH, argv.only, ['datavakt', 'blc']) ?? ['datavakt', 'blc'],
}

/** `datavakt check --json --per-host 2 --gap 0` over the world's URLs; verdicts and codes from its JSON lines, and each host's time. */
async function runCheck(truth: GroundTruthEntry[], dir: string): Promise<ToolReport & { hosts: Map<string, HostTime> }> {
  const urlsPath = join(dir, 'urls.txt')
  writeFileSync(urlsPath, truth.map((e) => e.url).join('\n') + '\n')
  const configPath = join(dir, 'datavakt.config.json')
  const http = { headersTimeoutMs: STALL_LIMIT_MS, bodyTimeoutMs: STALL_LIMIT_MS, rateLimitGapFactor: 1 }
  writeFileSync(configPath, JSON.stringify({ http }))
  const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []
  // Every distribution of the world is a downloadURL with a data format: the catalogue
  // promises a data file at every URL (as the sweep's expectsDataFile finds), so --expect.
  const args = ['check', '--json', '--allow-private', '--expect', 'csv', '--per-host', String(PER_HOST), '--gap', '0', '--config', configPath, '--urls-file', urlsPath]
  const run = await runDatavakt(args, {}, { nodeArgs })
  // Exit 1 means "some URL is failing", which this world always has.
  if (run.code !== 0 && run.code !== 1) throw new Error(`datavakt check exited with ${run.code}:\n${run.stderr.slice(-2000)}`)
  const verdicts: Record<string, boolean | null> = {}
  const codes: Record<string, string> = {}
  const times: { host: string; ms: number }[] = []
  for (const line of run.stdout.split('\n')) {
    if (!line) continue
    const r = JSON.parse(line) as { url: string; outcome: string; code: string; elapsedMs: number }
    verdicts[r.url] = r.outcome === 'failing' ? true : r.outcome === 'ok' ? false : null
    codes[r.url] = r.code
    times.push({ host: new URL(r.url).host, ms: r.elapsedMs })
  }
  const finished = Object.keys(verdicts).length
  return {
    tool: DATAVAKT,
    urls: truth.length,
    finished,
    elapsedMs: run.elapsedMs,
    urlsPerSecond: finished / (run.elapsedMs / 1000),
    peakRssMb: run.peakRssMb,
    cpuMs: run.cpuMs,
    verdicts,
    note: `the whole command, start-up included; codes differing from truth: ${JSON.stringify(codeDifferences(truth, codes))}`,
    hosts: hostTimes(times),
  }
}

/**
 * The truth `datavakt check --expect csv` is judged against. The world's truth is the
 * sweep's, which reads the catalogue: an access URL without a download URL may be a
 * landing page (DCAT allows it), so it is ok there, with a metadata finding. `--expect csv`
 * tells check that every address promises a data file, so at such an address a web page is
 * failing (`landing-page`), as it is in a sweep when a downloadURL leads to it. Both tools
 * are judged against this same truth.
 */
function truthUnderExpect(truth: GroundTruthEntry[]): GroundTruthEntry[] {
  return truth.map((e) => (e.landingPage ? { ...e, expected: { ...e.expected, outcome: 'failing', code: 'landing-page' } } : e))
}

async function main(): Promise<void> {
  ensureBuilt()
  const world = await startBenchWorld({ distributions: opts.distributions, hosts: opts.hosts, seed: opts.seed, defectRate: opts.defectRate })
  const truth = truthUnderExpect(world.truth)
  const ra = retryAfterBound(truth, PER_HOST)
  if (ra) {
    console.log(
      `Retry-After: ${ra.host} has ${ra.count} URLs answering 429/503 with Retry-After; honouring it costs that host at least ${ra.seconds} s ` +
        `(datavakt honours it, blc does not), so no polite check exceeds ${(truth.length / ra.seconds).toFixed(0)} URLs/s.`,
    )
  }
  const dir = mkdtempSync(join(tmpdir(), 'datavakt-bench-check-'))
  const runs: ToolReport[] = []
  try {
    for (let i = 0; i < opts.repeat; i++) {
      for (const tool of opts.tools) {
        console.log(`\nRunning ${tool} (round ${i + 1}) ...`)
        if (tool === 'blc') {
          const report = await runPeer('blc', world.truthPath, join(dir, `blc-${i}.json`))
          printReport(report, truth)
          runs.push(report)
        } else {
          const { hosts, ...report } = await runCheck(truth, dir)
          printReport(report, truth)
          report.allowsUrlsPerSecond = printBusiestHost(truth, hosts, report.elapsedMs, 'start-up included')
          runs.push(report)
        }
      }
    }
  } finally {
    world.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  printSummary(truth, runs)
}

const range = (xs: number[], digits: number) => (xs.length === 0 ? '-' : `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`)

/** Ranges over the rounds, the ratio of each round (the tools ran back to back), and the targets. */
function printSummary(truth: GroundTruthEntry[], runs: ToolReport[]): void {
  const dv = runs.filter((r) => r.tool === DATAVAKT)
  const blc = runs.filter((r) => r.tool === 'blc')
  console.log('\nSummary (ranges over the rounds)')
  for (const [name, rs] of [[DATAVAKT, dv], ['blc', blc]] as const) {
    if (rs.length === 0) continue
    console.log(
      `  ${name}: ${range(rs.map((r) => r.urlsPerSecond), 0)} URLs/s, peak RSS ${range(rs.map((r) => r.peakRssMb), 0)} MB, ` +
        `CPU ${range(rs.map(cpuPerUrl), 3)} ms/URL`,
    )
  }
  if (dv.length === 0) return
  const ratios = dv.flatMap((d, i) => (blc[i] ? [d.urlsPerSecond / blc[i].urlsPerSecond] : []))
  const wrong = Math.max(...dv.map((d) => accuracy(truth, d.verdicts).wrong))
  const rss = Math.max(...dv.map((d) => d.peakRssMb))
  const cpu = Math.max(...dv.map(cpuPerUrl))
  const met = (ok: boolean) => (ok ? 'MET' : 'NOT MET')
  if (ratios.length > 0) {
    console.log(`  ratio datavakt ÷ blc per round: ${ratios.map((r) => `${r.toFixed(2)}×`).join(', ')}; ≥ 2×: ${met(Math.min(...ratios) >= 2)}`)
    // What the busiest host allows at best (pauses paired), over blc's rate in the same round: no polite check goes above it.
    const allowed = dv.flatMap((d, i) => (blc[i] && d.allowsUrlsPerSecond ? [d.allowsUrlsPerSecond / blc[i].urlsPerSecond] : []))
    console.log(`  the most the busiest host allows at best, ÷ blc per round: ${allowed.map((r) => `${r.toFixed(2)}×`).join(', ')}`)
  }
  console.log(
    `  targets: RSS < 250 MB: ${rss.toFixed(0)} MB ${met(rss < 250)}; every verdict right: ${wrong} wrong ${met(wrong === 0)}; ` +
      `≤ 0.25 ms CPU/URL: ${cpu.toFixed(3)} ${met(cpu <= 0.25)}`,
  )
}

await main()
