import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { openDatabase, type OpenDatabase } from '../../src/db/open-database.js'

/** The embedded database on its own thread (src/db/pglite-thread.ts). */
describe('embedded PGlite on a thread of its own', () => {
  let database: OpenDatabase
  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://thread' })
  })
  afterAll(async () => {
    await database.close()
  })

  it('leaves the event loop free while a query runs: timers keep firing', async () => {
    let ticks = 0
    const timer = setInterval(() => ticks++, 5)
    const started = performance.now()
    let took = 0
    try {
      // A query that computes for a while (hundreds of ms) inside PGlite.
      const r = await sql<{ n: number }>`select count(*)::int as n from generate_series(1, 3000000) g where g % 7 = 0`.execute(database.db)
      took = performance.now() - started
      expect(r.rows[0]?.n).toBe(428_571)
    } finally {
      clearInterval(timer)
    }
    // On the caller's thread the timer could not fire until the query was over: at most once.
    expect(took).toBeGreaterThan(50)
    expect(ticks).toBeGreaterThanOrEqual(3)
  })

  it('passes a failing query\'s PostgreSQL error on, with its SQLSTATE and words', async () => {
    const failing = sql`select * from no_such_table`.execute(database.db)
    await expect(failing).rejects.toMatchObject({ code: '42P01', message: expect.stringContaining('no_such_table') })
    // The thread is still there for the next query.
    expect((await sql<{ one: number }>`select 1 as one`.execute(database.db)).rows).toEqual([{ one: 1 }])
  })

  it('keeps dates, json, arrays, bytes and int8 as the caller expects them', async () => {
    const r = await sql<{ at: Date; doc: unknown; list: string[]; bytes: Uint8Array; big: number }>`
      select timestamptz '2026-12-06 12:00:00+00' as at, '{"a":[1,2]}'::jsonb as doc, array['x','y'] as list,
             '\\x0102'::bytea as bytes, 9007199254740::int8 as big`.execute(database.db)
    const row = r.rows[0]!
    expect(row.at).toBeInstanceOf(Date)
    expect(row.at.toISOString()).toBe('2026-12-06T12:00:00.000Z')
    expect(row.doc).toEqual({ a: [1, 2] })
    expect(row.list).toEqual(['x', 'y'])
    expect([...row.bytes]).toEqual([1, 2])
    expect(row.big).toBe(9_007_199_254_740)
  })

  it('does not keep a process alive that forgot to close it', async () => {
    const script = fileURLToPath(new URL('./pglite-thread-child.ts', import.meta.url))
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        reject(new Error('the process did not end within 60 s'))
      }, 60_000)
      child.once('exit', (c) => {
        clearTimeout(timer)
        resolve(c)
      })
    })
    expect(code).toBe(0)
    expect(out.trim()).toBe('1')
  }, 70_000)
})
