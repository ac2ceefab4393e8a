import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely'
import { readdir } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { join } from 'node:path'
import type { Db } from './database.js'
import { DatavaktError } from '../i18n/datavakt-error.js'
import { ensureProbePartitions } from './probe-partitions.js'

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url))

/** Reads every `NNNN-name.ts` (or .js when built) in migrations/, in name order. */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}-.*\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
    const out: Record<string, Migration> = {}
    for (const file of files.sort()) {
      const mod = (await import(pathToFileURL(join(MIGRATIONS_DIR, file)).href)) as Migration
      out[file.replace(/\.(ts|js)$/, '')] = mod
    }
    return out
  }
}

/** Thrown when a migration fails; nothing after it ran, and it was rolled back. */
export class MigrationError extends DatavaktError {
  override name = 'MigrationError'
  declare readonly code: 'db.migration-failed'

  constructor(migration: string, reason: string, options?: { cause?: unknown }) {
    super('db.migration-failed', { migration, reason }, options)
  }
}

/**
 * Brings the schema up to date. Each migration runs in its own transaction, one statement
 * per query (PGlite refuses several statements in one parameterised query). Then makes the
 * probe history's partitions of this month and the next ones (src/db/probe-partitions.ts).
 * Returns the names of the migrations that ran now.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const ran = await migrateWith(db, (m) => m.migrateToLatest())
  await ensureProbePartitions(db)
  return ran
}

/**
 * Brings the schema to exactly the migration `name` (an import does, before it loads a dump
 * of that level), without making partitions. Returns the names of the migrations that ran now.
 */
export async function migrateTo(db: Db, name: string): Promise<string[]> {
  return migrateWith(db, (m) => m.migrateTo(name))
}

async function migrateWith(db: Db, step: (m: Migrator) => Promise<MigrationResultSet>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider() })
  const { error, results }: MigrationResultSet = await step(migrator)
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')
    // The database's own words about the failing statement: data for the operator, shown as they are.
    throw new MigrationError(failed?.migrationName ?? '?', String((error as Error).message ?? error), { cause: error })
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/** The migrations in migrations/, in order, and whether this database ran each. */
export async function migrationLevels(db: Db): Promise<{ name: string; executed: boolean }[]> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider() })
  return (await migrator.getMigrations()).map((m) => ({ name: m.name, executed: m.executedAt !== undefined }))
}

/** The migrations in migrations/ that this database has not run yet, by name (empty when current). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider() })
  return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name)
}
