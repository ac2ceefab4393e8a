/**
 * What `bench:sweep` and `bench:check` share: the limits every tool gets, the report each
 * tool's run makes, the world and peer child processes (test/bench/peers.ts), accuracy
 * against the ground truth, and the lines that print a run and the bounds politeness sets.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { GroundTruthEntry } from '../../src/demo/start-world.js'

/** How long every tool waits for headers, and for the body to move, before it gives up. */
export const STALL_LIMIT_MS = 3000
/** The world's Retry-After on its always-429/503 URLs (default 10 s), shortened for the benches. */
export const WORLD_RETRY_AFTER_S = 1
/** Requests at once per host, for every tool. */
export const PER_HOST = 2
/** Requests at once in all, for every tool (datavakt's default globalConcurrency). */
export const GLOBAL = 128

/** What each tool's run reports. */
export interface ToolReport {
  tool: string
  urls: number
  finished: number
  elapsedMs: number
  urlsPerSecond: number
  peakRssMb: number
  /** CPU time (user + system) of the tool's whole process, start-up included, in ms. */
  cpuMs: number
  /** Per URL: true = the tool calls it broken/failing, false = working, null = could not tell. */
  verdicts: Record<string, boolean | null>
  note?: string
  /** At the peers' politeness, the most URLs/s the run's busiest host allows at best (printBusiestHost). */
  allowsUrlsPerSecond?: number
}

export function readTruth(path: string): GroundTruthEntry[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as GroundTruthEntry)
}

const peersScript = join(fileURLToPath(new URL('.', import.meta.url)), 'peers.ts')

/** A role of peers.ts in its own process. BENCH_NODE_ARGS (e.g. "--cpu-prof") goes to the tools, not the world. */
function child(role: string, extra: string[]): ChildProcess {
  const nodeArgs = role !== 'world' && process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []
  return spawn(process.execPath, [...nodeArgs, '--import', 'tsx', peersScript, '--role', role, ...extra], { stdio: ['pipe', 'pipe', 'inherit'] })
}

function waitForLine(p: ChildProcess, prefix: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: p.stdout! })
    rl.on('line', (line) => {
      if (line.startsWith(prefix)) {
        rl.close()
        resolve(line.slice(prefix.length))
      }
    })
    p.once('exit', (code) => reject(new Error(`${prefix.trim()} never came (exit ${code})`)))
  })
}

/** A running world: its ground truth, and how to stop it. */
export interface BenchWorld {
  truthPath: string
  truth: GroundTruthEntry[]
  /** URLs per host, largest first. */
  hostSizes: number[]
  stop(): void
}

/** Starts the simulated world in its own process and prints what it holds. */
export async function startBenchWorld(o: { distributions: number; hosts: number; seed: number; defectRate?: number }): Promise<BenchWorld> {
  const args = ['--distributions', String(o.distributions), '--hosts', String(o.hosts), '--seed', String(o.seed)]
  if (o.defectRate !== undefined) args.push('--defect-rate', String(o.defectRate))
  const world = child('world', args)
  const ready = JSON.parse(await waitForLine(world, 'READY ')) as { truthPath: string; hosts: number; deadHosts: number }
  const truth = readTruth(ready.truthPath)
  const perHost = new Map<string, number>()
  for (const e of truth) perHost.set(e.host, (perHost.get(e.host) ?? 0) + 1)
  const sizes = [...perHost.values()].sort((a, b) => b - a)
  const expected = { ok: 0, failing: 0, unverified: 0 }
  for (const e of truth) expected[e.expected.outcome]++
  console.log(
    `World: ${truth.length} distributions on ${perHost.size} hosts (${ready.hosts} listening, ${ready.deadHosts} dead), ` +
      `largest host ${sizes[0]} URLs, median ${sizes[Math.floor(sizes.length / 2)]}; expected ok ${expected.ok}, failing ${expected.failing}, unverified ${expected.unverified}`,
  )
  return {
    truthPath: ready.truthPath,
    truth,
    hostSizes: sizes,
    stop: () => {
      world.stdin!.end()
      world.kill('SIGTERM')
    },
  }
}

/** Runs a peer (`linkinator` or `blc`) on the world's URL list; its report. */
export async function runPeer(role: 'linkinator' | 'blc', truthPath: string, outPath: string): Promise<ToolReport> {
  const p = child(role, ['--truth', truthPath, '--out', outPath])
  const exited = new Promise<void>((r) => p.once('exit', () => r()))
  const report = JSON.parse(readFileSync(await waitForLine(p, 'REPORT '), 'utf8')) as ToolReport
  // Let it exit by itself (a --cpu-prof profile is written at exit), then make sure.
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
  p.kill()
  return report
}

export interface Accuracy {
  falseBroken: number
  missedBroken: number
  unverifiedOfOk: number
  unverifiedOfFailing: number
  unverifiedExpected: number
  unverifiedExpectedJudged: number
  /** Verdicts other than the truth's outcome (failing, ok, unverified), of any kind. */
  wrong: number
  missing: number
}

export function accuracy(truth: GroundTruthEntry[], verdicts: Record<string, boolean | null>): Accuracy {
  const a: Accuracy = { falseBroken: 0, missedBroken: 0, unverifiedOfOk: 0, unverifiedOfFailing: 0, unverifiedExpected: 0, unverifiedExpectedJudged: 0, wrong: 0, missing: 0 }
  for (const e of truth) {
    const v = verdicts[e.url]
    if (v === undefined) {
      a.missing++
      continue
    }
    const exp = e.expected.outcome
    if (exp === 'ok' && v === true) a.falseBroken++
    if (exp === 'failing' && v === false) a.missedBroken++
    if (exp === 'ok' && v === null) a.unverifiedOfOk++
    if (exp === 'failing' && v === null) a.unverifiedOfFailing++
    if (exp === 'unverified') {
      a.unverifiedExpected++
      if (v !== null) a.unverifiedExpectedJudged++
    }
    if (v !== (exp === 'failing' ? true : exp === 'ok' ? false : null)) a.wrong++
  }
  return a
}

/** CPU milliseconds per URL finished. */
export function cpuPerUrl(r: ToolReport): number {
  return r.cpuMs / Math.max(1, r.finished)
}

/** Prints one tool's run: speed, memory, CPU, accuracy. */
export function printReport(report: ToolReport, truth: GroundTruthEntry[]): void {
  const acc = accuracy(truth, report.verdicts)
  console.log(
    `${report.tool}: ${report.finished}/${report.urls} URLs in ${(report.elapsedMs / 1000).toFixed(1)} s = ${report.urlsPerSecond.toFixed(1)} URLs/s, ` +
      `peak RSS ${report.peakRssMb.toFixed(0)} MB, CPU ${(report.cpuMs / 1000).toFixed(1)} s = ${cpuPerUrl(report).toFixed(3)} ms/URL`,
  )
  console.log(
    `  accuracy: false broken ${acc.falseBroken}, missed broken ${acc.missedBroken}; ` +
      `could not tell: ${acc.unverifiedOfOk} of the ok, ${acc.unverifiedOfFailing} of the failing; ` +
      `rate-limited/bot-walled (truth: unverified) judged anyway: ${acc.unverifiedExpectedJudged}/${acc.unverifiedExpected}; ` +
      `verdicts other than the truth's: ${acc.wrong}` +
      (acc.missing ? `; no answer for ${acc.missing}` : ''),
  )
  if (report.note) console.log(`  note: ${report.note}`)
}

/** Codes a datavakt run gave that differ from the truth, counted per `expected→got` pair. */
export function codeDifferences(truth: GroundTruthEntry[], codes: Record<string, string>): Record<string, number> {
  const byPair: Record<string, number> = {}
  for (const e of truth) {
    const got = codes[e.url]
    if (got !== undefined && got !== e.expected.code) byPair[`${e.expected.code}→${got}`] = (byPair[`${e.expected.code}→${got}`] ?? 0) + 1
  }
  return byPair
}

/** Each host's always-429/503 URLs (each answers with Retry-After: WORLD_RETRY_AFTER_S). */
function rateLimitedPerHost(truth: GroundTruthEntry[]): Map<string, number> {
  const limited = new Map<string, number>()
  for (const e of truth) if (e.expected.code === 'rate-limited') limited.set(e.host, (limited.get(e.host) ?? 0) + 1)
  return limited
}

/** One host's share of a run, from the run's own figures: its URLs and the time its requests held a connection (ms). */
export interface HostTime {
  urls: number
  requestMs: number
}

/** Each host's URLs and request time, from a run's results (each with its host and its time holding a connection, ms). */
export function hostTimes(results: Iterable<{ host: string; ms: number }>): Map<string, HostTime> {
  const hosts = new Map<string, HostTime>()
  for (const r of results) {
    const h = hosts.get(r.host) ?? { urls: 0, requestMs: 0 }
    h.urls++
    h.requestMs += r.ms
    hosts.set(r.host, h)
  }
  return hosts
}

/**
 * The least time `count` always-429/503 URLs stop their host: each pause is Retry-After
 * long and stops the whole host; with every connection hit at once, `perHost` pauses can
 * overlap, no more.
 */
export function pairedPauseSeconds(count: number, perHost = PER_HOST): number {
  return Math.ceil(count / perHost) * WORLD_RETRY_AFTER_S
}

/** A host that could end last, and the least time it needs (see busiestHost). */
export interface BusiestHost {
  host: string
  urls: number
  /** Its requests' time per connection, in s. */
  requestS: number
  /** Its always-429/503 URLs: each pauses the whole host for WORLD_RETRY_AFTER_S. */
  pauses: number
  /** Its least time with every pause paired with another (at most PER_HOST at once), in s. */
  bestS: number
  /** Its least time with the pauses apart, in s. */
  apartS: number
}

/**
 * Where a run at the peers' politeness (no gap) had to wait: the host that could end last,
 * from the run's own figures. A host cannot be done sooner than its requests' time (each
 * URL's time while it held a connection) spread over its connections, plus its
 * Retry-After pauses: a pause stops the whole host, so they cost one Retry-After each when
 * they fall apart, and half that (retryAfterBound's rule) when every one falls together
 * with another, which no tool can arrange without knowing beforehand which URLs answer
 * 429. Returns the host that needs longest either way (`best`: pauses paired; `apart`),
 * often the same one. A run near that time waits on its busiest host, not on its CPU or
 * its database.
 */
export function busiestHost(truth: GroundTruthEntry[], hosts: Map<string, HostTime>): { best: BusiestHost; apart: BusiestHost } | null {
  const limited = rateLimitedPerHost(truth)
  let best: BusiestHost | null = null
  let apart: BusiestHost | null = null
  for (const [host, h] of hosts) {
    const requestS = h.requestMs / PER_HOST / 1000
    const pauses = limited.get(host) ?? 0
    const b = { host, urls: h.urls, requestS, pauses, bestS: requestS + pairedPauseSeconds(pauses), apartS: requestS + pauses * WORLD_RETRY_AFTER_S }
    if (!best || b.bestS > best.bestS) best = b
    if (!apart || b.apartS > apart.apartS) apart = b
  }
  return best && apart ? { best, apart } : null
}

/** Prints where the run's time went (busiestHost) against the `tookMs` it took; returns the most URLs/s the busiest host allows at best. */
export function printBusiestHost(truth: GroundTruthEntry[], hosts: Map<string, HostTime>, tookMs: number, took: string): number {
  const busiest = busiestHost(truth, hosts)
  if (!busiest) return 0
  const { best, apart } = busiest
  const s = (x: number) => x.toFixed(1)
  const needs = (b: BusiestHost) =>
    `${b.host} (${b.urls} URLs) needed ${s(b.requestS)} s in requests per connection and has ${b.pauses} Retry-After ${b.pauses === 1 ? 'pause' : 'pauses'} of ${WORLD_RETRY_AFTER_S} s`
  const apartWords = apart.host === best.host ? `${s(apart.apartS)} s with them apart` : `with the pauses apart, ${needs(apart)}: ${s(apart.apartS)} s`
  // With no pause to pair (none, or one), both ways are the same time.
  const same = apart.host === best.host && apart.apartS === best.bestS
  const least = same ? `${needs(best)}: at least ${s(best.bestS)} s` : `${needs(best)}: ${s(best.bestS)} s with every pause paired with another; ${apartWords}`
  console.log(
    `  where the time went: the busiest host, ${least}. ` +
      `The run took ${s(tookMs / 1000)} s (${took}); at these request times no run that honours Retry-After exceeds ${(truth.length / best.bestS).toFixed(0)} URLs/s` +
      (same ? '' : ` (${(truth.length / apart.apartS).toFixed(0)} with the pauses apart)`),
  )
  return truth.length / best.bestS
}

/**
 * The least time honouring Retry-After alone costs the world's worst host
 * (pairedPauseSeconds). Null when no URL is rate-limited.
 */
export function retryAfterBound(truth: GroundTruthEntry[], perHost: number): { host: string; count: number; seconds: number } | null {
  const [host, count] = [...rateLimitedPerHost(truth)].sort((a, b) => b[1] - a[1])[0] ?? ['', 0]
  if (count === 0) return null
  return { host, count, seconds: pairedPauseSeconds(count, perHost) }
}
