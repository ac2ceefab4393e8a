/**
 * Fault (issue 10): two schedulers at once, exactly one leads. Two `datavakt start`
 * processes on one PostgreSQL (a cluster of this test's own, own-postgres.ts: the advisory
 * lock is server-wide, so the shared test server is left alone), started together, with
 * the availability sweep due every 2 seconds. Only the leader runs due jobs; a follower
 * logs none. When the leader is SIGKILLed, its session and with it the lock go, and the
 * other takes over; a third started beside it follows. Both processes migrating at once is
 * part of it. On PGlite there is one process per data folder: a second `start` on it is
 * refused at once (test/faults/pglite-folder.heavy.test.ts), so it cannot lead.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { datavakt, killStarted, type DatavaktProcess } from './datavakt-process.js'
import { ownPostgresAvailable, startOwnPostgres, type OwnPostgres } from './own-postgres.js'

let server: OwnPostgres
let dir: string
let config: string

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
/** A JSON log line (stdout is not a terminal) of a due availability sweep starting. */
const SWEEP_STARTED = /"event":"job\.started".*"job":"availabilitySweep"/
/** How many due availability sweeps a process has run so far. */
const runs = (p: DatavaktProcess) => p.out().split('\n').filter((l) => SWEEP_STARTED.test(l)).length
const start = () => datavakt(['start', '--port', '0'], { config, env: { DATABASE_URL: server.url } })

describe.skipIf(!ownPostgresAvailable)('two schedulers at once', () => {
  beforeAll(async () => {
    server = await startOwnPostgres()
    dir = mkdtempSync(join(tmpdir(), 'datavakt-leader-'))
    config = join(dir, 'config.json')
    writeFileSync(
      config,
      JSON.stringify({ lang: 'en', dataDir: join(dir, 'data'), web: { host: '127.0.0.1', port: 0 }, alerts: { linkSecret: 'x'.repeat(32) }, schedule: { availabilitySweep: '*/2 * * * * *' } }),
    )
  }, 300_000)

  afterAll(async () => {
    killStarted()
    await server?.destroy()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('exactly one leads; when it is killed the other takes over, and a newcomer follows', async () => {
    const a = start()
    const b = start()
    await Promise.all([a, b].map((p) => p.waitFor(/datavakt is running at/, 180_000)))
    // Long enough for several due runs (one every 2 s) on a loaded machine.
    await sleep(12_000)
    const [ra, rb] = [runs(a), runs(b)]
    console.log(`both running: ${ra} and ${rb} due runs`)
    expect(Math.min(ra, rb)).toBe(0)
    expect(Math.max(ra, rb)).toBeGreaterThanOrEqual(2)
    const [leader, follower] = ra > 0 ? [a, b] : [b, a]

    leader.child.kill('SIGKILL')
    await leader.exited
    // The follower tries again every 15 s (leaderCheckMs); its first run follows.
    await follower.waitFor(SWEEP_STARTED, 120_000)
    const c = start()
    await c.waitFor(/datavakt is running at/, 180_000)
    const base = runs(follower)
    await sleep(12_000)
    console.log(`after the kill: the former follower ran ${runs(follower) - base} more, the newcomer ${runs(c)}`)
    expect(runs(follower) - base).toBeGreaterThanOrEqual(2)
    expect(runs(c)).toBe(0)

    for (const p of [follower, c]) p.child.kill('SIGTERM')
    const exits = await Promise.race([Promise.all([follower.exited, c.exited]), sleep(60_000).then(() => null)])
    expect(exits?.map((e) => e.code)).toEqual([0, 0])
  }, 15 * 60_000)
})
