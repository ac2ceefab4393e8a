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
 *                 peer     the peers' politeness: 2 connections per host, no gap, no wait
 *   linkinator  `LinkChecker.check` on a loopback HTML page whose <a href>s are the URLs
 *               (its native way to check a list: HEAD, GET on failure), recurse off;
 *               per-host limit through undici's global dispatcher (connections: 2)
 *   blc         `UrlChecker` with maxSocketsPerHost 2, maxSockets 128, every URL enqueued
 *   The peers run as roles of this script under tsx, and sample their own RSS every 10 ms
 *   (their figure includes tsx's loader thread, ~30 MB, and may miss a short peak).
 *
 * Stalling hosts: the world's "timeout"/"no-response" URLs never answer. All tools get
 * the same 3 s limit (datavakt headers/body timeout, linkinator's undici dispatcher
 * headers/body timeout (its own `timeout` would count queueing for a connection), and for blc
 * bhttp's own `responseTimeout`, which blc does not expose, set by wrapping
 * bhttp.request). The world's Retry-After is 1 s instead of 10 s.
 *
 * Options: --distributions N --hosts N --seed N
 *          --only datavakt|datavakt:default|datavakt:peer|linkinator|blc
 * BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles the tool processes.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import { parseArgs } from 'node:util'
import type { GroundTruthEntry } from '../../src/demo/start-world.js'
import { ensureBuilt, runDatavakt } from './run-datavakt.js'

const STALL_LIMIT_MS = 3000
/** The world's Retry-After on its always-429/503 URLs (default 10 s), shortened for the bench. */
const WORLD_RETRY_AFTER_S = 1
const PER_HOST = 2
const GLOBAL = 128

const { values: argv } = parseArgs({
  options: {
    role: { type: 'string', default: 'main' },
    distributions: { type: 'string', default: '20000' },
    hosts: { type: 'string', default: '200' },
    seed: { type: 'string', default: '42' },
    truth: { type: 'string' },
    out: { type: 'string' },
    only: { type: 'string' },
  },
})

/** What each tool's process reports. */
interface ToolReport {
  tool: string
  urls: number
  finished: number
  elapsedMs: number
  urlsPerSecond: number
  peakRssMb: number
  /** Per URL: true = the tool calls it broken/failing, false = working, null = could not tell. */
  verdicts: Record<string, boolean | null>
  note?: string
}

function rssSampler(): () => number {
  let peak = process.memoryUsage.rss()
  const t = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50)
  t.unref()
  return () => {
    clearInterval(t)
    // maxRSS (KiB) also catches peaks between samples.
    return Math.max(peak, process.resourceUsage().maxRSS * 1024) / 1024 / 1024
  }
}

function readTruth(path: string): GroundTruthEntry[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as GroundTruthEntry)
}

/** Reports go through a file: a large line on a pipe may be cut when the process exits. */
function emit(report: ToolReport): void {
  writeFileSync(argv.out!, JSON.stringify(report))
  process.stdout.write(`REPORT ${argv.out}\n`)
}

// ---------------------------------------------------------------- world

async function roleWorld(): Promise<void> {
  const { startWorld } = await import('../../src/demo/start-world.js')
  const world = await startWorld({
    distributions: Number(argv.distributions),
    hosts: Number(argv.hosts),
    seed: Number(argv.seed),
    retryAfterSeconds: WORLD_RETRY_AFTER_S,
  })
  const dir = mkdtempSync(join(tmpdir(), 'datavakt-bench-'))
  const truthPath = join(dir, 'truth.jsonl')
  await world.writeGroundTruth(truthPath)
  process.stdout.write(`READY ${JSON.stringify({ truthPath, hosts: world.hosts.length, deadHosts: world.deadHosts.length })}\n`)
  const stop = async () => {
    await world.close()
    rmSync(dir, { recursive: true, force: true })
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop())
  process.stdin.on('end', () => void stop())
  process.stdin.resume()
}

// ---------------------------------------------------------------- datavakt

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
  // peer: the politeness the peers have: 2 connections per host, no gap, no waiting.
  const http =
    variant === 'peer'
      ? { ...base, perHostGapMs: 0, rateLimitGapFactor: 1, maxHostGapMs: 0, maxRetryAfterMs: 0 }
      : { ...base, rateLimitGapFactor: 1 }
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
    const rows = await database.db.selectFrom('probes').select(['url', 'outcome', 'code']).where('sweep_id', '=', sweep.id).execute()
    const verdicts: Record<string, boolean | null> = {}
    const codes: Record<string, string> = {}
    for (const r of rows) {
      verdicts[r.url] = r.outcome === 'failing' ? true : r.outcome === 'ok' ? false : null
      codes[r.url] = r.code
    }
    const byPair: Record<string, number> = {}
    for (const e of truth) {
      const got = codes[e.url]
      if (got !== undefined && got !== e.expected.code) byPair[`${e.expected.code}→${got}`] = (byPair[`${e.expected.code}→${got}`] ?? 0) + 1
    }
    return {
      tool: variant === 'peer' ? 'datavakt (peer politeness)' : 'datavakt (default politeness)',
      urls: truth.length,
      finished: rows.length,
      elapsedMs,
      urlsPerSecond: rows.length / (elapsedMs / 1000),
      peakRssMb: run.peakRssMb,
      verdicts,
      note:
        `\`datavakt sweep\` on ${dbLocation.startsWith('postgres') ? 'PostgreSQL' : 'PGlite (in its process)'}, ` +
        `${(run.elapsedMs / 1000).toFixed(1)} s for the whole command; probes stored: ${rows.length}; codes differing from truth: ${JSON.stringify(byPair)}`,
    }
  } finally {
    await database.close()
  }
}

/**
 * A fresh database per datavakt run, filled from the ground truth: PGlite in a temp
 * folder, or (with DATABASE_URL) a new PostgreSQL database next to the one named. Done
 * in the main process, so the one-time cost of creating a PGlite cluster (initdb) is not
 * counted against the sweep's memory.
 */
async function prepareDb(truth: GroundTruthEntry[]): Promise<{ db: string; drop(): Promise<void> }> {
  const { openDatabase } = await import('../../src/db/open-database.js')
  const { migrateToLatest } = await import('../../src/db/migrate.js')
  const { seedFromWorld } = await import('../availability/seed-from-world.js')
  const base = process.env.DATABASE_URL
  if (base) {
    const { default: postgres } = await import('postgres')
    const name = `datavakt_bench_${process.pid}_${Date.now().toString(36)}`
    const admin = postgres(base, { max: 1, onnotice: () => {} })
    await admin.unsafe(`create database ${name}`)
    const url = new URL(base)
    url.pathname = `/${name}`
    const opened = await openDatabase({ databaseUrl: url.toString() })
    await migrateToLatest(opened.db)
    await seedFromWorld(opened.db, truth)
    await opened.close()
    return {
      db: url.toString(),
      drop: async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`)
        await admin.end()
      },
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'datavakt-bench-db-'))
  const opened = await openDatabase({ dataDir: dir })
  await migrateToLatest(opened.db)
  await seedFromWorld(opened.db, truth)
  await opened.close()
  return { db: dir, drop: async () => rmSync(dir, { recursive: true, force: true }) }
}

// ---------------------------------------------------------------- linkinator

async function roleLinkinator(): Promise<void> {
  const peak = rssSampler()
  const truth = readTruth(argv.truth!)
  const undici = await import('undici')
  // linkinator uses the global fetch, i.e. undici's global dispatcher: limit it per host.
  undici.setGlobalDispatcher(new undici.Agent({ connections: PER_HOST, headersTimeout: STALL_LIMIT_MS, bodyTimeout: STALL_LIMIT_MS }))
  const html = `<!doctype html><html><body>${truth.map((e) => `<a href="${e.url}">x</a>`).join('\n')}</body></html>`
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(html)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const page = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  const { LinkChecker } = await import('linkinator')
  const checker = new LinkChecker()
  let done = 0
  checker.on('link', () => {
    if (++done % 2000 === 0) process.stderr.write(`  linkinator: ${done}\n`)
  })
  const started = Date.now()
  // No linkinator `timeout`: it is wall time from the call, so it would also count the
  // wait for one of the host's 2 connections and fail thousands of healthy URLs (measured:
  // 12,656 false broken). undici's headers/body timeouts above start when the request is
  // actually sent, as datavakt's do.
  const result = await checker.check({ path: page, recurse: false, concurrency: GLOBAL })
  const elapsedMs = Date.now() - started
  server.close()
  const verdicts: Record<string, boolean | null> = {}
  for (const l of result.links) {
    if (l.url === page) continue
    verdicts[l.url] = l.state === 'BROKEN' ? true : l.state === 'OK' ? false : null
  }
  const finished = Object.keys(verdicts).length
  emit({ tool: 'linkinator', urls: truth.length, finished, elapsedMs, urlsPerSecond: finished / (elapsedMs / 1000), peakRssMb: peak(), verdicts })
  process.exit(0)
}

// ---------------------------------------------------------------- broken-link-checker

async function roleBlc(): Promise<void> {
  const peak = rssSampler()
  const truth = readTruth(argv.truth!)
  const require = createRequire(import.meta.url)
  // blc exposes no timeout; give its HTTP client (bhttp) the same limit as the others.
  const bhttp = require('bhttp') as { request: (url: string, opts: Record<string, unknown>, ...rest: unknown[]) => unknown }
  const original = bhttp.request
  bhttp.request = (url, opts, ...rest) => original.call(bhttp, url, { ...opts, responseTimeout: STALL_LIMIT_MS }, ...rest)
  const blc = require('broken-link-checker') as {
    UrlChecker: new (
      opts: Record<string, unknown>,
      handlers: { link: (r: { url: { original: string }; broken: boolean }) => void; end: () => void },
    ) => { enqueue(url: string): unknown }
  }
  const verdicts: Record<string, boolean | null> = {}
  let finished = 0
  let last = Date.now()
  const started = Date.now()
  const ended = new Promise<void>((resolve) => {
    const checker = new blc.UrlChecker(
      { maxSocketsPerHost: PER_HOST, maxSockets: GLOBAL },
      {
        link: (r) => {
          verdicts[r.url.original] = r.broken
          last = Date.now()
          if (++finished % 2000 === 0) process.stderr.write(`  blc: ${finished}\n`)
        },
        end: () => resolve(),
      },
    )
    for (const e of truth) checker.enqueue(e.url)
  })
  // A request bhttp never times out (a body that stalls after the headers) would keep
  // blc from ever ending: stop waiting after 30 s without progress and count what ended.
  let note: string | undefined
  await Promise.race([
    ended,
    new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (Date.now() - last > 30_000) {
          clearInterval(t)
          note = `stopped after 30 s without progress; ${truth.length - finished} URLs never finished`
          resolve()
        }
      }, 1000)
      void ended.then(() => {
        clearInterval(t)
        last = Date.now()
        resolve()
      })
    }),
  ])
  const elapsedMs = last - started
  emit({ tool: 'blc', urls: truth.length, finished, elapsedMs, urlsPerSecond: finished / (elapsedMs / 1000), peakRssMb: peak(), verdicts, ...(note ? { note } : {}) })
  process.exit(0)
}

// ---------------------------------------------------------------- main

function child(role: string, extra: string[] = []): ChildProcess {
  // BENCH_NODE_ARGS (e.g. "--cpu-prof") goes to the tool processes, for profiling.
  const nodeArgs = role !== 'world' && process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []
  return spawn(process.execPath, [...nodeArgs, '--import', 'tsx', fileURLToPath(import.meta.url), '--role', role, ...extra], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
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

interface Accuracy {
  falseBroken: number
  missedBroken: number
  unverifiedOfOk: number
  unverifiedOfFailing: number
  unverifiedExpected: number
  unverifiedExpectedJudged: number
  missing: number
}

function accuracy(truth: GroundTruthEntry[], verdicts: Record<string, boolean | null>): Accuracy {
  const a: Accuracy = { falseBroken: 0, missedBroken: 0, unverifiedOfOk: 0, unverifiedOfFailing: 0, unverifiedExpected: 0, unverifiedExpectedJudged: 0, missing: 0 }
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
  }
  return a
}

async function main(): Promise<void> {
  ensureBuilt()
  const world = child('world', ['--distributions', argv.distributions!, '--hosts', argv.hosts!, '--seed', argv.seed!])
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
  const all: { role: string; variant?: 'default' | 'peer' }[] = [
    { role: 'datavakt', variant: 'default' },
    { role: 'datavakt', variant: 'peer' },
    { role: 'linkinator' },
    { role: 'blc' },
  ]
  const tools = argv.only ? all.filter((t) => t.role === argv.only || `${t.role}:${t.variant}` === argv.only) : all
  const reportDir = mkdtempSync(join(tmpdir(), 'datavakt-bench-reports-'))
  const reports: ToolReport[] = []
  try {
    for (const [i, t] of tools.entries()) {
      console.log(`\nRunning ${t.role}${t.variant ? ` (${t.variant} politeness)` : ''} ...`)
      let report: ToolReport
      if (t.variant) {
        const prepared = await prepareDb(truth)
        try {
          report = await runDatavaktSweep(t.variant, truth, prepared.db)
        } finally {
          await prepared.drop()
        }
      } else {
        const p = child(t.role, ['--truth', ready.truthPath, '--out', join(reportDir, `${i}.json`)])
        const exited = new Promise<void>((r) => p.once('exit', () => r()))
        report = JSON.parse(readFileSync(await waitForLine(p, 'REPORT '), 'utf8')) as ToolReport
        // Let it exit by itself (a --cpu-prof profile is written at exit), then make sure.
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
        p.kill()
      }
      reports.push(report)
      const tool = report.tool
      const acc = accuracy(truth, report.verdicts)
      console.log(
        `${tool}: ${report.finished}/${report.urls} URLs in ${(report.elapsedMs / 1000).toFixed(1)} s = ${report.urlsPerSecond.toFixed(1)} URLs/s, peak RSS ${report.peakRssMb.toFixed(0)} MB`,
      )
      console.log(
        `  accuracy: false broken ${acc.falseBroken}, missed broken ${acc.missedBroken}; ` +
          `could not tell: ${acc.unverifiedOfOk} of the ok, ${acc.unverifiedOfFailing} of the failing; ` +
          `rate-limited/bot-walled (truth: unverified) judged anyway: ${acc.unverifiedExpectedJudged}/${acc.unverifiedExpected}` +
          (acc.missing ? `; no answer for ${acc.missing}` : ''),
      )
      if (report.note) console.log(`  note: ${report.note}`)
    }
  } finally {
    world.stdin!.end()
    world.kill('SIGTERM')
    rmSync(reportDir, { recursive: true, force: true })
  }
  const gap = 0.25
  console.log(
    `\nPoliteness bound at the default gap: the largest host (${sizes[0]} URLs) needs at least ${(sizes[0]! * gap).toFixed(0)} s ` +
      `at one request per ${gap * 1000} ms, so no polite sweep of this world exceeds ${(truth.length / (sizes[0]! * gap)).toFixed(0)} URLs/s.`,
  )
  // Honouring Retry-After alone: every always-429 URL of a host stops that host for
  // Retry-After seconds; with both connections hit at once two pauses can overlap, no more.
  const limited = new Map<string, number>()
  for (const e of truth) if (e.expected.code === 'rate-limited') limited.set(e.host, (limited.get(e.host) ?? 0) + 1)
  const [rlHost, rlCount] = [...limited].sort((a, b) => b[1] - a[1])[0] ?? ['', 0]
  if (rlCount > 0) {
    const pause = Math.ceil(rlCount / PER_HOST) * WORLD_RETRY_AFTER_S
    console.log(
      `Retry-After bound: ${rlHost} has ${rlCount} URLs that answer 429 with Retry-After ${WORLD_RETRY_AFTER_S} s; honouring it ` +
        `(the host waits, at best two pauses at once) takes that host at least ${pause} s, so no sweep that honours ` +
        `Retry-After exceeds ${(truth.length / pause).toFixed(0)} URLs/s, whatever its gap.`,
    )
  }
  const peers = reports.filter((r) => !r.tool.startsWith('datavakt'))
  for (const dv of reports.filter((r) => r.tool.startsWith('datavakt'))) {
    if (peers.length === 0) break
    console.log(`\n${dv.tool}: ratios (datavakt URLs/s ÷ peer URLs/s)`)
    for (const p of peers) console.log(`  vs ${p.tool}: ${(dv.urlsPerSecond / p.urlsPerSecond).toFixed(2)}×`)
    const fastest = peers.reduce((a, b) => (a.urlsPerSecond > b.urlsPerSecond ? a : b))
    const acc = accuracy(truth, dv.verdicts)
    console.log(
      `  targets: ≥ 2× the faster peer (${fastest.tool}): ${(dv.urlsPerSecond / fastest.urlsPerSecond).toFixed(2)}× ${dv.urlsPerSecond >= 2 * fastest.urlsPerSecond ? 'MET' : 'NOT MET'}; ` +
        `RSS < 250 MB: ${dv.peakRssMb.toFixed(0)} MB ${dv.peakRssMb < 250 ? 'MET' : 'NOT MET'}; ` +
        `zero false broken: ${acc.falseBroken === 0 ? 'MET' : 'NOT MET'}; zero missed broken: ${acc.missedBroken === 0 ? 'MET' : 'NOT MET'}`,
    )
  }
}

const roles: Record<string, () => Promise<void>> = { main, world: roleWorld, linkinator: roleLinkinator, blc: roleBlc }
await roles[argv.role!]!()
