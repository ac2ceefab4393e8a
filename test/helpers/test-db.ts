import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { afterAll, beforeAll, describe } from 'vitest'
import { openDatabase, type OpenDatabase } from '../../src/db/open-database.js'
import { migrateToLatest } from '../../src/db/migrate.js'

/** A migrated database of its own for one test file, and how to throw it away. */
export interface TestDb extends OpenDatabase {
  /** The DATABASE_URL of this test database (postgres), or undefined (PGlite). */
  url?: string
  /** The PGlite folder (pglite), or undefined. */
  dir?: string
  /** Closes and removes the database. */
  drop(): Promise<void>
}

/** The two databases datavakt runs on. */
export type DbKind = 'pglite' | 'postgres'

/** The PostgreSQL the storage tests use: DATAVAKT_TEST_POSTGRES_URL, else DATABASE_URL, else the local default. */
export const testPostgresUrl =
  process.env.DATAVAKT_TEST_POSTGRES_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'

/** Whether `url` answers a query within a few seconds. */
async function reachable(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, idle_timeout: 1, onnotice: () => {} })
  try {
    await sql`select 1`
    return true
  } catch {
    return false
  } finally {
    await sql.end({ timeout: 1 }).catch(() => undefined)
  }
}

/**
 * Whether PostgreSQL rows run. Unreachable: skipped, with one line per test run saying so
 * (the first test file of a run to find out writes it); with DATAVAKT_TEST_REQUIRE_POSTGRES=1
 * (CI) an unreachable PostgreSQL fails the run instead.
 */
const postgresReachable: boolean = await reachable(testPostgresUrl)
if (!postgresReachable) {
  if (process.env.DATAVAKT_TEST_REQUIRE_POSTGRES === '1') {
    throw new Error(`DATAVAKT_TEST_REQUIRE_POSTGRES=1 but no PostgreSQL answers at ${new URL(testPostgresUrl).host}`)
  }
  try {
    writeFileSync(join(tmpdir(), `datavakt-test-no-postgres-${process.ppid}`), '', { flag: 'wx' })
    console.warn(`PostgreSQL not reachable at ${new URL(testPostgresUrl).host}: storage tests run on PGlite only (set DATAVAKT_TEST_POSTGRES_URL).`)
  } catch {
    // another test file of this run already said so
  }
}

/** The databases a storage test runs on, in this run. */
export const testDbKinds: { kind: DbKind; skip: boolean }[] = [
  { kind: 'pglite', skip: false },
  { kind: 'postgres', skip: !postgresReachable },
]

/**
 * One test table over both databases (as Kysely and Gatus do): `body` is declared once per
 * database, inside a describe named after it, with a fresh migrated database of its own
 * opened before and dropped after. `t()` returns that database inside tests and hooks.
 * PostgreSQL rows are skipped when it is not reachable (see above).
 */
export function describeEachDb(title: string, body: (t: () => TestDb, kind: DbKind) => void): void {
  for (const { kind, skip } of testDbKinds) {
    describe.skipIf(skip)(`${title} (${kind})`, () => {
      let db: TestDb | undefined
      beforeAll(async () => {
        db = await createTestDb(kind)
      }, 120_000)
      afterAll(async () => {
        await db?.drop()
      })
      body(() => {
        if (!db) throw new Error('the test database is not open yet (use it inside tests and hooks)')
        return db
      }, kind)
    })
  }
}

/**
 * Opens a fresh, migrated database of `kind`: PostgreSQL creates a new database next to
 * `testPostgresUrl`, so test files can run in parallel without seeing each other's rows;
 * PGlite a folder in a temp directory. Without `kind`, PostgreSQL when DATABASE_URL is set
 * (CI's second leg), else PGlite.
 */
export async function createTestDb(kind: DbKind = process.env.DATABASE_URL ? 'postgres' : 'pglite'): Promise<TestDb> {
  if (kind === 'postgres') {
    const base = testPostgresUrl
    const name = `datavakt_t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
    const admin = postgres(base, { max: 1, onnotice: () => {} })
    await admin.unsafe(`create database ${name}`)
    await admin.end()
    const url = new URL(base)
    url.pathname = `/${name}`
    const opened = await openDatabase({ databaseUrl: url.toString() })
    await migrateToLatest(opened.db)
    return {
      ...opened,
      url: url.toString(),
      drop: async () => {
        await opened.close()
        const a = postgres(base, { max: 1, onnotice: () => {} })
        await a.unsafe(`drop database if exists ${name} with (force)`)
        await a.end()
      },
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'datavakt-test-'))
  const opened = await openDatabase({ dataDir: dir })
  await migrateToLatest(opened.db)
  return {
    ...opened,
    dir,
    drop: async () => {
      await opened.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
