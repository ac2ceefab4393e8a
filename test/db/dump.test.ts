import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, testDbKinds, type TestDb } from '../helpers/test-db.js'
import { seedPages, DIST_A, DIST_B } from '../web/seed-pages.js'
import { exportDatabase } from '../../src/db/dump-export.js'
import { importDatabase } from '../../src/db/dump-import.js'
import { DumpError, dumpSequences, dumpTables } from '../../src/db/dump-format.js'
import { recordProbes } from '../../src/db/probe-store.js'
import { migrateTo } from '../../src/db/migrate.js'
import { openDatabase } from '../../src/db/open-database.js'
import { availabilityStep } from '../../src/availability/next-availability-state.js'
import { defaultConfig } from '../../src/config/config.js'
import { json } from '../../src/db/json.js'
import type { Db } from '../../src/db/database.js'

const postgres = testDbKinds.find((k) => k.kind === 'postgres')!
const step = availabilityStep(defaultConfig.availability)

/** A region with scores, rollups and checks, probes over several months (one in 2021), and awkward words. */
async function seed(db: Db): Promise<void> {
  await seedPages(db)
  await db.insertInto('organisations').values({ iri: 'urn:org:odd', name: json({ sv: 'Åre "kommun"\nrad två\t😀 \\ slut', en: '' }) }).execute()
  const ats = ['2021-06-30T23:59:59.999Z', '2026-10-01T00:00:00.000Z', '2026-11-15T08:30:00.123Z', new Date().toISOString()]
  for (const [i, at] of ats.entries()) {
    const sweep = await db.insertInto('sweeps').values({ status: 'done', trigger: 'test' }).returning('id').executeTakeFirstOrThrow()
    await recordProbes(db, i === 0 ? null : sweep.id, 'w', [DIST_A, DIST_B].map((iri) => ({
      distributionIri: iri, host: '127.0.0.2', at: new Date(at),
      result: {
        url: `${iri}#u`, at, outcome: i % 2 ? 'failing' : 'ok', code: i % 2 ? 'http-404' : 'ok', httpStatus: i % 2 ? 404 : 200,
        finalUrl: null, redirects: 1, redirectChain: [{ url: 'http://a/', status: 301 }], elapsedMs: 17.4, contentType: null,
        contentLength: 9_007_199_254, etag: 'W/"x"', lastModified: null, tlsValidTo: null, tlsDaysLeft: null, bytesRead: 3,
        retryAfterSeconds: null, findings: i % 2 ? [{ code: 'http-404', severity: 'error', params: { status: 404 } }] : [],
      },
    })), step)
  }
  // A time with microseconds, which a JavaScript Date would lose.
  await sql`update probes set tls_valid_to = timestamptz '2027-01-02 03:04:05.678901+00' where distribution_iri = ${DIST_A}`.execute(db)
}

async function dumpLines(db: Db): Promise<string[]> {
  let text = ''
  await exportDatabase(db, async (chunk) => {
    text += chunk
  })
  return text.split('\n').filter((l) => l.length > 0)
}

async function* from(lines: string[]): AsyncGenerator<string> {
  yield* lines
}

/** Every row of every table, and every sequence, as the database writes them (UTC). */
async function contents(db: Db): Promise<Record<string, string[]>> {
  return db.transaction().execute(async (trx) => {
    await sql`set local timezone = 'UTC'`.execute(trx)
    const out: Record<string, string[]> = {}
    for (const table of await dumpTables(trx)) {
      const { rows } = await sql<{ j: string }>`select row_to_json(t)::text as j from ${sql.table(table)} t order by 1`.execute(trx)
      out[table] = rows.map((r) => r.j)
    }
    for (const s of await dumpSequences(trx)) {
      const { rows } = await sql<{ v: string }>`select last_value::text || '/' || is_called::text as v from ${sql.table(s)}`.execute(trx)
      out[`sequence ${s}`] = rows.map((r) => r.v)
    }
    return out
  })
}

async function rejection(p: Promise<unknown>): Promise<DumpError> {
  const err = await p.then(() => null, (e: unknown) => e)
  expect(err).toBeInstanceOf(DumpError)
  return err as DumpError
}

describe.skipIf(postgres.skip)('export and import: PGlite → PostgreSQL → PGlite', () => {
  let source: TestDb
  let target: TestDb
  let lines: string[]
  beforeAll(async () => {
    source = await createTestDb('pglite')
    target = await createTestDb('postgres')
    await seed(source.db)
    lines = await dumpLines(source.db)
  }, 120_000)
  afterAll(async () => {
    await source?.drop()
    await target?.drop()
  })

  it('moves every table and sequence to PostgreSQL with nothing lost, and back to a new PGlite', async () => {
    const before = await contents(source.db)
    expect(before.probes!.length).toBe(8)
    expect(Object.values(before).filter((rows) => rows.length > 0).length).toBeGreaterThan(10)
    const totals = await importDatabase(target.db, from(lines))
    expect(totals.rows).toBe(Object.entries(before).filter(([k]) => !k.startsWith('sequence')).reduce((n, [, r]) => n + r.length, 0))
    expect(await contents(target.db)).toEqual(before)
    // The 2021 probe found its month's partition on PostgreSQL too.
    const { rows } = await sql<{ home: string }>`select distinct tableoid::regclass::text as home from probes where at < '2022-01-01'`.execute(target.db)
    expect(rows.map((r) => r.home)).toEqual(['probes_2021_06'])
    const back = await createTestDb('pglite')
    try {
      await importDatabase(back.db, from(await dumpLines(target.db)))
      expect(await contents(back.db)).toEqual(before)
    } finally {
      await back.drop()
    }
  }, 120_000)

  it('refuses a database that is not empty, naming a table; --replace empties it first', async () => {
    const err = await rejection(importDatabase(target.db, from(lines)))
    expect(err.code).toBe('dump.not-empty')
    expect(typeof err.params.table).toBe('string')
    await target.db.deleteFrom('organisations').where('iri', '=', 'urn:org:odd').execute()
    await importDatabase(target.db, from(lines), { replace: true })
    expect(await contents(target.db)).toEqual(await contents(source.db))
  }, 120_000)

  it('names the table and the line of a row it cannot store, and stores nothing', async () => {
    const empty = await createTestDb('postgres')
    try {
      const bad = [...lines]
      const at = bad.findIndex((l) => l.startsWith('["table","probes"')) + 3
      bad[at] = bad[at]!.replace(/"outcome":"[a-z]+"/, '"outcome":"maybe"')
      const err = await rejection(importDatabase(empty.db, from(bad)))
      expect([err.code, err.params.table, err.params.line]).toEqual(['dump.bad-row', 'probes', at + 1])
      expect(err.describe('sv')).toContain(`Rad ${at + 1} (tabellen probes)`)
      const cut = await rejection(importDatabase(empty.db, from(lines.slice(0, at))))
      expect([cut.code, cut.params.table]).toEqual(['dump.truncated', 'probes'])
      expect(await empty.db.selectFrom('organisations').selectAll().execute()).toEqual([])
      const notDump = await rejection(importDatabase(empty.db, from(['{"iri":"x"}'])))
      expect([notDump.code, notDump.params.line]).toEqual(['dump.not-a-dump', 1])
    } finally {
      await empty.drop()
    }
  }, 120_000)
})

describe('export and import across migration levels', () => {
  it('loads a dump of an older schema at its level, then runs the newer migrations', async () => {
    const old = await createTestDb('pglite')
    const fresh = await createTestDb('pglite')
    try {
      await migrateTo(old.db, '0012-api-indexes')
      await sql`insert into probes (distribution_iri, url, host, at, outcome, code, elapsed_ms) values ('urn:d', 'http://h/', 'h', '2024-02-29T12:00:00Z', 'ok', 'ok', 5)`.execute(old.db)
      const lines = await dumpLines(old.db)
      expect(JSON.parse(lines[0]!)[1].migration).toBe('0012-api-indexes')
      await importDatabase(fresh.db, from(lines))
      const { rows } = await sql<{ home: string; id: number }>`select tableoid::regclass::text as home, id from probes`.execute(fresh.db)
      expect(rows).toEqual([{ home: 'probes_2024_02', id: 1 }])
    } finally {
      await old.drop()
      await fresh.drop()
    }
  }, 120_000)
})

describe.skipIf(postgres.skip)('datavakt export | datavakt import', () => {
  it('moves an embedded data folder to PostgreSQL in one command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'datavakt-dump-'))
    const target = await createTestDb('postgres')
    try {
      const embedded = await openDatabase({ dataDir: dir })
      const { migrateToLatest } = await import('../../src/db/migrate.js')
      await migrateToLatest(embedded.db)
      await seed(embedded.db)
      const before = await contents(embedded.db)
      await embedded.close()
      const bin = join(import.meta.dirname, '../../bin/datavakt.js')
      const { stderr } = await promisify(execFile)('sh', ['-c', `node "${bin}" export --lang en | DATABASE_URL="${target.url}" node "${bin}" import --lang en`], {
        env: { ...process.env, DATABASE_URL: '', DATAVAKT_DATA_DIR: dir },
        timeout: 120_000,
      })
      expect(stderr).toMatch(/Done: \d+ tables and \d+ rows exported/)
      expect(stderr).toMatch(/probes: 8 rows/)
      expect(stderr).toMatch(/Done: \d+ tables and \d+ rows imported/)
      expect(await contents(target.db)).toEqual(before)
    } finally {
      await target.drop()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 180_000)
})

describe('datavakt export of an embedded folder that is not there, import of a dump that is not there', () => {
  it('says so in the operator’s language, exits 1, and creates nothing', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'datavakt-noexport-'))
    const missing = join(parent, 'never-made')
    const bin = join(import.meta.dirname, '../../bin/datavakt.js')
    const env: NodeJS.ProcessEnv = { ...process.env, DATAVAKT_DATA_DIR: missing }
    delete env.DATABASE_URL
    delete env.DATAVAKT_CONFIG
    try {
      for (const [lang, words] of [['sv', 'Det finns ingen inbäddad databas i'], ['en', 'There is no embedded database in']] as const) {
        const r = await promisify(execFile)(process.execPath, [bin, 'export', '--lang', lang], { env }).then(
          () => ({ code: 0, stderr: '' }),
          (err: { code: number; stderr: string }) => err,
        )
        expect(r.code).toBe(1)
        expect(r.stderr).toContain(`${words} ${missing}`)
      }
      // The same for import --file naming a dump that is not there: a usage mistake (2), before any database is made.
      for (const [lang, words] of [['sv', 'filen finns inte'], ['en', 'no such file']] as const) {
        const r = await promisify(execFile)(process.execPath, [bin, 'import', '--lang', lang, '--file', join(parent, 'nope.dump')], { env }).then(
          () => ({ code: 0, stderr: '' }),
          (err: { code: number; stderr: string }) => err,
        )
        expect(r.code).toBe(2)
        expect(r.stderr).toContain(`--file ${join(parent, 'nope.dump')}: ${words}`)
      }
      expect(existsSync(missing)).toBe(false)
    } finally {
      rmSync(parent, { recursive: true, force: true })
    }
  }, 120_000)
})
