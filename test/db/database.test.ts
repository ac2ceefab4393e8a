import { beforeAll, expect, it } from 'vitest'
import { sql } from 'kysely'
import { spawnSync } from 'node:child_process'
import { describeEachDb, type TestDb } from '../helpers/test-db.js'
import { json } from '../../src/db/json.js'
import { openDatabase } from '../../src/db/open-database.js'

let t: TestDb

describeEachDb('database', (db, kind) => {
  beforeAll(async () => {
    t = db()
  })
  it('returns count(*) and bigint columns as numbers on both drivers', async () => {
    await t.db.insertInto('catalogue_sources').values({ id: 's1', kind: 'dcat', url: 'http://x.test/' }).execute()
    const { n } = await t.db
      .selectFrom('catalogue_sources')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(n).toBe(1)
    expect(typeof n).toBe('number')
    const row = await sql<{ big: number }>`select 9007199254740991::bigint as big`.execute(t.db)
    expect(row.rows[0].big).toBe(9007199254740991)
  })

  it('plans with the same costs on both databases (random_page_cost 1.1, for storage where index probes are cheap)', async () => {
    const { rows } = await sql<{ random_page_cost: string }>`show random_page_cost`.execute(t.db)
    expect(rows[0].random_page_cost).toBe('1.1')
  })

  it('stores jsonb parameters as objects and arrays, not as strings', async () => {
    await t.db
      .insertInto('harvest_runs')
      .values({ source_id: 's1', status: 'ok', warnings: json([{ subject: 'urn:x', message: 'å ä ö' }]) })
      .execute()
    const r = await t.db.selectFrom('harvest_runs').select(['warnings', 'bytes']).executeTakeFirstOrThrow()
    expect(r.warnings).toEqual([{ subject: 'urn:x', message: 'å ä ö' }])
    expect(r.bytes).toBe(0)
    const kind = await sql<{ t: string }>`select jsonb_typeof(warnings) as t from harvest_runs`.execute(t.db)
    expect(kind.rows[0].t).toBe('array')
  })

  it.runIf(kind === 'pglite')('refuses a second process on the same PGlite folder', async () => {
    // This process holds the lock on t.dir; a child process must be refused, clearly.
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('./src/db/open-database.ts').then(m => m.openDatabase({ dataDir: ${JSON.stringify(t.dir)} })).then(() => { console.log('opened'); process.exit(0) }, e => { console.error(e.message); process.exit(3) })`,
      ],
      { encoding: 'utf8' },
    )
    expect(child.status).toBe(3)
    expect(child.stderr).toMatch(/already in use by process \d+/)
    // and in-process a second open is refused too
    await expect(openDatabase({ dataDir: t.dir })).rejects.toThrow(/already open in this process/)
  })
})
