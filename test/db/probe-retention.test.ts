import { sql } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import { describeEachDb } from '../helpers/test-db.js'
import { DIST_A, DIST_A_JSON, DIST_B, DIST_C, DS_A, DS_B, ORG_A, ORG_B, seedPages } from '../web/seed-pages.js'
import { applyProbeRetention } from '../../src/db/probe-retention.js'
import { ensureProbePartitions, probePartitions } from '../../src/db/probe-partitions.js'
import { recordProbes, type ProbeToRecord } from '../../src/db/probe-store.js'
import { latestProbes } from '../../src/db/latest-probes.js'
import { uptime } from '../../src/db/uptime.js'
import { availabilityStep } from '../../src/availability/next-availability-state.js'
import { defaultConfig } from '../../src/config/config.js'
import { configSchema } from '../../src/config/config-schema.js'
import { DISTRIBUTION_PAGE_DAYS, readDistributionPage } from '../../src/read-model/distribution-page.js'
import { readOrganisation } from '../../src/read-model/organisation.js'
import { readRegion } from '../../src/read-model/region.js'
import { readBadge } from '../../src/read-model/badge-variants.js'
import { probeSummariesAsOf } from '../../src/scoring/probe-summaries-as-of.js'
import { scoreRegion } from '../../src/scoring/score-region.js'
import type { Db } from '../../src/db/database.js'
import type { ProbeRecord } from '../../src/domain/probe-record.js'

const NOW = new Date('2026-12-05T12:00:00Z')
const DAY = 86_400_000
const HISTORY_DAYS = 500
const step = availabilityStep(defaultConfig.availability)

function result(url: string, at: Date, ok: boolean, ms: number): ProbeRecord {
  return {
    url, at: at.toISOString(), outcome: ok ? 'ok' : 'failing', code: ok ? 'ok' : 'http-404', httpStatus: ok ? 200 : 404, finalUrl: url,
    redirects: 0, redirectChain: [], elapsedMs: ms, contentType: 'text/csv', contentLength: 100, etag: null, lastModified: null,
    tlsValidTo: null, tlsDaysLeft: null, bytesRead: 100, retryAfterSeconds: null,
    findings: ok ? [] : [{ code: 'http-404', severity: 'error', params: { status: 404 } }],
  }
}

/**
 * 500 days of history, three probes a day: Badplatser's CSV answered until 200 days ago and
 * has failed since (a run reaching back into the thinned tier); its JSON fails every
 * seventh day; the budget CSV always answers; the ownerless file was last probed 450 days
 * ago, broken (its latest probe and its run lie in the dropped tier).
 */
async function seedHistory(db: Db): Promise<void> {
  await seedPages(db)
  await db.deleteFrom('availability_state').execute()
  for (let d = HISTORY_DAYS; d >= 0; d--) {
    const batch: ProbeToRecord[] = []
    for (const hour of [0, 8, 16]) {
      const at = new Date(Date.parse(new Date(NOW.getTime() - d * DAY).toISOString().slice(0, 10)) + hour * 3_600_000)
      if (at > NOW) continue
      const add = (iri: string, url: string, ok: boolean) => batch.push({ distributionIri: iri, host: new URL(url).host, result: result(url, at, ok, 50 + ((d * 7 + hour) % 40)), at })
      add(DIST_A, 'http://127.0.0.2/bad.csv', d > 200)
      add(DIST_A_JSON, 'http://127.0.0.2/bad.json', d % 7 !== 0)
      add(DIST_B, 'http://127.0.0.3/budget.csv', true)
      if (d >= 450) add(DIST_C, 'http://127.0.0.4/c.csv', d > 460)
    }
    await recordProbes(db, null, 'seed', batch, step)
  }
  await ensureProbePartitions(db, NOW)
}

/** Everything the pages and scores read that comes from probes, as of NOW. */
async function reads(db: Db) {
  const pages = []
  for (const iri of [DIST_A, DIST_A_JSON, DIST_B, DIST_C]) pages.push(await readDistributionPage(db, iri, 'sv', NOW))
  const badges = []
  for (const [level, iri] of [['dataset', DS_A], ['dataset', DS_B], ['organisation', ORG_A], ['organisation', ORG_B]] as const) {
    badges.push(await readBadge(db, level, iri, 'availability', NOW))
  }
  const scoring = await scoreRegion(db, { asOf: NOW })
  return {
    pages,
    badges,
    organisations: [await readOrganisation(db, ORG_A, 'en', NOW), await readOrganisation(db, ORG_B, 'sv', NOW)],
    region: await readRegion(db, 'sv', NOW),
    summaries: [...(await probeSummariesAsOf(db, NOW)).entries()].sort(),
    latest: [...(await latestProbes(db)).entries()].sort(),
    uptime: [...(await uptime(db, { days: DISTRIBUTION_PAGE_DAYS, now: NOW })).entries()].sort(),
    scores: scoring.distributions.map((n) => [n.key, n.score]),
  }
}

async function probesPerDay(db: Db, iri: string, from: Date, to: Date): Promise<number[]> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from probes where distribution_iri = ${iri} and at >= ${from.toISOString()}::timestamptz and at < ${to.toISOString()}::timestamptz
    group by date_trunc('day', at, 'UTC') order by 1`.execute(db)
  return [...new Set(rows.map((r) => r.n))]
}

describeEachDb('tiered retention of the probe history', (t) => {
  let before: Awaited<ReturnType<typeof reads>>
  let probesBefore: number
  beforeAll(async () => {
    await seedHistory(t().db)
    before = await reads(t().db)
    probesBefore = Number((await t().db.selectFrom('probes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  }, 300_000)

  it('drops old probes, thins the middle tier to one a day, and leaves every read of pages and scores as it was', async () => {
    const { db } = t()
    // The reads do see probes: a broken file with a long run, pages with 90 days of probes.
    const a = before.summaries.find(([iri]) => iri === DIST_A)![1]
    expect([a.state, a.consecutiveFailures]).toEqual(['broken', 3 * 200 + 2])
    expect(before.pages[2]!.probes).toBe(3 * DISTRIBUTION_PAGE_DAYS)
    const r = await applyProbeRetention(db, defaultConfig.retention, NOW)
    expect(r.droppedPartitions.length).toBeGreaterThan(0)
    expect(r.deleted).toBeGreaterThan(0)
    const after = Number((await db.selectFrom('probes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    expect(after).toBeLessThan(probesBefore / 2)
    expect(await reads(db)).toEqual(before)
  })

  it('keeps every probe of the last 90 days, one a day (and each change of state) until a year, then only what is read', async () => {
    const { db } = t()
    const allSince = new Date(Date.parse(NOW.toISOString().slice(0, 10)) - 90 * DAY)
    const dailySince = new Date(Date.parse(NOW.toISOString().slice(0, 10)) - 365 * DAY)
    expect(await probesPerDay(db, DIST_B, allSince, new Date(Date.parse(NOW.toISOString().slice(0, 10))))).toEqual([3])
    expect(await probesPerDay(db, DIST_B, dailySince, allSince)).toEqual([1])
    expect(await probesPerDay(db, DIST_B, new Date(0), dailySince)).toEqual([])
    // The flaky JSON keeps each change of state in the daily tier: days of two or three probes.
    expect((await probesPerDay(db, DIST_A_JSON, dailySince, allSince)).length).toBeGreaterThan(1)
    // The ownerless file's latest probe and its run back to its last ok one, 450 days old.
    const c = await db.selectFrom('probes').select(['at', 'outcome']).where('distribution_iri', '=', DIST_C).orderBy('at').execute()
    expect(c[0]!.outcome).toBe('ok')
    expect(c.slice(1).every((p) => p.outcome === 'failing')).toBe(true)
    expect(c).toHaveLength(1 + 3 * 11)
    // Months with nothing to keep are gone as tables.
    const tables = (await probePartitions(db)).map((p) => p.table)
    expect(tables).not.toContain('probes_2025_10')
  })

  it('deletes nothing more when run again, and the next day thins only the day that entered the middle tier', async () => {
    const { db } = t()
    const r = await applyProbeRetention(db, defaultConfig.retention, NOW)
    expect([r.deleted, r.droppedPartitions]).toEqual([0, []])
    const next = await applyProbeRetention(db, defaultConfig.retention, new Date(NOW.getTime() + DAY))
    const day = new Date(next.allSince.getTime() - DAY)
    // The budget CSV's three probes of that day become one; the broken CSV's run is kept whole.
    expect(next.deleted).toBeGreaterThanOrEqual(2)
    expect(await probesPerDay(db, DIST_B, day, next.allSince)).toEqual([1])
    expect(await probesPerDay(db, DIST_A, day, next.allSince)).toEqual([3])
  })

  it('never keeps fewer days of every probe than a file page reads', () => {
    expect(configSchema.properties.retention.properties.allProbesDays.minimum).toBe(DISTRIBUTION_PAGE_DAYS)
    expect(defaultConfig.retention.allProbesDays).toBeGreaterThanOrEqual(DISTRIBUTION_PAGE_DAYS)
  })
})
