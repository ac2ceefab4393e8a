/**
 * The child processes of `bench:sweep` and `bench:check`, one role each (`--role`), so
 * that each tool's RSS and CPU time are its own and the world's servers are not counted
 * against anyone:
 *   world       the simulated region (src/demo/start-world.ts), writes its ground truth
 *               and prints `READY {...}`; stops when its stdin ends
 *   linkinator  `LinkChecker.check` on a loopback HTML page whose <a href>s are the URLs
 *               (its native way to check a list: HEAD, GET on failure), recurse off;
 *               per-host limit through undici's global dispatcher (connections: 2)
 *   blc         broken-link-checker's `UrlChecker` with maxSocketsPerHost 2, maxSockets
 *               128, every URL enqueued
 * The peers run under tsx and sample their own RSS every 50 ms (their figure includes
 * tsx's loader thread, ~30 MB, and may miss a short peak); their CPU time is the whole
 * process's (process.cpuUsage), start-up included, as datavakt's is.
 *
 * Stalling hosts: the world's "timeout"/"no-response" URLs never answer. Every tool gets
 * the same 3 s limit (STALL_LIMIT_MS): linkinator through its undici dispatcher's
 * headers/body timeouts (its own `timeout` would count queueing for a connection), blc
 * through bhttp's `responseTimeout`, which blc does not expose, set by wrapping
 * bhttp.request. The world's Retry-After is 1 s instead of 10 s.
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { parseArgs } from 'node:util'
import { GLOBAL, PER_HOST, STALL_LIMIT_MS, WORLD_RETRY_AFTER_S, readTruth, type ToolReport } from './comparison.js'

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

function cpuMsOfProcess(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

const { values: argv } = parseArgs({
  options: {
    role: { type: 'string' },
    distributions: { type: 'string', default: '20000' },
    hosts: { type: 'string', default: '200' },
    seed: { type: 'string', default: '42' },
    'defect-rate': { type: 'string' },
    truth: { type: 'string' },
    out: { type: 'string' },
  },
})

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
    ...(argv['defect-rate'] === undefined ? {} : { defectRate: Number(argv['defect-rate']) }),
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
  const report = { tool: 'linkinator', urls: truth.length, finished, elapsedMs, urlsPerSecond: finished / (elapsedMs / 1000) }
  emit({ ...report, peakRssMb: peak(), cpuMs: cpuMsOfProcess(), verdicts })
  process.exit(0)
}

// ---------------------------------------------------------------- broken-link-checker

interface BlcChecker {
  enqueue(url: string): unknown
}

type BlcModule = {
  UrlChecker: new (
    opts: Record<string, unknown>,
    handlers: { link: (r: { url: { original: string }; broken: boolean }) => void; end: () => void },
  ) => BlcChecker
}

async function roleBlc(): Promise<void> {
  const peak = rssSampler()
  const truth = readTruth(argv.truth!)
  const require = createRequire(import.meta.url)
  // blc exposes no timeout; give its HTTP client (bhttp) the same limit as the others.
  const bhttp = require('bhttp') as { request: (url: string, opts: Record<string, unknown>, ...rest: unknown[]) => unknown }
  const original = bhttp.request
  bhttp.request = (url, opts, ...rest) => original.call(bhttp, url, { ...opts, responseTimeout: STALL_LIMIT_MS }, ...rest)
  const blc = require('broken-link-checker') as BlcModule
  const verdicts: Record<string, boolean | null> = {}
  let finished = 0
  let last = Date.now()
  const started = Date.now()
  const ended = new Promise<void>((resolve) => {
    const link = (r: { url: { original: string }; broken: boolean }) => {
      verdicts[r.url.original] = r.broken
      last = Date.now()
      if (++finished % 2000 === 0) process.stderr.write(`  blc: ${finished}\n`)
    }
    const checker = new blc.UrlChecker({ maxSocketsPerHost: PER_HOST, maxSockets: GLOBAL }, { link, end: () => resolve() })
    for (const e of truth) checker.enqueue(e.url)
  })
  const note = await untilEndedOrStuck(ended, () => last, truth.length, () => finished)
  const elapsedMs = last - started
  const report = { tool: 'blc', urls: truth.length, finished, elapsedMs, urlsPerSecond: finished / (elapsedMs / 1000) }
  emit({ ...report, peakRssMb: peak(), cpuMs: cpuMsOfProcess(), verdicts, ...(note ? { note } : {}) })
  process.exit(0)
}

/**
 * A request bhttp never times out (a body that stalls after the headers) would keep blc
 * from ever ending: stop waiting after 30 s without progress and count what ended.
 * Returns a note when it stopped that way.
 */
async function untilEndedOrStuck(ended: Promise<void>, lastProgress: () => number, urls: number, finished: () => number): Promise<string | undefined> {
  let note: string | undefined
  await Promise.race([
    ended,
    new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (Date.now() - lastProgress() > 30_000) {
          clearInterval(t)
          note = `stopped after 30 s without progress; ${urls - finished()} URLs never finished`
          resolve()
        }
      }, 1000)
      void ended.then(() => {
        clearInterval(t)
        resolve()
      })
    }),
  ])
  return note
}

const roles: Record<string, () => Promise<void>> = { world: roleWorld, linkinator: roleLinkinator, blc: roleBlc }
if (argv.role) await roles[argv.role]!()
