import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig, type Config } from '../../src/config/config.js'
import { runContentSweep, type ContentSweepSummary } from '../../src/content/run-content-sweep.js'
import { checkResultsOfRun, latestCheckResultsAsOf, type CheckResultRow } from '../../src/db/content-store.js'
import { startWorld, type GroundTruthEntry, type World } from '../../src/demo/start-world.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import type { FetchEngine } from '../../src/fetch/fetch-engine.js'
import { harvestSource } from '../../src/harvest/harvest-source.js'
import { computeScores } from '../../src/scoring/compute-scores.js'
import { getDistributionScore } from '../../src/read-model/distribution-scores.js'
import { createTestDb, type TestDb } from '../helpers/test-db.js'

/**
 * The must-show of issue 5: a small simulated region is harvested, its content checked and
 * scored, and the findings compared with the world's ground truth, distribution by
 * distribution: every expected content finding is reported, and files the world serves
 * clean get no error finding from a content check.
 */
const CONTENT_DIMENSIONS = new Set(['format', 'conformance'])
const CAP = 8 * 1024 * 1024

let world: World
let t: TestDb
let engine: FetchEngine
let config: Config
let truth: GroundTruthEntry[]
let sweep: ContentSweepSummary
let byDist: Map<string, CheckResultRow[]>
const now = (day = 0) => new Date(world.dateOf(day).getTime() + 12 * 3600_000)

beforeAll(async () => {
  world = await startWorld({ seed: 5, distributions: 240, hosts: 6, organisations: 4, slowMs: 20_000, retryAfterSeconds: 1, hugeBytes: 40 * 1024 * 1024, bombBytes: 40 * 1024 * 1024 })
  truth = [...world.truth()]
  t = await createTestDb()
  config = {
    ...defaultConfig,
    allowPrivateNetworks: true,
    http: { ...defaultConfig.http, perHostGapMs: 0, connectTimeoutMs: 1500, headersTimeoutMs: 1500, bodyTimeoutMs: 1500, urlBudgetMs: 5000, bodyBudgetMs: 10_000 },
    content: { ...defaultConfig.content, maxBytes: CAP },
  }
  engine = createFetchEngine(config.http, { allowPrivateNetworks: true })
  for (const [i, c] of world.catalogues.entries()) {
    const r = await harvestSource(t.db, { id: `org${i}`, kind: 'dcat', url: c.url, organisation: c.organisationIri }, { fetchDocument: (u, o) => engine.fetchDocument(u, o), harvest: config.harvest })
    expect(r.status).toBe('ok')
  }
  sweep = await runContentSweep({ db: t.db, engine, config, now: now() })
  byDist = groupByDistribution(await checkResultsOfRun(t.db, sweep.runId))
}, 240_000)

afterAll(async () => {
  await engine?.close()
  await world?.close()
  await t?.drop()
})

/** Expected content findings that were not reported, in words. */
function missedFindings(entries: GroundTruthEntry[], results: Map<string, CheckResultRow[]>): string[] {
  const missed: string[] = []
  for (const e of entries) {
    if (e.expected.contentFindings.length === 0) continue
    const codes = new Set((results.get(e.distributionIri) ?? []).flatMap((r) => r.findings.map((f) => f.code)))
    for (const want of e.expected.contentFindings) if (!codes.has(want)) missed.push(`${e.defects.join('+')} → ${want} missing at ${e.url} (got ${[...codes].join(', ') || 'nothing'})`)
  }
  return missed
}

/** Error findings of content checks on files the world serves clean, in words. */
function falseFindings(entries: GroundTruthEntry[], results: Map<string, CheckResultRow[]>): string[] {
  const out: string[] = []
  for (const e of entries) {
    if (e.expected.outcome !== 'ok' || e.expected.contentFindings.length > 0) continue
    for (const r of results.get(e.distributionIri) ?? []) {
      if (!CONTENT_DIMENSIONS.has(r.dimension)) continue
      for (const f of r.findings) if (f.severity === 'error') out.push(`${e.defects.join('+') || 'clean'} ${r.check_id}:${f.code} at ${e.url}: ${f.message}`)
    }
  }
  return out
}

function groupByDistribution(rows: CheckResultRow[]): Map<string, CheckResultRow[]> {
  const out = new Map<string, CheckResultRow[]>()
  for (const r of rows) {
    if (!r.distribution_iri) continue
    const list = out.get(r.distribution_iri)
    if (list) list.push(r)
    else out.set(r.distribution_iri, [r])
  }
  return out
}

describe(`content checks on the simulated region (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('harvests and sweeps every distribution of the world', () => {
    expect(sweep.distributions).toBe(truth.length)
    expect(sweep.downloaded).toBeGreaterThan(truth.length / 2)
    expect(sweep.failed).toBeGreaterThan(0)
  })

  it('finds every content defect of the ground truth', () => {
    expect(truth.filter((e) => e.expected.contentFindings.length > 0).length).toBeGreaterThan(10)
    expect(missedFindings(truth, byDist)).toEqual([])
  })

  it('reports no error finding from a content check on files the world serves clean', () => {
    expect(truth.filter((e) => e.expected.outcome === 'ok' && e.expected.contentFindings.length === 0).length).toBeGreaterThan(truth.length / 3)
    expect(falseFindings(truth, byDist)).toEqual([])
  })

  it('checks huge bodies and gzip bombs up to the cap and says so', () => {
    const capped = truth.filter((e) => e.defects.includes('huge-body') || e.defects.includes('gzip-bomb'))
    for (const e of capped) {
      const codes = (byDist.get(e.distributionIri) ?? []).flatMap((r) => r.findings.map((f) => f.code))
      expect(codes, e.url).toContain('checked-up-to-cap')
    }
    expect(sweep.truncated).toBe(capped.length)
  })

  it('scores the defects: each expected content finding costs points with a reason; clean files keep 100', async () => {
    const s = await computeScores({ db: t.db, now: now() })
    expect(s.distributions).toBe(truth.length)
    const problems: string[] = []
    for (const e of truth) {
      const score = await getDistributionScore(t.db, e.distributionIri)
      if (!score) {
        problems.push(`no score for ${e.url}`)
        continue
      }
      if (e.expected.contentFindings.length > 0) {
        for (const want of e.expected.contentFindings) {
          const reason = score.reasons.find((r) => r.code === want)
          if (!reason || !(reason.pointsLost > 0)) problems.push(`${want} not scored at ${e.url}`)
        }
      } else if (e.expected.outcome === 'ok') {
        if (score.format !== null && score.format < 100 && score.reasons.some((r) => r.dimension === 'format' && r.severity === 'error')) problems.push(`clean ${e.url} lost format points: ${JSON.stringify(score.reasons)}`)
        if (score.conformance !== null && score.conformance < 100 && score.reasons.some((r) => r.dimension === 'conformance' && r.severity === 'error')) problems.push(`clean ${e.url} lost conformance points`)
      }
      if (e.expected.outcome === 'failing' && score.availability !== null) problems.push(`availability scored without probes at ${e.url}`)
    }
    expect(problems).toEqual([])
  })

  it('next day: unchanged files are not downloaded again, and the latest results still match the ground truth', async () => {
    world.setDay(1)
    const day1 = [...world.truth(1)]
    const again = await runContentSweep({ db: t.db, engine, config, now: now(1) })
    expect(again.notModified).toBeGreaterThan(truth.length / 3)
    expect(again.downloaded + again.notModified + again.failed).toBe(day1.length)
    const latest = groupByDistribution(await latestCheckResultsAsOf(t.db, now(1)))
    expect(missedFindings(day1, latest)).toEqual([])
    expect(falseFindings(day1, latest)).toEqual([])
  }, 120_000)
})
