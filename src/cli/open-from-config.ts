import { loadConfig } from '../config/load-config.js'
import type { Config } from '../config/config.js'
import { openDatabase, type OpenDatabase } from '../db/open-database.js'
import { migrateToLatest } from '../db/migrate.js'

/**
 * What most commands start with: the configuration, and the database (PostgreSQL when
 * DATABASE_URL is set, else PGlite in config.dataDir), migrated to the latest schema. A
 * command that looked at the configuration first passes it in, so it is read once.
 */
export async function openFromConfig(opts: { migrate?: boolean; config?: Config } = {}): Promise<{ config: Config; database: OpenDatabase }> {
  const config = opts.config ?? loadConfig()
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
