/**
 * `npm run bench:harvest`: harvests a generated 5,000-dataset RDF/XML catalogue (10,000
 * distributions, ~10 MB) from a loopback server running in a separate process, twice: a
 * first harvest (everything added) and a re-harvest (everything unchanged). Prints
 * datasets per second and peak RSS. Targets: under 10 s, RSS under 300 MB.
 *
 * What is measured is the command a user runs, `datavakt harvest --json`, in its own
 * process (built first, so bin/datavakt.js runs dist/), with a configuration naming the
 * catalogue. Its peak RSS is read from outside (GNU time, else /proc VmHWM), so nothing of
 * this script counts against it, and a peak inside a synchronous parse is not missed.
 * The database is a fresh PGlite folder, or a fresh PostgreSQL database next to
 * DATABASE_URL's. The folder is created first with `datavakt migrate`, whose peak is
 * printed too: creating a PGlite cluster (initdb) is a one-time cost of installation, and
 * a second `datavakt migrate` shows what merely opening the database costs.
 * BENCH_DATASETS changes the size.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { ensureBuilt, runDatavakt, type CommandRun } from './run-datavakt.js'

const N = Number(process.env.BENCH_DATASETS ?? 5000)
const mb = (v: number) => `${v.toFixed(0)} MB`

ensureBuilt()
const server = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./harvest-server.ts', import.meta.url)), String(N)], {
  stdio: ['pipe', 'pipe', 'inherit'],
})
const first = await new Promise<string>((resolve, reject) => {
  server.once('exit', (code) => reject(new Error(`catalogue server exited (${code})`)))
  createInterface({ input: server.stdout! }).once('line', resolve)
})
const { origin, bytes } = JSON.parse(first) as { origin: string; bytes: number }

const work = mkdtempSync(join(tmpdir(), 'datavakt-bench-harvest-'))
const configPath = join(work, 'datavakt.config.json')
writeFileSync(configPath, JSON.stringify({ sources: [{ id: 'bench', kind: 'dcat', url: `${origin}/catalog.rdf` }], allowPrivateNetworks: true }))
const env: Record<string, string> = { DATAVAKT_CONFIG: configPath }
let dropDatabase = async () => {}
if (process.env.DATABASE_URL) {
  const { default: postgres } = await import('postgres')
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} })
  const name = `datavakt_bench_${process.pid}_${Date.now().toString(36)}`
  await admin.unsafe(`create database ${name}`)
  const url = new URL(process.env.DATABASE_URL)
  url.pathname = `/${name}`
  env.DATABASE_URL = url.toString()
  dropDatabase = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
} else {
  env.DATAVAKT_DATA_DIR = join(work, 'data')
}

const must = (label: string, r: CommandRun): CommandRun => {
  if (r.code !== 0) throw new Error(`${label} exited with ${r.code}:\n${r.stderr.slice(-2000)}`)
  return r
}
try {
  console.log(
    `harvest bench: ${N} datasets, ${2 * N} distributions, ${(bytes / 1e6).toFixed(1)} MB RDF/XML, ` +
      `database ${env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}; \`datavakt harvest\` in its own process, peak RSS from outside`,
  )
  const create = must('datavakt migrate', await runDatavakt(['migrate'], env))
  const open = must('datavakt migrate', await runDatavakt(['migrate'], env))
  console.log(`datavakt migrate, creating the database:      peak RSS ${mb(create.peakRssMb)} (once, at installation)`)
  console.log(`datavakt migrate, opening it (nothing to do): peak RSS ${mb(open.peakRssMb)} (the floor of any command)`)
  for (const label of ['first harvest', 're-harvest']) {
    const r = must('datavakt harvest', await runDatavakt(['harvest', '--json'], env))
    const [result] = JSON.parse(r.stdout) as {
      status: string
      error?: string
      elapsedMs: number
      counts: { datasets: { added: number; changed: number; unchanged: number } }
    }[]
    if (!result || result.status !== 'ok') throw new Error(`harvest failed: ${result?.error}`)
    const s = result.elapsedMs / 1000
    console.log(
      `${label.padEnd(14)} ${s.toFixed(2)} s harvesting (${(r.elapsedMs / 1000).toFixed(2)} s for the whole command)  ${(N / s).toFixed(0)} datasets/s  ` +
        `added ${result.counts.datasets.added} changed ${result.counts.datasets.changed} unchanged ${result.counts.datasets.unchanged}  ` +
        `peak RSS ${mb(r.peakRssMb)} (${mb(r.peakRssMb - open.peakRssMb)} above opening the database)`,
    )
  }
} finally {
  server.stdin!.end()
  await dropDatabase()
  rmSync(work, { recursive: true, force: true })
}
