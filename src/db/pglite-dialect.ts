import type { CompiledQuery, DatabaseConnection, Driver, QueryResult } from 'kysely'
import type { EmbeddedPostgres } from './pglite-thread.js'
import { PostgresDialectBase, PostgresDriverBase } from './postgres-dialect-base.js'

/**
 * A Kysely dialect for embedded PGlite (its driver; the SQL side is PostgresDialectBase). Written here rather than taken from
 * kysely-pglite-dialect because that package's peer range stops before the PGlite
 * version we pin. PGlite is one connection: queries are serialised through a mutex, and a
 * transaction holds the mutex until it ends, so no other query can interleave with it.
 */
export class PGliteDialect extends PostgresDialectBase {
  constructor(private readonly pg: EmbeddedPostgres) {
    super()
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pg)
  }
}

class PGliteDriver extends PostgresDriverBase {
  #queue: Promise<void> = Promise.resolve()
  constructor(private readonly pg: EmbeddedPostgres) {
    super()
  }
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void
    const previous = this.#queue
    this.#queue = new Promise<void>((r) => (release = r))
    await previous
    return new PGliteConnection(this.pg, release)
  }
  async releaseConnection(conn: DatabaseConnection) {
    ;(conn as PGliteConnection).release()
  }
  async destroy() {}
}

class PGliteConnection implements DatabaseConnection {
  constructor(
    private readonly pg: EmbeddedPostgres,
    readonly release: () => void,
  ) {}
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pg.query<R>(compiled.sql, compiled.parameters as unknown[])
    const affected = result.affectedRows
    return {
      rows: result.rows,
      ...(affected !== undefined ? { numAffectedRows: BigInt(affected) } : {}),
    }
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported on PGlite')
  }
}
