/**
 * The Kysely dialect for PostgreSQL, over a postgres.js pool that is replaced when a call
 * on it misses its deadline.
 *
 * Why: after PostgreSQL restarts, postgres.js 3.4.9 can keep a pooled connection whose
 * writes are never flushed (porsager/postgres#1209): every query that lands on it waits for
 * ever. withDeadline (src/db/deadline.ts) ends the wait, but the connection stays in the
 * pool, so later calls keep landing on it and each waits out a deadline of its own (30 s in
 * a worker): a sweep after a restart took a minute and more.
 *
 * How: each Kysely connection is one postgres.js `reserve()`d connection (as in
 * kysely-postgres-js, which this replaces), taken from `ReplaceablePostgresPool.current`.
 * Taking one, and every query on it, registers with the withDeadline call it serves
 * (`onDeadlineMissed`): "if you miss your deadline, replace my pool". Replacing makes a
 * fresh postgres.js pool the current one, so the next call connects anew; the old one gets
 * `graceMs` (30 s) for calls still running on it and is then ended with `end({ timeout: 0
 * })`, which cuts its connections (a wedged one included). Only the pool the late call
 * used is replaced, once: calls that missed on an already replaced pool change nothing.
 *
 * A call that fails because its connection went away (PostgreSQL restarted) or could not
 * connect in time replaces its pool too, at once (see REPLACE_ON): that is how the wedge
 * comes about, and with fresh connections it does not; the deadline is what catches the
 * rest.
 *
 * What it costs: everything on the old pool is cut after the grace period, healthy
 * connections included; the scheduler's leader session (src/scheduler/leader-lock.ts) is one,
 * and its heartbeat then notices and takes the lock again on the fresh pool. A missed
 * deadline is rare (a server gone away or restarted, a network cut), and then the old
 * connections are seldom worth keeping.
 */
import type { CompiledQuery, DatabaseConnection, Driver, QueryResult } from 'kysely'
import type { ReservedSql, Sql } from 'postgres'
import { onDeadlineMissed } from './deadline.js'
import { PostgresDialectBase, PostgresDriverBase } from './postgres-dialect-base.js'

/** One postgres.js pool, and how to stop using it. */
interface Generation {
  sql: Sql
  /** Makes a fresh pool the current one, if this one still is. Safe to call any number of times. */
  replace: () => void
}

/** A postgres.js pool that can be swapped for a fresh one (see the header). */
export class ReplaceablePostgresPool {
  #current: Generation
  /** Replaced pools in their grace period, with the timer that ends them. */
  readonly #retired = new Map<Sql, NodeJS.Timeout>()
  #ended = false
  /** How many times the pool was replaced. */
  replaced = 0

  /** `open` makes a postgres.js pool (it connects lazily); `graceMs` is how long a replaced one lives on. */
  constructor(
    private readonly open: () => Sql,
    private readonly graceMs = 30_000,
  ) {
    this.#current = this.#generation()
  }

  /** The pool new connections come from. */
  get current(): Generation {
    return this.#current
  }

  #generation(): Generation {
    const g: Generation = { sql: this.open(), replace: () => this.#replace(g) }
    return g
  }

  #replace(old: Generation): void {
    if (old !== this.#current || this.#ended) return
    this.replaced++
    this.#current = this.#generation()
    // Unreferenced: a process with nothing else to do need not wait for it (close() ends it).
    const timer = setTimeout(() => {
      this.#retired.delete(old.sql)
      old.sql.end({ timeout: 0 }).catch(() => {})
    }, this.graceMs).unref()
    this.#retired.set(old.sql, timer)
  }

  /**
   * Ends the current pool, giving queries in flight `timeoutSeconds`, and cuts the replaced
   * ones still in their grace period at once. No pool is made after this.
   */
  async end(timeoutSeconds: number): Promise<void> {
    this.#ended = true
    const retired = [...this.#retired]
    this.#retired.clear()
    for (const [, timer] of retired) clearTimeout(timer)
    await Promise.all([this.#current.sql.end({ timeout: timeoutSeconds }), ...retired.map(([sql]) => sql.end({ timeout: 0 }))])
  }
}

/** The Kysely dialect over a ReplaceablePostgresPool. */
export class ReplaceablePostgresDialect extends PostgresDialectBase {
  constructor(private readonly pool: ReplaceablePostgresPool) {
    super()
  }
  createDriver(): Driver {
    return new ReplaceablePostgresDriver(this.pool)
  }
}

/**
 * Errors after which the pool a call used is replaced at once, without waiting for a
 * deadline: a connection could not be made in time (CONNECT_TIMEOUT), or one went away
 * under the call (closed, reset, or the server shut down: 57P01, 57P02). The latter is
 * what sets up the wedge: postgres.js reconnects a closed connection by reusing its
 * object, and one that closed while a small write was deferred keeps a cancelled timer
 * that is never cleared, so none of its writes is ever sent again (porsager/postgres#1209,
 * `closed()` in postgres/src/connection.js). A fresh pool has fresh connection objects.
 * Refused connections (the server is down) replace nothing: those just fail again.
 */
const REPLACE_ON = new Set(['CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'ECONNRESET', 'EPIPE', '57P01', '57P02'])
const poolIsSuspect = (err: unknown) => REPLACE_ON.has(String((err as { code?: unknown } | null)?.code))

class ReplaceablePostgresDriver extends PostgresDriverBase {
  constructor(private readonly pool: ReplaceablePostgresPool) {
    super()
  }
  async init() {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const from = this.pool.current
    onDeadlineMissed(from.replace)
    try {
      return new ReservedConnection(await from.sql.reserve(), from)
    } catch (err) {
      if (poolIsSuspect(err)) from.replace()
      throw err
    }
  }

  async releaseConnection(conn: DatabaseConnection) {
    ;(conn as ReservedConnection).release()
  }
  /** Not used by openDatabase (its close() ends the pool with a timeout); here for Kysely's db.destroy(). */
  async destroy() {
    await this.pool.end(1)
  }
}

class ReservedConnection implements DatabaseConnection {
  constructor(
    private readonly reserved: ReservedSql,
    private readonly from: Generation,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    // A connection kept across calls (the leader session) serves each call in turn.
    onDeadlineMissed(this.from.replace)
    try {
      const result = await this.reserved.unsafe(compiled.sql, [...compiled.parameters] as never[])
      const { command, count } = result
      return {
        rows: Array.from(result.values()) as R[],
        ...(command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE' ? { numAffectedRows: BigInt(count) } : {}),
      }
    } catch (err) {
      if (poolIsSuspect(err)) this.from.replace()
      throw err
    }
  }

  async *streamQuery<R>(compiled: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    onDeadlineMissed(this.from.replace)
    const cursor = this.reserved.unsafe(compiled.sql, [...compiled.parameters] as never[]).cursor(chunkSize)
    for await (const rows of cursor) yield { rows: rows as R[] }
  }

  release() {
    this.reserved.release()
  }
}
