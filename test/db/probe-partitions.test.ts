import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createTestDb, describeEachDb, testDbKinds } from '../helpers/test-db.js'
import { ensureProbePartitions, probePartitions } from '../../src/db/probe-partitions.js'
import { recordProbes } from '../../src/db/probe-store.js'
import { migrateTo, migrateToLatest } from '../../src/db/migrate.js'
import { defaultConfig } from '../../src/config/config.js'
import { availabilityStep } from '../../src/availability/next-availability-state.js'
import type { Db } from '../../src/db/database.js'
import type { ProbeRecord } from '../../src/domain/probe-record.js'

const step = availabilityStep({ ...defaultConfig.availability, brokenAfterFailures: 3, brokenAfterHours: 24 })

function probe(url: string, at: string): ProbeRecord {
  return {
    url, at, outcome: 'ok', code: 'ok', httpStatus: 200, finalUrl: url, redirects: 0, redirectChain: [], elapsedMs: 12,
    contentType: 'text/csv', contentLength: 10, etag: null, lastModified: null, tlsValidTo: null, tlsDaysLeft: null,
    bytesRead: 10, retryAfterSeconds: null, findings: [],
  }
}

/** Which table each probe row physically lives in. */
async function homes(db: Db): Promise<Record<string, string>> {
  const { rows } = await sql<{ iri: string; home: string }>`select distribution_iri as iri, tableoid::regclass::text as home from probes`.execute(db)
  return Object.fromEntries(rows.map((r) => [r.iri, r.home]))
}

describeEachDb('probe history partitioned by month', (t) => {
  it('has partitions for this month and the next two after migrating', async () => {
    const now = new Date()
    const tables = (await probePartitions(t().db)).map((p) => p.table)
    const ym = (i: number) => {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1))
      return `probes_${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`
    }
    expect(tables).toEqual(expect.arrayContaining([ym(0), ym(1), ym(2)]))
  })

  it('keeps a probe of a month without partition in the default one, and moves it into its month when that is made', async () => {
    const { db } = t()
    const sweep = await db.insertInto('sweeps').values({ status: 'running', trigger: 'test' }).returning('id').executeTakeFirstOrThrow()
    await recordProbes(db, sweep.id, 'w', [{ distributionIri: 'urn:old', host: 'h', result: probe('http://h/old', '2021-03-15T10:00:00.000Z') }], step)
    expect((await homes(db))['urn:old']).toBe('probes_default')
    expect(await ensureProbePartitions(db)).toEqual(['probes_2021_03'])
    expect((await homes(db))['urn:old']).toBe('probes_2021_03')
    expect(await db.selectFrom('probes').select('at').where('distribution_iri', '=', 'urn:old').execute()).toHaveLength(1)
    // Nothing left to do a second time.
    expect(await ensureProbePartitions(db)).toEqual([])
  })

  it('writes one probe per distribution per sweep even when the sweep crosses a month boundary', async () => {
    const { db } = t()
    const sweep = await db.insertInto('sweeps').values({ status: 'running', trigger: 'test' }).returning('id').executeTakeFirstOrThrow()
    await ensureProbePartitions(db, new Date('2022-01-31T00:00:00Z'), 1)
    const first = await recordProbes(db, sweep.id, 'w1', [{ distributionIri: 'urn:x', host: 'h', result: probe('http://h/x', '2022-01-31T23:59:59.000Z') }], step)
    // A slow worker whose lease was taken over writes the same distribution in February.
    const late = await recordProbes(db, sweep.id, 'w2', [{ distributionIri: 'urn:x', host: 'h', result: probe('http://h/x', '2022-02-01T00:00:01.000Z') }], step)
    expect([first.inserted, late.inserted, late.duplicates]).toEqual([1, 0, 1])
    expect(await db.selectFrom('probes').select('worker_id').where('distribution_iri', '=', 'urn:x').execute()).toEqual([{ worker_id: 'w1' }])
    // Twice in one batch of a sweep: the first is written.
    const twice = await recordProbes(db, sweep.id, 'w1', [
      { distributionIri: 'urn:y', host: 'h', result: probe('http://h/y', '2022-02-01T00:00:02.000Z') },
      { distributionIri: 'urn:y', host: 'h', result: probe('http://h/y', '2022-02-01T00:00:01.000Z') },
    ], step)
    expect([twice.inserted, twice.duplicates]).toEqual([1, 1])
    const y = await db.selectFrom('availability_state').select('last_probe_at').where('distribution_iri', '=', 'urn:y').executeTakeFirstOrThrow()
    expect(new Date(y.last_probe_at as Date).toISOString()).toBe('2022-02-01T00:00:01.000Z')
  })
})

describe('migration to the partitioned probe history', () => {
  for (const { kind, skip } of testDbKinds) {
    it.skipIf(skip)(`keeps every probe, its id and the id sequence (${kind})`, async () => {
      const t = await createTestDb(kind)
      try {
        const { db } = t
        // Back to the plain table of 0002, with probes in it.
        await migrateTo(db, '0012-api-indexes')
        expect(await isPartitioned(db)).toBe(false)
        await sql`insert into probes (distribution_iri, url, host, at, outcome, code, elapsed_ms, findings)
          select 'urn:d' || i, 'http://h/' || i, 'h', timestamptz '2020-01-01' + i * interval '20 days', 'ok', 'ok', i, '[{"code":"x"}]'
          from generate_series(1, 40) i`.execute(db)
        const before = await allProbes(db)
        await migrateToLatest(db)
        expect(await isPartitioned(db)).toBe(true)
        expect(await allProbes(db)).toEqual(before)
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from probes_default`.execute(db)
        expect(rows[0]!.n).toBe(0)
        const next = await recordProbes(db, null, 'w', [{ distributionIri: 'urn:new', host: 'h', result: probe('http://h/new', new Date().toISOString()) }], step)
        expect(next.inserted).toBe(1)
        const id = await db.selectFrom('probes').select('id').where('distribution_iri', '=', 'urn:new').executeTakeFirstOrThrow()
        expect(id.id).toBeGreaterThan(Math.max(...before.map((p) => p.id)))
      } finally {
        await t.drop()
      }
    }, 120_000)
  }
})

async function isPartitioned(db: Db): Promise<boolean> {
  const { rows } = await sql<{ kind: string }>`select relkind as kind from pg_class where oid = 'probes'::regclass`.execute(db)
  return rows[0]!.kind === 'p'
}

async function allProbes(db: Db) {
  const { rows } = await sql<{ id: number; row: string }>`select id, row_to_json(p)::text as row from probes p order by id`.execute(db)
  return rows
}
