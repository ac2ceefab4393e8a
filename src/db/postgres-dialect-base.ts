import { CompiledQuery, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type DatabaseConnection, type Dialect, type Driver, type Kysely, type TransactionSettings } from 'kysely'

/**
 * What both of our dialects share: PostgreSQL's SQL (adapter, query compiler,
 * introspector; and in PostgresDriverBase, how a transaction begins and ends). Each
 * dialect brings only how it gets and gives back a connection: embedded PGlite
 * (pglite-dialect.ts) or postgres.js with a replaceable pool (postgres-js-pool.ts).
 */
export abstract class PostgresDialectBase implements Dialect {
  abstract createDriver(): Driver
  createAdapter() {
    return new PostgresAdapter()
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler()
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db)
  }
}

/** A driver's transactions, in SQL on the connection it acquired; the rest is each driver's own. */
export abstract class PostgresDriverBase implements Driver {
  abstract init(): Promise<void>
  abstract acquireConnection(): Promise<DatabaseConnection>
  abstract releaseConnection(conn: DatabaseConnection): Promise<void>
  abstract destroy(): Promise<void>
  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
    const iso = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : ''
    const mode = settings.accessMode ? ` ${settings.accessMode}` : ''
    await conn.executeQuery(CompiledQuery.raw(iso || mode ? `start transaction${iso}${mode}` : 'begin'))
  }
  async commitTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('commit'))
  }
  async rollbackTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('rollback'))
  }
}
