import { loadConfig } from '../config/load-config.js'
import type { Config } from '../config/config.js'
import { openDatabase, type OpenDatabase } from '../db/open-database.js'
import { migrateToLatest } from '../db/migrate.js'

/**
 * What most commands start with: the configuration, and the database (PostgreSQL when
 * DATABASE_URL is set, else PGlite in config.dataDir), migrated to the latest schema.
 */
export async function openFromConfig(opts: { migrate?: boolean } = {}): Promise<{ config: Config; database: OpenDatabase }> {
  const config = loadConfig()
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: config.dataDir })
  if (opts.migrate !== false) {
    try {
      await migrateToLatest(database.db)
    } catch (err) {
      await database.close()
      throw err
    }
  }
  return { config, database }
}
