/**
 * `npm run bench:world`: starts a 100,000-distribution, 1,000-host simulated world and
 * prints its start time, peak RSS and the requests per second it serves on loopback.
 * Targets (issue 3): start < 15 s, RSS < 500 MB, > 5,000 requests/s.
 *
 * The load comes from a child process (this file with --client) so the client's own
 * CPU and memory are not counted against the world: an undici Agent with a few
 * connections per host and many requests in flight, each a Range prefix GET like the
 * checker's probe, bounded by a request count and a time limit.
 *
 * The client first warms up (BENCH_WORLD_WARMUP_SECONDS, default 3) so that, as in a
 * running sweep, connections to the hosts are open; only the window after it counts.
 *
 * Options (env): BENCH_WORLD_DISTRIBUTIONS (100000), BENCH_WORLD_HOSTS (1000),
 * BENCH_WORLD_SECONDS (10), BENCH_WORLD_CONCURRENCY (256), BENCH_WORLD_MAX_REQUESTS (200000),
 * BENCH_WORLD_WARMUP_SECONDS (3), BENCH_WORLD_SKIP_CATALOGUE (0).
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Agent, request } from 'undici'

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)

async function client(urlsFile: string, seconds: number, concurrency: number, maxRequests: number, warmupSeconds: number): Promise<void> {
  const urls = JSON.parse(await readFile(urlsFile, 'utf8')) as string[]
  const agent = new Agent({ connections: 2, pipelining: 1, keepAliveTimeout: 60_000, headersTimeout: 10_000, bodyTimeout: 10_000 })
  const statuses: Record<string, number> = {}
  let done = 0
  let errors = 0
  let bytes = 0
  let next = 0
  let measuring = false
  const warmEnd = performance.now() + warmupSeconds * 1000
  let started = warmEnd
  let deadline = warmEnd + seconds * 1000
  let cpuAtStart = process.cpuUsage()
  async function worker(): Promise<void> {
    while (performance.now() < deadline && (!measuring || done < maxRequests)) {
      if (!measuring && performance.now() >= warmEnd) {
        // Warm-up over: connections to every host are open, as in a running sweep.
        measuring = true
        started = performance.now()
        deadline = started + seconds * 1000
        cpuAtStart = process.cpuUsage()
        process.stdout.write('MEASURING\n')
      }
      const url = urls[(next++ * 7919) % urls.length]
      const counted = measuring
      try {
        const res = await request(url, { dispatcher: agent, headers: { range: 'bytes=0-65535', 'user-agent': 'datavakt-bench' } })
        const body = Buffer.from(await res.body.arrayBuffer())
        if (counted) {
          bytes += body.length
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1
        }
      } catch {
        if (counted) errors++
      }
      if (counted) done++
    }
  }
  await Promise.all(Array.from({ length: concurrency }, () => worker()))
  const elapsed = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuAtStart)
  await agent.close()
  process.stdout.write(JSON.stringify({ done, errors, bytes, elapsed, statuses, clientCpu: (cpu.user + cpu.system) / 1e6 }) + '\n')
}

async function main(): Promise<void> {
  const distributions = env('BENCH_WORLD_DISTRIBUTIONS', 100_000)
  const hosts = env('BENCH_WORLD_HOSTS', 1000)
  const seconds = env('BENCH_WORLD_SECONDS', 10)
  const concurrency = env('BENCH_WORLD_CONCURRENCY', 256)
  const maxRequests = env('BENCH_WORLD_MAX_REQUESTS', 200_000)
  const warmup = env('BENCH_WORLD_WARMUP_SECONDS', 3)

  // memoryUsage.rss() is the cheap variant; the kernel's maxRSS below catches spikes between samples.
  let peakRss = process.memoryUsage.rss()
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss())
  }, 250)

  const { startWorld } = await import('../../src/demo/start-world.js')
  const t0 = performance.now()
  const world = await startWorld({ seed: 1, distributions, hosts })
  const startMs = performance.now() - t0
  const rssAfterStart = process.memoryUsage().rss
  console.log(`world: ${world.distributionCount} distributions, ${world.datasetCount} datasets, ${world.hosts.length} hosts (+${world.deadHosts.length} dead), ${world.catalogues.length} catalogues`)
  console.log(`start time:        ${(startMs / 1000).toFixed(2)} s   (target < 15 s)`)
  console.log(`RSS after start:   ${(rssAfterStart / 1024 ** 2).toFixed(0)} MB`)

  // Only URLs that answer promptly: a request/s figure is about serving, not about stalls.
  const slow = new Set(['timeout', 'no-response', 'refused', 'reset', 'truncated', 'huge-body', 'gzip-bomb'])
  const urls: string[] = []
  for (const e of world.truth()) if (!e.defects.some((d) => slow.has(d))) urls.push(e.url)

  if (process.env.BENCH_WORLD_SKIP_CATALOGUE !== '1') {
  const t1 = performance.now()
  const biggest = world.catalogues.reduce((a, b) => (a.name === 'Göteborgs Stad' ? a : b))
  const cat = await request(biggest.url)
  const catBytes = (await cat.body.arrayBuffer()).byteLength
  console.log(`largest catalogue: ${(catBytes / 1024 ** 2).toFixed(1)} MB in ${(performance.now() - t1).toFixed(0)} ms (${biggest.name})`)
  }

  const dir = await mkdtemp(join(tmpdir(), 'bench-world-'))
  const urlsFile = join(dir, 'urls.json')
  await writeFile(urlsFile, JSON.stringify(urls))
  let before = world.requestCount()
  let cpuBefore = process.cpuUsage()
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--client', urlsFile, String(seconds), String(concurrency), String(maxRequests), String(warmup)], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString()
    if (out.includes('MEASURING') && !out.includes('MEASURED')) {
      // The world's figures count from the end of the client's warm-up, like the client's.
      out = out.replace('MEASURING', 'MEASURED')
      before = world.requestCount()
      cpuBefore = process.cpuUsage()
    }
  })
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)))
  await rm(dir, { recursive: true, force: true })
  if (code !== 0) throw new Error(`bench client exited with ${code}`)
  const r = JSON.parse(out.trim().split('\n').pop() as string) as { done: number; errors: number; bytes: number; elapsed: number; statuses: Record<string, number>; clientCpu: number }
  const cpu = process.cpuUsage(cpuBefore)
  clearInterval(sampler)
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
  const maxRssKb = process.resourceUsage().maxRSS
  console.log(`requests served:   ${world.requestCount() - before} after a ${warmup} s warm-up (${r.errors} client errors) in ${r.elapsed.toFixed(1)} s, ${(r.bytes / 1024 ** 2).toFixed(0)} MB of bodies`)
  console.log(`requests/s:        ${(r.done / r.elapsed).toFixed(0)}   (target > 5,000; ${concurrency} in flight, 2 connections per host like the checker, Range prefix GETs)`)
  console.log(`world CPU:         ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s over ${r.elapsed.toFixed(1)} s (${(((cpu.user + cpu.system) / 1e6 / r.elapsed) * 100).toFixed(0)}% of one core; the machine's load decides the rest)`)
  const cpuPerRequest = (cpu.user + cpu.system) / Math.max(1, world.requestCount() - before)
  console.log(`world CPU/request: ${cpuPerRequest.toFixed(0)} µs → about ${Math.round(1e6 / cpuPerRequest)} requests/s per free core`)
  console.log(`client CPU:        ${r.clientCpu.toFixed(1)} s (${((r.clientCpu / r.elapsed) * 100).toFixed(0)}% of one core)`)
  console.log(`statuses:          ${JSON.stringify(r.statuses)}`)
  console.log(`peak RSS:          ${(Math.max(peakRss, maxRssKb * 1024) / 1024 ** 2).toFixed(0)} MB   (target < 500 MB; world process only, client is a child process)`)
  await world.close()
}

if (process.argv[2] === '--client') {
  await client(process.argv[3], Number(process.argv[4]), Number(process.argv[5]), Number(process.argv[6]), Number(process.argv[7]))
} else {
  await main()
}
