import { afterAll, beforeAll, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describeEachDb, type TestDb } from '../helpers/test-db.js'
import { openDatabase, type OpenDatabase } from '../../src/db/open-database.js'
import { seedDistributions } from '../availability/seed-distributions.js'
import { startLoopbackHosts, type LoopbackHost } from './loopback-hosts.js'

const bin = fileURLToPath(new URL('../../bin/datavakt.js', import.meta.url))
let t: TestDb
let hosts: LoopbackHost[]
let dir: string


function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const config = join(dir, 'datavakt.config.json')
  writeFileSync(config, JSON.stringify({ dataDir: t.dir ?? join(dir, 'unused'), http: { perHostGapMs: 10 } }))
  const env: NodeJS.ProcessEnv = { ...process.env, DATAVAKT_CONFIG: config }
  if (t.url) env.DATABASE_URL = t.url
  else delete env.DATABASE_URL
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [bin, ...args], { env })
    let stdout = ''
    let stderr = ''
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    p.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

describeEachDb('datavakt sweep', (db) => {
  beforeAll(async () => {
    t = db()
    hosts = await startLoopbackHosts(2, 5)
    dir = mkdtempSync(join(tmpdir(), 'datavakt-cli-'))
    await seedDistributions(
      t.db,
      hosts.flatMap((h, hi) => [0, 1, 2].map((i) => ({ iri: `urn:cli:${hi}:${i}`, url: `${h.base}/${i === 2 ? 'missing' : 'ok'}/cli/${i}` }))),
    )
    // The CLI opens the database itself: a PGlite folder is locked to one process.
    if (t.kind === 'pglite') await t.close()
  })
  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.close()))
    rmSync(dir, { recursive: true, force: true })
  })
  it('without --allow-private, the loopback targets are refused by the guard (forbidden-target)', async () => {
    const r = await cli(['sweep', '--quiet'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Svep \d+ klart: 6 av 6 adresser på 2 värdar/)
    expect(r.stdout).toMatch(/forbidden-target\s+6/)
  })

  it('with --allow-private, runs the sweep with progress and prints the summary per outcome and code', async () => {
    const r = await cli(['sweep', '--allow-private'])
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/\[#+\] 100% 6\/6/)
    expect(r.stdout).toMatch(/fungerar\s+4/)
    expect(r.stdout).toMatch(/fungerar inte\s+2/)
    expect(r.stdout).toMatch(/http-404\s+2\s+Servern svarar 404/)
    // The forbidden-target failures of the first sweep were the first failures; these
    // ok probes heal the 4 good ones.
    expect(r.stdout).toMatch(/Lagade \(fungerar igen\): 4/)
    let opened: OpenDatabase | undefined
    try {
      opened = await openDatabase(t.url ? { databaseUrl: t.url } : { dataDir: t.dir! })
      const n = await opened.db.selectFrom('probes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      expect(n.n).toBe(12)
    } finally {
      await opened?.close()
    }
  })

  it('refuses unknown flags with exit code 2', async () => {
    const r = await cli(['sweep', '--bogus'])
    expect(r.code).toBe(2)
    const w = await cli(['worker', '--max-hosts', 'zero'])
    expect(w.code).toBe(2)
  })
})
