import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../src/db/open-database.js'
import { createTestDb, type TestDb } from './test-db.js'

/**
 * A fresh, migrated database for a benchmark whose RSS is measured. On PGlite, creating a
 * data folder (initdb) briefly takes ~800 MB in the creating process — a one-time cost of
 * installation, not of the work measured — so the folder is created and migrated in a child
 * process and only opened here. On PostgreSQL this is createTestDb().
 */
export async function preparedBenchDb(): Promise<TestDb> {
  if (process.env.DATABASE_URL) return createTestDb()
  const dir = mkdtempSync(join(tmpdir(), 'datavakt-bench-'))
  const script =
    `const { openDatabase } = await import(${JSON.stringify(new URL('../../src/db/open-database.ts', import.meta.url).href)});` +
    `const { migrateToLatest } = await import(${JSON.stringify(new URL('../../src/db/migrate.ts', import.meta.url).href)});` +
    `const d = await openDatabase({ dataDir: ${JSON.stringify(dir)} }); await migrateToLatest(d.db); await d.close();`
  execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: 'inherit' })
  const opened = await openDatabase({ dataDir: dir })
  return {
    ...opened,
    dir,
    drop: async () => {
      await opened.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
