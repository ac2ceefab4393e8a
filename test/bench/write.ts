/**
 * `npm run bench:write [-- --distributions N] [--hosts H] [--batch B] [--sweeps S]`: what
 * storing a sweep's probes costs the database, with no network at all. Seeds a fresh
 * database (PGlite in a temp folder, or with DATABASE_URL a new PostgreSQL database next
 * to the one named, dropped at the end) with N distributions (default 20,000) on H hosts
 * (default 200; their addresses are never asked). Then writes S sweeps (default 2: the
 * first meets no stored state, the second a state for every distribution, as every later
 * sweep does) of one probe per distribution through the worker's probe writer
 * (src/queue/probe-writer.ts: the probes, the states, the next checks, then the alerts),
 * B probes a batch (default 500, what a 20,000-URL sweep's batches hold at the peers'
 * politeness).
 *
 * For each sweep it prints the write time per 1,000 probes in each quarter of the sweep
 * (as each quarter ends), and the last quarter's ÷ the second's (the first also warms up
 * the JIT and the database's caches): a batch must cost the same at the end of a sweep as
 * early in it. A look-up that reads everything the sweep has written so far makes the
 * sweep's cost grow with its square, and shows here as a ratio well above 1. Also prints
 * probes/s over the whole sweep and this process's CPU ms per probe (on PGlite that
 * includes the database's thread; PostgreSQL's own CPU is its server's, not counted).
 */
import { parseArgs } from 'node:util'
import { availableParallelism, loadavg } from 'node:os'
import type { ProbeCode, ProbeOutcome } from '../../src/domain/probe-codes.js'
import { openDatabase } from '../../src/db/open-database.js'
import { createSweep } from '../../src/queue/create-sweep.js'
import { ProbeWriter } from '../../src/queue/probe-writer.js'
import { defaultConfig } from '../../src/config/config.js'
import { probeResult, seedDistributions, type SeedItem } from '../availability/seed-distributions.js'
import { prepareDbWith } from './bench-db.js'
import { wholeNumber } from './bench-args.js'

const { values: argv } = parseArgs({
  options: {
    distributions: { type: 'string', default: '20000' },
    hosts: { type: 'string', default: '200' },
    batch: { type: 'string', default: '500' },
    sweeps: { type: 'string', default: '2' },
  },
})

const N = wholeNumber('bench:write', 'distributions', argv.distributions)
const HOSTS = wholeNumber('bench:write', 'hosts', argv.hosts)
const BATCH = wholeNumber('bench:write', 'batch', argv.batch)
const SWEEPS = wholeNumber('bench:write', 'sweeps', argv.sweeps)
const HOUR = 3_600_000

/** The seeded distributions: N on HOSTS loopback hosts, round robin, 50 files a dataset. */
function items(): SeedItem[] {
  const out: SeedItem[] = []
  for (let i = 0; i < N; i++) {
    const host = `127.0.${1 + (i % HOSTS >> 8)}.${(i % HOSTS) % 256}:8080`
    out.push({ iri: `urn:bench:distribution:${i}`, url: `http://${host}/data/file-${i}.csv`, dataset: `urn:bench:dataset:${Math.floor(i / 50)}`, format: 'CSV' })
  }
  return out
}

/** What the world answers for distribution `i` in sweep `s`: mostly ok, some 404s, a few silent. */
function verdict(i: number, s: number): { outcome: ProbeOutcome; code: ProbeCode } {
  if (i % 20 === 0) return { outcome: 'failing', code: 'http-404' }
  if ((i + s) % 97 === 0) return { outcome: 'failing', code: 'timeout' }
  return { outcome: 'ok', code: 'ok' }
}

/** Write time per 1,000 probes of a quarter. */
function perThousand(q: { ms: number; probes: number }): number {
  return q.probes === 0 ? 0 : (q.ms / q.probes) * 1000
}

async function main(): Promise<void> {
  const seeded = items()
  const where = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'
  console.log(`bench:write on ${where}: ${N} distributions on ${HOSTS} hosts, ${SWEEPS} sweeps, ${BATCH} probes a batch (${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(1)})`)
  const t0 = performance.now()
  const prepared = await prepareDbWith((db) => seedDistributions(db, seeded))
  console.log(`  seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  const opened = await openDatabase(process.env.DATABASE_URL ? { databaseUrl: prepared.db } : { dataDir: prepared.db })
  const errors: Error[] = []
  const writer = new ProbeWriter(opened.db, 'bench-write', defaultConfig.availability, BATCH, 60_000, () => undefined, defaultConfig.alerts)
  const growth: number[] = []
  try {
    const start = Date.now()
    for (let s = 0; s < SWEEPS; s++) {
      const { sweepId } = await createSweep(opened.db, { trigger: 'test' })
      const quarters = [0, 0, 0, 0].map(() => ({ ms: 0, probes: 0 }))
      const cpu0 = process.cpuUsage()
      const began = performance.now()
      console.log(`  sweep ${s + 1} (${s === 0 ? 'no state stored yet' : 'a state for every distribution'}): ms per 1,000 probes, by quarter of the sweep`)
      for (let from = 0; from < N; from += BATCH) {
        const at = start + s * 6 * HOUR + from
        const batch = seeded.slice(from, from + BATCH).map((d, k) => {
          const v = verdict(from + k, s)
          return { distributionIri: d.iri, host: new URL(d.url!).host, result: probeResult(d.url!, v.outcome, v.code, new Date(at + k), { etag: `"v${s}-${from + k}"` }) }
        })
        const t = performance.now()
        const written = batch.map((p) => writer.add(sweepId, p).catch((err: Error) => void errors.push(err)))
        await writer.flush()
        await Promise.all(written)
        const q = Math.min(3, Math.floor((from / N) * 4))
        quarters[q]!.ms += performance.now() - t
        quarters[q]!.probes += batch.length
        // Each quarter's figure as soon as it is done: a large run shows its progress.
        const next = from + BATCH >= N ? 4 : Math.min(3, Math.floor(((from + BATCH) / N) * 4))
        if (next !== q) console.log(`    quarter ${q + 1}: ${perThousand(quarters[q]!).toFixed(0)} ms`)
      }
      const ms = performance.now() - began
      const cpu = process.cpuUsage(cpu0)
      const perK = quarters.map(perThousand)
      growth.push(perK[3]! / perK[1]!)
      console.log(
        `    ${N} probes in ${(ms / 1000).toFixed(2)} s = ${((N / ms) * 1000).toFixed(0)} probes/s, ` +
          `CPU ${((cpu.user + cpu.system) / 1000 / N).toFixed(3)} ms/probe (this process); last quarter ÷ second ${growth[s]!.toFixed(2)}`,
      )
    }
  } finally {
    writer.close()
    await opened.close()
    await prepared.drop()
  }
  if (errors.length > 0) throw new Error(`${errors.length} probes were not written; the first: ${errors[0]!.message}`)
  const worst = Math.max(...growth)
  console.log(`  a batch at the end of a sweep costs ${worst.toFixed(2)}× one in its second quarter (worst sweep): ${worst < 1.5 ? 'flat' : 'GROWS with the sweep'}`)
}

await main()
