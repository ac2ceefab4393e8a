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

  it('binds parameters of every kind, and a prepared statement survives its table changing shape', async () => {
    const at = new Date('2026-12-07T03:00:00.000Z')
    const r = await sql<{ at: Date; doc: unknown; n: number; big: number; missing: null; text: string }>`
      select ${at}::timestamptz as at, ${JSON.stringify({ a: [1, 2] })}::jsonb as doc, ${41}::int + 1 as n,
             ${9007199254740}::int8 as big, ${null}::text as missing, ${'å ä ö'}::text as text`.execute(database.db)
    expect(r.rows[0]).toEqual({ at, doc: { a: [1, 2] }, n: 42, big: 9_007_199_254_740, missing: null, text: 'å ä ö' })
    // A failing statement with parameters: the same SQLSTATE and words as without.
    await expect(sql`select * from no_such_table where x = ${1}`.execute(database.db)).rejects.toMatchObject({ code: '42P01' })
    await sql`create table shape (a int)`.execute(database.db)
    await sql`insert into shape values (1)`.execute(database.db)
    const read = () => sql<Record<string, number>>`select * from shape where a = ${1}`.execute(database.db)
    expect((await read()).rows).toEqual([{ a: 1 }])
    await sql`alter table shape add column b int default 2`.execute(database.db)
    expect((await read()).rows).toEqual([{ a: 1, b: 2 }])
    // Affected rows come back for writes with parameters.
    const updated = await sql`update shape set b = ${3} where a = ${1}`.execute(database.db)
    expect(Number(updated.numAffectedRows)).toBe(1)
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
