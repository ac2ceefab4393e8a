import { readdirSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { sql, type Kysely, type RawBuilder } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachDb, type TestDb } from '../helpers/test-db.js'
import { defaultConfig, type HttpConfig } from '../../src/config/config.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { createSweep } from '../../src/queue/create-sweep.js'
import { runSweep } from '../../src/queue/run-sweep.js'
import { dueHostCounts, duePageQuery } from '../../src/db/due-distributions.js'
import { json } from '../../src/db/json.js'
import { seedDistributions } from '../availability/seed-distributions.js'
import { startLoopbackHosts, type LoopbackHost } from './loopback-hosts.js'

const http: HttpConfig = { ...defaultConfig.http, perHostGapMs: 0 }
const availability = { ...defaultConfig.availability, leaseSeconds: 30 }
const HOUR = 3_600_000

let t: TestDb
const servers: LoopbackHost[] = []

/** Runs a sweep of what is due by `at`, with every probe stamped `at` (the controlled clock); returns the IRIs it probed. */
async function sweepDueAt(at: Date): Promise<string[]> {
  const engine = createFetchEngine(http, { allowPrivateNetworks: true })
  try {
    const { sweepId, urls } = await createSweep(t.db, { trigger: 'test', dueBy: at })
    const run = await runSweep({ db: t.db, engine, config: { ...defaultConfig, http, availability }, sweepId, worker: { now: () => at, pollMs: 50 } })
    expect(run.summary.status).toBe('done')
    const rows = await t.db.selectFrom('probes').select('distribution_iri').where('sweep_id', '=', sweepId).execute()
    expect(rows.length).toBe(urls)
    return rows.map((r) => r.distribution_iri).sort()
  } finally {
    await engine.close()
  }
}

async function nextChecks(iris: string[]): Promise<Map<string, Date>> {
  const rows = await t.db.selectFrom('distributions').select(['iri', 'next_check_at']).where('iri', 'in', iris).execute()
  return new Map(rows.map((r) => [r.iri, new Date(r.next_check_at)]))
}

/** The query plan of `query` as one text. */
async function plan(query: RawBuilder<unknown>): Promise<string> {
  const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(t.db)
  return rows.map((r) => r['QUERY PLAN']).join('\n')
}

describeEachDb('scheduling: each URL has its next check stored', (db) => {
  beforeAll(async () => {
    t = db()
  })
  afterAll(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()))
  })

  it('rechecks a failing URL after 1 h and then 6 h, lets healthy ones wait longer, and a due sweep queues only what is due', async () => {
    const hosts = await startLoopbackHosts(3)
    servers.push(...hosts)
    await t.db.updateTable('distributions').set({ withdrawn_at: new Date() }).where('withdrawn_at', 'is', null).execute()
    const items = hosts.flatMap((h, hi) => [0, 1, 2].map((i) => ({ iri: `urn:due:${hi}:${i}`, url: `${h.base}/${i === 2 ? 'missing' : 'ok'}/due/${i}` })))
    await seedDistributions(t.db, items)
    const failing = items.filter((i) => i.url.includes('/missing/')).map((i) => i.iri).sort()
    const healthy = items.filter((i) => i.url.includes('/ok/')).map((i) => i.iri).sort()
    const all = items.map((i) => i.iri).sort()
    // The controlled clock starts a day ahead: a new distribution is due at once (now()).
    const t0 = new Date(Date.now() + 24 * HOUR)
    const at = (hours: number) => new Date(t0.getTime() + hours * HOUR)

    expect(await sweepDueAt(t0)).toEqual(all)
    let next = await nextChecks(all)
    for (const iri of failing) expect(next.get(iri)!.getTime()).toBeGreaterThan(at(0.89).getTime())
    for (const iri of failing) expect(next.get(iri)!.getTime()).toBeLessThanOrEqual(at(1).getTime())
    for (const iri of healthy) expect(next.get(iri)!.getTime()).toBeGreaterThan(at(5.39).getTime())
    for (const iri of healthy) expect(next.get(iri)!.getTime()).toBeLessThanOrEqual(at(6).getTime())

    // Half an hour later nothing is due: the sweep is created done, with nothing queued.
    const empty = await createSweep(t.db, { trigger: 'test', dueBy: at(0.5) })
    expect([empty.urls, empty.hosts]).toEqual([0, 0])
    // After an hour, only the failing URLs: "broken" is confirmed or cleared sooner.
    expect(await sweepDueAt(at(1))).toEqual(failing)
    next = await nextChecks(failing)
    for (const iri of failing) expect(next.get(iri)!.getTime()).toBeGreaterThan(at(1 + 5.39).getTime())
    for (const iri of failing) expect(next.get(iri)!.getTime()).toBeLessThanOrEqual(at(7).getTime())
    // Six hours: the healthy ones (the failing ones wait for their 6 h recheck).
    expect(await sweepDueAt(at(6))).toEqual(healthy)
    expect(await sweepDueAt(at(7))).toEqual(failing)
    // The healthy ones have been ok for 6 h by then: they now wait as long again, 12 h in all.
    next = await nextChecks(healthy)
    for (const iri of healthy) expect(next.get(iri)!.getTime()).toBeGreaterThan(at(6 + 5.39).getTime())
    expect(await sweepDueAt(at(12))).toEqual(healthy)
    next = await nextChecks(healthy)
    for (const iri of healthy) expect(next.get(iri)!.getTime()).toBeGreaterThan(at(12 + 10.79).getTime())
    // A sweep without a cut-off (`datavakt sweep`) still takes every URL.
    const full = await createSweep(t.db, { trigger: 'test' })
    expect(full.urls).toBe(all.length)
    await t.db.updateTable('sweeps').set({ status: 'done' }).where('id', '=', full.sweepId).execute()
  })

  it('finds what is due through its indexes, not by reading every distribution', async () => {
    // Enough rows that a full scan would cost: 20,000 on 20 hosts, 40 of them due.
    await t.db.updateTable('distributions').set({ withdrawn_at: new Date() }).where('withdrawn_at', 'is', null).execute()
    const items = Array.from({ length: 20_000 }, (_, i) => ({ iri: `urn:idx:${i}`, url: `http://127.0.0.${1 + (i % 20)}:9/f/${i}` }))
    await seedDistributions(t.db, items)
    const due = items.filter((_, i) => i % 500 === 0).map((i) => i.iri)
    await sql`update distributions set next_check_at = now() + interval '1 day' where iri like 'urn:idx:%'`.execute(t.db)
    await sql`update distributions set next_check_at = now() - interval '1 hour'
      where iri = any (array(select jsonb_array_elements_text(${json(due)})))`.execute(t.db)
    // A sweep of everything pages through a host in IRI order: an index in that order, not
    // a sort of all the host's 1,000 rows for every page of 32. Before any ANALYZE, as on
    // embedded PGlite, which has no autovacuum to gather statistics.
    const all = duePageQuery(1, '127.0.0.1:9', { limit: 32, dueBefore: null })
    expect(await plan(all)).toContain('distributions_host_iri_idx')
    const { rows } = await sql<{ 'QUERY PLAN': unknown }>`explain (analyze, format json) ${all}`.execute(t.db)
    const text = JSON.stringify(rows[0]['QUERY PLAN'])
    const scans = [...text.matchAll(/"Relation Name":"distributions"[^}]*?"Actual Rows":([\d.]+)/g)].map((m) => Number(m[1]))
    expect(scans.length).toBeGreaterThan(0)
    expect(Math.max(...scans)).toBeLessThanOrEqual(32)
    // A host's first claim in a sweep does not look for probes of it in the sweep: there
    // can be none. A host claimed again (a take-over) leaves out what was recorded.
    expect(await plan(duePageQuery(1, '127.0.0.1:9', { limit: 32, dueBefore: null, reclaimed: false }))).not.toMatch(/probes/)
    expect(await plan(duePageQuery(1, '127.0.0.1:9', { limit: 32, dueBefore: null, reclaimed: true }))).toMatch(/probes/)
    await sql`analyze distributions`.execute(t.db)
    const now = new Date()
    const counts = await dueHostCounts(now).execute(t.db)
    expect(counts.rows.reduce((n, r) => n + r.urls, 0)).toBe(due.length)
    expect(await plan(dueHostCounts(now))).toContain('distributions_due_idx')
    const page = duePageQuery(1, '127.0.0.1:9', { limit: 32, dueBefore: now })
    expect(await plan(page)).toContain('distributions_host_due_idx')
    const after = duePageQuery(1, '127.0.0.1:9', { limit: 32, dueBefore: now, after: { iri: 'urn:idx:0', nextCheckAt: new Date(0).toISOString() } })
    expect(await plan(after)).toContain('distributions_host_due_idx')
  })

  it('backfills the next check from the stored state when the column is added', async () => {
    const migrations = fileURLToPath(new URL('../../migrations/', import.meta.url))
    const file = readdirSync(migrations).find((f) => f.endsWith('-next-check.ts'))!
    const migration = (await import(pathToFileURL(migrations + file).href)) as { up(db: Kysely<unknown>): Promise<void>; down(db: Kysely<unknown>): Promise<void> }
    await t.db.updateTable('distributions').set({ withdrawn_at: new Date() }).where('withdrawn_at', 'is', null).execute()
    await seedDistributions(t.db, ['never', 'failed-once', 'failed-twice', 'healthy'].map((k) => ({ iri: `urn:fill:${k}`, url: `http://127.0.0.1:9/${k}` })))
    const probed = new Date('2026-03-01T00:00:00Z')
    const state = (iri: string, outcome: 'ok' | 'failing', failures: number) => ({
      distribution_iri: iri,
      state: outcome === 'ok' ? ('ok' as const) : ('degraded' as const),
      consecutive_failures: failures,
      last_probe_at: probed,
      last_outcome: outcome,
    })
    await t.db
      .insertInto('availability_state')
      .values([state('urn:fill:failed-once', 'failing', 1), state('urn:fill:failed-twice', 'failing', 2), state('urn:fill:healthy', 'ok', 0)])
      .onConflict((oc) => oc.column('distribution_iri').doNothing())
      .execute()
    await migration.down(t.db as unknown as Kysely<unknown>)
    const before = Date.now()
    await migration.up(t.db as unknown as Kysely<unknown>)
    const next = await nextChecks(['urn:fill:never', 'urn:fill:failed-once', 'urn:fill:failed-twice', 'urn:fill:healthy'])
    const hoursAfterProbe = (iri: string) => (next.get(iri)!.getTime() - probed.getTime()) / HOUR
    expect(next.get('urn:fill:never')!.getTime()).toBeGreaterThanOrEqual(before - 60_000)
    expect(hoursAfterProbe('urn:fill:failed-once')).toBeGreaterThan(0.89)
    expect(hoursAfterProbe('urn:fill:failed-once')).toBeLessThanOrEqual(1)
    for (const iri of ['urn:fill:failed-twice', 'urn:fill:healthy']) {
      expect(hoursAfterProbe(iri)).toBeGreaterThan(5.39)
      expect(hoursAfterProbe(iri)).toBeLessThanOrEqual(6)
    }
  })
})
