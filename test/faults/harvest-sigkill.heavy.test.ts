/**
 * Fault: SIGKILL during a harvest on PGlite, as PID 1 in a PID namespace of its own (the
 * container case; `unshare --pid --fork --mount-proc` when this runs as root and unshare
 * exists, else a plain child process, and the test says which). The next start opens the
 * folder (no lock left behind, no "in use by process 1"), and the previous harvest's data
 * is intact: every dataset of the first harvest is there and live, each with all its
 * distributions; the next harvest closes the killed run as `interrupted` (that happens when
 * a harvest starts, not when `datavakt start` does).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/open-database.js'
import { generateRdfXmlCatalogue } from '../harvest/generate-catalogue.js'
import { send, serve, type TestServer } from '../harvest/serve.js'
import { tempFolder } from '../helpers/temp-folder.js'
import { datavakt, killStarted, portOf } from './datavakt-process.js'

const FIRST = 10
const SECOND = 3000
const dir = tempFolder('datavakt-kill-', killStarted)
const data = join(dir, 'data')
const config = join(dir, 'config.json')
let server: TestServer
let big = false
let sentAt = 0

const asPid1 = process.getuid?.() === 0 && existsSync('/usr/bin/unshare')

beforeAll(async () => {
  let second = ''
  server = await serve((_req, res, url) => {
    if (url.pathname !== '/catalog.rdf') return false
    if (!big) return send(res, generateRdfXmlCatalogue({ base: server.origin, datasets: FIRST }))
    second ||= generateRdfXmlCatalogue({ base: server.origin, datasets: SECOND, changed: new Set(Array.from({ length: FIRST }, (_, i) => i)) })
    res.once('finish', () => (sentAt = performance.now()))
    return send(res, second)
  })
  writeFileSync(config, JSON.stringify({ lang: 'en', dataDir: data, allowPrivateNetworks: true, web: { host: '127.0.0.1', port: 0 }, sources: [{ id: 'gen', kind: 'dcat', url: `${server.origin}/catalog.rdf` }] }))
}, 120_000)

afterAll(async () => {
  await server?.close()
})

/** The host pid of the datavakt process: the unshare's forked child when wrapped. */
function datavaktPid(wrapperPid: number): number {
  if (!asPid1) return wrapperPid
  for (let i = 0; i < 400; i++) {
    // ps exits 1 while the wrapper has no child yet: that is "not yet", not a failure.
    let out = ''
    try {
      out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(wrapperPid)]).toString().trim()
    } catch {
      out = ''
    }
    if (out) return Number(out.split('\n')[0])
    execFileSync('sleep', ['0.05'])
  }
  throw new Error('the namespaced child never appeared')
}

describe(`SIGKILL during a harvest on PGlite (${asPid1 ? 'as PID 1 in its own PID namespace' : 'a plain child process: not root or no unshare'})`, () => {
  it('the next start opens the folder, and the previous harvest is intact', async () => {
    const first = datavakt(['harvest'], { config })
    expect((await first.exited).code, first.out()).toBe(0)

    big = true
    const killed = datavakt(['harvest'], { config, wrap: asPid1 ? ['unshare', '--pid', '--fork', '--mount-proc'] : [] })
    const pid = datavaktPid(killed.child.pid!)
    // Killed while it stores the big catalogue: after the server sent it, before it can be done.
    for (let i = 0; i < 1200 && sentAt === 0; i++) await new Promise((r) => setTimeout(r, 50))
    expect(sentAt, killed.out()).toBeGreaterThan(0)
    await new Promise((r) => setTimeout(r, 400))
    process.kill(pid, 'SIGKILL')
    await killed.exited
    expect(killed.out()).not.toMatch(/datasets: .*added 3000/)

    const next = datavakt(['start'], { config })
    const port = portOf(await next.waitFor(/running at http/))
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200)
    next.child.kill('SIGTERM')
    expect((await next.exited).code, next.out()).toBe(0)

    const opened = await openDatabase({ dataDir: data })
    try {
      const ds = await opened.db.selectFrom('datasets').select(['iri', 'withdrawn_at']).where('source_id', '=', 'gen').execute()
      const byIri = new Map(ds.map((d) => [d.iri, d]))
      for (let i = 0; i < FIRST; i++) {
        const d = byIri.get(`${server.origin}/dataset/${i}`)
        expect(d, `dataset ${i}`).toBeDefined()
        expect(d!.withdrawn_at).toBeNull()
        const dists = await opened.db.selectFrom('distributions').select('iri').where('dataset_iri', '=', d!.iri).where('withdrawn_at', 'is', null).execute()
        expect(dists).toHaveLength(2)
      }
      // All of the second harvest or none of it: a half-stored catalogue is no state to leave.
      expect([FIRST, SECOND]).toContain(ds.length)
    } finally {
      await opened.close()
    }
    // The next harvest closes the killed run as interrupted (harvestAll does, before it starts), and runs.
    big = false
    const after = datavakt(['harvest'], { config })
    await after.exited
    expect(after.out()).not.toMatch(/in use by process/)
    const again = await openDatabase({ dataDir: data })
    try {
      const runs = await again.db.selectFrom('harvest_runs').select('status').orderBy('id').execute()
      expect(runs.map((r) => r.status).slice(0, 2)).toEqual(['ok', 'interrupted'])
      expect(runs.map((r) => r.status)).not.toContain('running')
    } finally {
      await again.close()
    }
  }, 600_000)
})
