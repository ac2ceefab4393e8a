import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { readGeneration } from '../../src/db/read-generation.js'
import { describeEachDb } from '../helpers/test-db.js'

/** The tables whose writes no cached public read shows (migrations/0018-read-generation.ts). */
const QUIET = ['sweep_hosts', 'outbox', 'alert_follow_requests', 'alert_cursors', 'kysely_migration', 'kysely_migration_lock']

describeEachDb('the read generation', (t) => {
  it('every table but the quiet ones moves it on write: a table added later without the trigger fails here', async () => {
    const { rows } = await sql<{ name: string; bumps: boolean }>`
      select c.relname as name, exists (
        select 1 from pg_trigger g where g.tgrelid = c.oid and g.tgname = 'read_generation_bump'
      ) as bumps
      from pg_class c
      where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
      order by 1`.execute(t().db)
    const lacking = rows.filter((r) => !r.bumps && !QUIET.includes(r.name)).map((r) => r.name)
    expect(lacking).toEqual([])
    expect(rows.filter((r) => r.bumps).length).toBeGreaterThan(15)
  })

  it('moves once per statement that writes what the pages show, and not for a lease renewal', async () => {
    const db = t().db
    const g0 = await readGeneration(db)
    await db.insertInto('organisations').values([{ iri: 'urn:a', name: JSON.stringify({ sv: 'A' }) as never }, { iri: 'urn:b', name: JSON.stringify({ sv: 'B' }) as never }]).execute()
    const g1 = await readGeneration(db)
    expect(BigInt(g1)).toBe(BigInt(g0) + 1n)
    await db.updateTable('organisations').set({ name: JSON.stringify({ sv: 'A2' }) as never }).where('iri', '=', 'urn:a').execute()
    const g2 = await readGeneration(db)
    expect(BigInt(g2)).toBe(BigInt(g1) + 1n)
    await sql`select count(*) from sweep_hosts`.execute(db)
    await sql`update sweep_hosts set lease_until = lease_until`.execute(db)
    expect(await readGeneration(db)).toBe(g2)
  })
})
