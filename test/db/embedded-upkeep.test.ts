import { sql } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import { keepUpEmbedded } from '../../src/db/embedded-upkeep.js'
import { seedDistributions } from '../availability/seed-distributions.js'
import { describeEachDb, type TestDb } from '../helpers/test-db.js'

let t: TestDb

/** The planner's statistics of a table's columns, and the table's size with its indexes. */
async function statsRows(table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stats where tablename = ${table}`.execute(t.db)
  return rows[0].n
}
async function bytes(table: string): Promise<number> {
  const { rows } = await sql<{ b: number }>`select pg_total_relation_size(${table}::regclass)::int as b`.execute(t.db)
  return rows[0].b
}
/** What each probe does to its distribution: a new next check (an indexed column, so every index gets a new entry). */
async function rescheduleAll(round: number): Promise<void> {
  await sql`update distributions set next_check_at = now() + make_interval(mins => ${round}) where iri like 'urn:upkeep:%'`.execute(t.db)
}

describeEachDb('upkeep of the embedded database (no autovacuum there)', (db, kind) => {
  beforeAll(async () => {
    t = db()
    await seedDistributions(t.db, Array.from({ length: 3000 }, (_, i) => ({ iri: `urn:upkeep:${i}`, url: `http://127.0.0.${1 + (i % 10)}:9/f/${i}.csv` })))
  })

  it(kind === 'pglite' ? 'gathers statistics and keeps the dead rows of rescheduling from piling up' : 'leaves PostgreSQL to its autovacuum', async () => {
    if (kind === 'postgres') {
      expect(await keepUpEmbedded(t.db, kind)).toBe(false)
      return
    }
    expect(await statsRows('distributions')).toBe(0)
    expect(await keepUpEmbedded(t.db, kind)).toBe(true)
    expect(await statsRows('distributions')).toBeGreaterThan(5)
    const start = await bytes('distributions')
    // Ten sweeps' worth of rescheduling without upkeep, then with it after each round.
    for (let round = 1; round <= 10; round++) await rescheduleAll(round)
    const grown = await bytes('distributions')
    await keepUpEmbedded(t.db, kind)
    const settled = await bytes('distributions')
    for (let round = 11; round <= 20; round++) {
      await rescheduleAll(round)
      await keepUpEmbedded(t.db, kind)
    }
    const kept = await bytes('distributions')
    expect(grown).toBeGreaterThan(start * 3)
    // With upkeep each round reuses the space the previous one freed: no further growth.
    expect(kept).toBeLessThanOrEqual(settled * 1.1)
  })
})
