/**
 * A wedged PostgreSQL connection (issue 10): after restarts postgres.js 3.4.9 can keep a
 * pooled connection that never answers (porsager/postgres#1209). One call on it missing
 * its deadline must be enough: the next call gets a fresh connection at once, rather than
 * landing on the wedged one and waiting out a deadline of its own (which is what happened
 * with the kysely-postgres-js dialect this project used before, over one postgres.js pool). Real PostgreSQL, through a loopback
 * proxy that silences the connections open at that moment and forwards new ones
 * (../faults/silent-proxy.ts). The pool has one connection, so a call can only get a
 * fresh one from a fresh pool (src/db/postgres-js-pool.ts).
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DbCallTimeoutError, withDeadline } from '../../src/db/deadline.js'
import { openDatabase, type OpenDatabase } from '../../src/db/open-database.js'
import { startSilentProxy, type SilentProxy } from '../faults/silent-proxy.js'
import { testDbKinds, testPostgresUrl } from '../helpers/test-db.js'

const GRACE_MS = 1000

let proxy: SilentProxy
let database: OpenDatabase

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** `select 1` within `ms`. */
const ask = (what: string, ms: number) => withDeadline(what, ms, () => sql<{ one: number }>`select 1 as one`.execute(database.db)).then((r) => r.rows)

/** How long `call` took, in ms. */
async function timed<T>(call: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now()
  const value = await call()
  return { value, ms: performance.now() - started }
}

/** Waits until `ok` holds; false after `ms`. */
async function until(ok: () => boolean, ms: number): Promise<boolean> {
  const end = performance.now() + ms
  while (!ok() && performance.now() < end) await sleep(50)
  return ok()
}

describe.skipIf(testDbKinds.find((k) => k.kind === 'postgres')!.skip)('a wedged PostgreSQL connection', () => {
  beforeAll(async () => {
    const target = new URL(testPostgresUrl)
    proxy = await startSilentProxy({ host: target.hostname, port: Number(target.port || 5432) })
    database = await openDatabase({ databaseUrl: proxy.via(testPostgresUrl), maxConnections: 1, replacedPoolGraceMs: GRACE_MS })
  })

  afterAll(async () => {
    await database?.close()
    await proxy?.close()
  })

  it('calls that keep their deadline keep their connection', async () => {
    for (let i = 0; i < 3; i++) expect(await ask('select 1', 5000)).toEqual([{ one: 1 }])
    expect(proxy.accepted()).toBe(1)
    expect(database.replacedPools?.()).toBe(0)
  })

  it('after one missed deadline, the next call runs promptly on a new connection', async () => {
    proxy.silenceOpen()
    const err = await ask('on the wedged connection', 300).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DbCallTimeoutError)
    const next = await timed(() => ask('after the missed deadline', 5000))
    console.log(`the call after the missed deadline took ${Math.round(next.ms)} ms`)
    expect(next.value).toEqual([{ one: 1 }])
    expect(next.ms).toBeLessThan(2000)
    expect(proxy.accepted()).toBe(2)
    expect(database.replacedPools?.()).toBe(1)
  })

  it('the replaced pool is cut once its grace period is over (the wedged connection with it)', async () => {
    // The wedged connection and the fresh one are open; then only the fresh one.
    expect(await until(() => proxy.open() === 1, GRACE_MS + 5000)).toBe(true)
    expect(await ask('on the fresh pool', 5000)).toEqual([{ one: 1 }])
    expect(proxy.accepted()).toBe(2)
  })

  it('a call nested in one with a shorter deadline: the outer miss is enough', async () => {
    proxy.silenceOpen()
    const err = await withDeadline('outer', 300, () => withDeadline('inner', 60_000, () => sql`select 1`.execute(database.db))).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DbCallTimeoutError)
    const next = await timed(() => ask('after the outer miss', 5000))
    expect(next.value).toEqual([{ one: 1 }])
    expect(next.ms).toBeLessThan(2000)
    expect(database.replacedPools?.()).toBe(2)
  })

  it('a transaction on the wedged connection: its deadline frees the next call too', async () => {
    proxy.silenceOpen()
    const err = await withDeadline('a transaction', 300, () =>
      database.db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx)
        await sql`select 2`.execute(trx)
      }),
    ).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DbCallTimeoutError)
    const next = await timed(() => ask('after the transaction', 5000))
    expect(next.value).toEqual([{ one: 1 }])
    expect(next.ms).toBeLessThan(2000)
  })

  it('a call whose connection is cut under it (a restart) replaces the pool at once, before anything can wedge', async () => {
    const before = database.replacedPools?.() ?? 0
    const sleeping = withDeadline('a slow call', 5000, () => sql`select pg_sleep(2)`.execute(database.db)).catch((e: unknown) => e)
    expect(await until(() => proxy.open() >= 1, 2000)).toBe(true)
    await sleep(200)
    proxy.cutOpen()
    const err = (await sleeping) as { code?: string }
    expect(err).not.toBeInstanceOf(DbCallTimeoutError)
    expect(['CONNECTION_CLOSED', 'ECONNRESET']).toContain(err.code)
    expect(database.replacedPools?.()).toBe(before + 1)
    expect(await ask('after the cut', 5000)).toEqual([{ one: 1 }])
  })

  it('closing cuts a replaced pool still in its grace period at once', async () => {
    const closed = await timed(() => database.close())
    expect(closed.ms).toBeLessThan(3000)
    expect(await until(() => proxy.open() === 0, 2000)).toBe(true)
  })
})
