import { PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type Dialect, type Driver, type Kysely } from 'kysely'

/**
 * What both of our dialects share: PostgreSQL's SQL (adapter, query compiler,
 * introspector). Each dialect brings only its driver: embedded PGlite (pglite-dialect.ts)
 * or postgres.js with a replaceable pool (postgres-js-pool.ts).
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
