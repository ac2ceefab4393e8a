import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
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

/**
 * Opens a fresh, migrated database. With DATABASE_URL set (CI's second leg) it creates a
 * new PostgreSQL database next to the one named there, so test files can run in parallel
 * without seeing each other's rows; otherwise a PGlite folder in a temp directory.
 */
export async function createTestDb(): Promise<TestDb> {
  const base = process.env.DATABASE_URL
  if (base) {
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
