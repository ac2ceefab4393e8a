import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely'
import { readdir } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { join } from 'node:path'
import type { Db } from './database.js'

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
export class MigrationError extends Error {
  override name = 'MigrationError'
}

/**
 * Brings the schema up to date. Each migration runs in its own transaction, one statement
 * per query (PGlite refuses several statements in one parameterised query). Returns the
 * names of the migrations that ran now.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider() })
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')
    throw new MigrationError(`Migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? error}`, {
      cause: error,
    })
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
