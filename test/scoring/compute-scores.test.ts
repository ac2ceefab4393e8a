import { beforeAll, expect, it } from 'vitest'
import { json } from '../../src/db/json.js'
import { describeEachDb, type TestDb } from '../helpers/test-db.js'
import { insertCheckResults, type NewCheckResult } from '../../src/db/content-store.js'
import { computeScores } from '../../src/scoring/compute-scores.js'
import { rollupDay, RollupDayError } from '../../src/scoring/rollup-day.js'
import { getOrganisationScores } from '../../src/read-model/organisation-scores.js'
import { getDatasetScores } from '../../src/read-model/dataset-scores.js'
import { getDistributionScore } from '../../src/read-model/distribution-scores.js'
import { getRegionScore } from '../../src/read-model/region-score.js'
import { getTrend } from '../../src/read-model/trend.js'
import { getProblems } from '../../src/read-model/problems.js'
import { SCORING_VERSION } from '../../src/scoring/scoring-version.js'
import { emptyDatasetColumns, emptyDistributionColumns } from '../helpers/empty-dataset-columns.js'

let t: TestDb
const ORG = 'https://org.example/kommun-a'
const ORG_B = 'https://org.example/kommun-b'
const DS1 = 'https://data.example/ds1'
const DS2 = 'https://data.example/ds2-no-distributions'
const DS3 = 'https://data.example/ds3'
const D1 = 'https://data.example/ds1/good.csv'
const D2 = 'https://data.example/ds1/bad.csv'
const D3 = 'https://data.example/ds3/x.csv'

const day1 = new Date('2026-10-01T10:00:00Z')
const day2 = new Date('2026-10-02T10:00:00Z')

function result(at: Date, dist: string | null, dataset: string, checkId: string, dimension: NewCheckResult['dimension'], status: NewCheckResult['status'], codes: string[] = []): NewCheckResult {
  return {
    runId: null,
    distributionIri: dist,
    datasetIri: dataset,
    checkId,
    dimension,
    status,
    findings: codes.map((code) => ({ code, severity: 'error' as const, params: {} })),
    at,
  }
}


describeEachDb('scores and rollups', (testDb) => {
  beforeAll(async () => {
    t = testDb()
    const db = t.db
    await db.insertInto('catalogue_sources').values({ id: 's', kind: 'dcat', url: 'http://127.0.0.1/cat' }).execute()
    await db.insertInto('organisations').values({ iri: ORG, name: json({ sv: 'Kommun A' }) }).execute()
    for (const [iri, org] of [[DS1, ORG], [DS2, ORG], [DS3, ORG_B]]) {
      await db.insertInto('datasets').values({ iri, source_id: 's', organisation_iri: org, ...emptyDatasetColumns(), record_hash: 'h' }).execute()
    }
    for (const [iri, ds] of [[D1, DS1], [D2, DS1], [D3, DS3]]) {
      await db.insertInto('distributions').values({ iri, dataset_iri: ds, ...emptyDistributionColumns(), download_url: `http://127.0.0.1:9/${iri.split('/').pop()}`, record_hash: 'h' }).execute()
    }
    await insertCheckResults(db, [
      // Day 1: D1 perfect, D2 wrong format and broken, D3 fine.
      result(day1, D1, DS1, 'format', 'format', 'pass'),
      result(day1, D1, DS1, 'csv-structure', 'conformance', 'pass'),
      result(day1, D2, DS1, 'format', 'format', 'fail', ['format-mismatch']),
      result(day1, D2, DS1, 'csv-structure', 'conformance', 'skipped'),
      result(day1, D3, DS3, 'format', 'format', 'pass'),
      result(day1, null, DS1, 'metadata', 'metadata', 'pass'),
      result(day1, null, DS2, 'metadata', 'metadata', 'fail', ['missing-license']),
      // MQA: the keyword indicator (30 of 405 points) is missed.
      { ...result(day1, null, DS3, 'metadata', 'metadata', 'pass'), findings: [{ code: 'mqa-keyword', severity: 'warning', params: { points: 0, max: 30, gain: 30 } }], metrics: { 'mqa.indicator.keyword': 0, 'mqa.total': 375 } },
      // Day 2: D2's format fixed.
      result(day2, D2, DS1, 'format', 'format', 'pass'),
    ])
    // Availability comes from the probes (the availability part's table); D2 broken on day 1, healed day 2.
    const probe = (iri: string, at: Date, outcome: 'ok' | 'failing' | 'unverified', code: string, state: 'ok' | 'broken' | 'degraded' | 'unknown' | null) =>
      t.db.insertInto('probes').values({ distribution_iri: iri, url: 'http://127.0.0.1:9/x', host: '127.0.0.1:9', at, outcome, code, elapsed_ms: 5, state_after: state }).execute()
    await probe(D1, day1, 'ok', 'ok', 'ok')
    await probe(D2, day1, 'failing', 'http-404', 'broken')
    await probe(D2, new Date(day1.getTime() + 3600_000), 'unverified', 'rate-limited', 'broken')
    await probe(D2, day2, 'ok', 'ok', 'ok')
    await probe(D3, day1, 'unverified', 'blocked', 'unknown')
  })
  it('scores each distribution with reasons and the scoring version, and the dataset over ALL its distributions', async () => {
    const summary = await computeScores({ db: t.db, now: new Date('2026-10-01T20:00:00Z') })
    expect(summary).toMatchObject({ scoringVersion: SCORING_VERSION, day: '2026-10-01', distributions: 3, datasets: 3, organisations: 2 })
    const d2 = await getDistributionScore(t.db, D2)
    expect(d2?.scoring_version).toBe(SCORING_VERSION)
    expect(d2?.availability).toBe(0)
    expect(d2?.format).toBe(50)
    expect(d2?.conformance).toBeNull() // skipped: unknown, not broken
    expect(d2?.metadata).toBe(100) // the dataset-level metadata result counts for each distribution
    expect(d2?.reasons.map((r) => r.code).sort()).toEqual(['availability-broken', 'format-mismatch'])
    // Broken since day 1; the latest probe (rate-limited) could not tell, so it stays broken.
    expect(d2?.reasons.find((r) => r.code === 'availability-broken')?.params).toEqual({ probeCode: 'rate-limited', failures: 1, since: '2026-10-01' })
    const lost = d2!.reasons.reduce((a, r) => a + r.pointsLost, 0)
    expect(lost).toBeCloseTo(100 + 50, 1)
    const d1 = await getDistributionScore(t.db, D1)
    expect(d1?.total).toBe(100)
    // D3: only an unverified probe: availability unknown. Its metadata follows MQA: 375/405.
    const d3 = await getDistributionScore(t.db, D3)
    expect(d3?.availability).toBeNull()
    expect(d3?.metadata).toBeCloseTo((375 / 405) * 100, 1)
    expect(d3?.reasons).toEqual([expect.objectContaining({ code: 'mqa-keyword', pointsToGain: Math.round((3000 / 405) * 100) / 100 })])

    const datasets = await getDatasetScores(t.db, ORG)
    expect(datasets.map((r) => r.key)).toEqual([DS2, DS1]) // worst first
    const ds1 = datasets.find((r) => r.key === DS1)!
    // The mean of the good and the bad distribution, not the best one.
    expect(ds1.total).toBeCloseTo((d1!.total! + d2!.total!) / 2, 0)
    expect(ds1.availability).toBe(50)
    expect(ds1.counts).toMatchObject({ distributions: 2, brokenDistributions: 1 })
    const ds2 = datasets.find((r) => r.key === DS2)!
    expect(ds2.metadata).toBe(50)
    expect(ds2.scoring_version).toBe(SCORING_VERSION)

    const orgs = await getOrganisationScores(t.db)
    expect(orgs.map((o) => o.key)).toEqual([ORG, ORG_B])
    expect(orgs[0].name).toEqual({ sv: 'Kommun A' })
    expect(orgs[1].name).toBeNull()
    expect(datasets[0].title).toEqual({})
    expect(orgs[0].total).toBeCloseTo((ds1.total! + ds2.total!) / 2, 0)
    const problems = await getProblems(t.db, { organisationIri: ORG })
    expect(problems.map((p) => [p.distributionIri, p.code])).toEqual([[D2, 'availability-broken'], [D2, 'format-mismatch']])
    await expect(getProblems(t.db, {})).rejects.toThrow(RangeError)
    const region = await getRegionScore(t.db)
    expect(region?.total).toBeCloseTo((orgs[0].total! + orgs[1].total!) / 2, 0)
    expect(region?.counts).toMatchObject({ organisations: 2, datasets: 3, distributions: 3, brokenDistributions: 1 })
  })

  it('rolls up a day idempotently: twice gives the same rows', async () => {
    const strip = (rows: Record<string, unknown>[]) => rows.map(({ computed_at: _c, ...r }) => r)
    const read = () => t.db.selectFrom('score_rollups').selectAll().where('day', '=', '2026-10-02').orderBy('level').orderBy('key').execute()
    const now = new Date('2026-10-05T00:00:00Z')
    const count = async () =>
      (await t.db.selectFrom('score_rollups').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
    const a = await rollupDay({ db: t.db, day: '2026-10-02', now })
    const first = strip(await read())
    const rowsAfterFirst = await count()
    const b = await rollupDay({ db: t.db, day: '2026-10-02', now })
    const second = strip(await read())
    expect(first.length).toBe(3 + 3 + 2 + 1)
    expect(second).toEqual(first)
    expect(b).toEqual(a)
    // No other day gained or lost rows (counted here, not taken from what earlier tests wrote).
    expect(await count()).toBe(rowsAfterFirst)
  })

  it('drops the current score of a withdrawn distribution, keeping its history', async () => {
    for (const day of ['2026-10-01', '2026-10-02']) await rollupDay({ db: t.db, day, now: new Date('2026-10-05T00:00:00Z') })
    await t.db.updateTable('distributions').set({ withdrawn_at: new Date('2026-10-03T00:00:00Z') }).where('iri', '=', D3).execute()
    const s = await computeScores({ db: t.db, now: new Date('2026-10-03T12:00:00Z') })
    expect(s.distributions).toBe(2)
    expect(await getDistributionScore(t.db, D3)).toBeUndefined()
    expect(await getDistributionScore(t.db, D1)).toBeDefined()
    const history = await getTrend(t.db, 'distribution', D3, 30, new Date('2026-10-03T12:00:00Z'))
    expect(history.map((r) => r.day)).toEqual(['2026-10-01', '2026-10-02'])
  })

  it('keeps history per day: the trend shows the fix on day 2', async () => {
    // Every day this test reads is written here, so it stands alone.
    for (const day of ['2026-10-01', '2026-10-02']) await rollupDay({ db: t.db, day, now: new Date('2026-10-05T00:00:00Z') })
    await computeScores({ db: t.db, now: new Date('2026-10-03T12:00:00Z') })
    const trend = await getTrend(t.db, 'distribution', D2, 30, new Date('2026-10-03T00:00:00Z'))
    expect(trend.map((r) => r.day)).toEqual(['2026-10-01', '2026-10-02', '2026-10-03'])
    expect(trend.map((r) => r.format)).toEqual([50, 100, 100])
    expect(trend.map((r) => r.availability)).toEqual([0, 100, 100])
    expect((await getTrend(t.db, 'distribution', D2, 2, new Date('2026-10-03T00:00:00Z'))).map((r) => r.day)).toEqual(['2026-10-02', '2026-10-03'])
    const dsTrend = await getTrend(t.db, 'dataset', DS1, 365, new Date('2026-10-03T00:00:00Z'))
    expect(dsTrend.map((r) => r.total)).toEqual([expect.any(Number), 100, 100])
    expect(dsTrend[0].total!).toBeLessThan(100)
    await expect(rollupDay({ db: t.db, day: '2026-13-45' })).rejects.toMatchObject({ name: 'RollupDayError', code: 'scoring.not-a-day', params: { day: '2026-13-45' } })
    await expect(rollupDay({ db: t.db, day: '2999-01-01' })).rejects.toBeInstanceOf(RollupDayError)
    await expect(rollupDay({ db: t.db, day: '2999-01-01' })).rejects.toMatchObject({ code: 'scoring.day-not-begun' })
  })
})
