import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Db } from '../../src/db/database.js'
import type { GroundTruthEntry } from '../../src/demo/start-world.js'

/**
 * A fresh database per datavakt run, filled from the ground truth: PGlite in a temp
 * folder, or (with DATABASE_URL) a new PostgreSQL database next to the one named. Done
 * in the main process, so the one-time cost of creating a PGlite cluster (initdb) is not
 * counted against the sweep's memory.
 */
export async function prepareDb(truth: GroundTruthEntry[]): Promise<{ db: string; drop(): Promise<void> }> {
  const { seedFromWorld } = await import('../availability/seed-from-world.js')
  return prepareDbWith(async (db) => {
    await seedFromWorld(db, truth)
  })
}

/** A fresh database (as prepareDb makes it), filled by `seed`. */
export async function prepareDbWith(seed: (db: Db) => Promise<void>): Promise<{ db: string; drop(): Promise<void> }> {
  const { openDatabase } = await import('../../src/db/open-database.js')
  const { migrateToLatest } = await import('../../src/db/migrate.js')
  const base = process.env.DATABASE_URL
  if (base) {
    const { default: postgres } = await import('postgres')
    const name = `datavakt_bench_${process.pid}_${Date.now().toString(36)}`
    const admin = postgres(base, { max: 1, onnotice: () => {} })
    await admin.unsafe(`create database ${name}`)
    const url = new URL(base)
    url.pathname = `/${name}`
    const opened = await openDatabase({ databaseUrl: url.toString() })
    await migrateToLatest(opened.db)
    await seed(opened.db)
    await opened.close()
    return {
      db: url.toString(),
      drop: async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`)
        await admin.end()
      },
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'datavakt-bench-db-'))
  const opened = await openDatabase({ dataDir: dir })
  await migrateToLatest(opened.db)
  await seed(opened.db)
  // The seed stands for a harvest, and a harvest ends with the embedded database's upkeep.
  const { keepUpEmbedded } = await import('../../src/db/embedded-upkeep.js')
  await keepUpEmbedded(opened.db, opened.kind)
  await opened.close()
  return { db: dir, drop: async () => rmSync(dir, { recursive: true, force: true }) }
}
