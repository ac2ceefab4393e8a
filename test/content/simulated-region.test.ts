import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig, type Config } from '../../src/config/config.js'
import { runContentSweep, type ContentSweepSummary } from '../../src/content/run-content-sweep.js'
import { checkResultsOfRun, type CheckResultRow } from '../../src/db/content-store.js'
import { startWorld, type GroundTruthEntry, type World } from '../../src/demo/start-world.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import type { FetchEngine } from '../../src/fetch/fetch-engine.js'
import { harvestSource } from '../../src/harvest/harvest-source.js'
import { computeScores } from '../../src/scoring/compute-scores.js'
import { getDistributionScore } from '../../src/scoring/get-distribution-score.js'
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
const now = () => new Date(world.dateOf(0).getTime() + 12 * 3600_000)

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
  byDist = new Map()
  for (const r of await checkResultsOfRun(t.db, sweep.runId)) {
    if (!r.distribution_iri) continue
    const list = byDist.get(r.distribution_iri)
    if (list) list.push(r)
    else byDist.set(r.distribution_iri, [r])
  }
}, 240_000)

afterAll(async () => {
  await engine?.close()
  await world?.close()
  await t?.drop()
})

describe(`content checks on the simulated region (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('harvests and sweeps every distribution of the world', () => {
    expect(sweep.distributions).toBe(truth.length)
    expect(sweep.downloaded).toBeGreaterThan(truth.length / 2)
    expect(sweep.failed).toBeGreaterThan(0)
  })

  it('finds every content defect of the ground truth', () => {
    const defective = truth.filter((e) => e.expected.contentFindings.length > 0)
    expect(defective.length).toBeGreaterThan(10)
    const missed: string[] = []
    for (const e of defective) {
      const codes = new Set((byDist.get(e.distributionIri) ?? []).flatMap((r) => r.findings.map((f) => f.code)))
      for (const want of e.expected.contentFindings) if (!codes.has(want)) missed.push(`${e.defects.join('+')} → ${want} missing at ${e.url} (got ${[...codes].join(', ') || 'nothing'})`)
    }
    expect(missed).toEqual([])
  })

  it('reports no error finding from a content check on files the world serves clean', () => {
    const clean = truth.filter((e) => e.expected.outcome === 'ok' && e.expected.contentFindings.length === 0)
    expect(clean.length).toBeGreaterThan(truth.length / 3)
    const falseFindings: string[] = []
    for (const e of clean) {
      for (const r of byDist.get(e.distributionIri) ?? []) {
        if (!CONTENT_DIMENSIONS.has(r.dimension)) continue
        for (const f of r.findings) if (f.severity === 'error') falseFindings.push(`${e.defects.join('+') || 'clean'} ${r.check_id}:${f.code} at ${e.url}: ${f.message}`)
      }
    }
    expect(falseFindings).toEqual([])
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
})
