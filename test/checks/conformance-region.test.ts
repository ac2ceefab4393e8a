/**
 * The simulated region against the tabular checks, with no database: every CSV the world
 * serves is downloaded through the guarded engine (loopback allowed), and encoding,
 * csv-structure and conformance run on it, with specifications resolved by the schema
 * registry from the world's own conformsTo URIs (CSVW schema.json served there). The
 * error findings must be exactly the ground truth's content findings that belong to
 * these checks: every defect found, nothing reported on clean files.
 */
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { conformanceCheck } from '../../checks/conformance.js'
import { csvStructureCheck } from '../../checks/csv-structure.js'
import { encodingCheck } from '../../checks/encoding.js'
import { createFileContentSource } from '../../checks/file-content-source.js'
import { createSchemaRegistry } from '../../checks/schema-registry.js'
import type { CheckTarget } from '../../checks/types.js'
import { defaultConfig } from '../../src/config/config.js'
import { startWorld, type GroundTruthEntry, type World } from '../../src/demo/start-world.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { testContext } from './helpers/check-target.js'
import { datasetRecord, distributionRecord } from '../helpers/check-records.js'

const MINE = new Set(['encoding-error', 'blank-label', 'duplicate-label', 'extra-cell', 'missing-cell', 'blank-row', 'format-error', 'source-error', 'type-error', 'constraint-error', 'unique-error', 'primary-key', 'foreign-key', 'extra-label', 'missing-label', 'incorrect-label'])
const TABULAR_DEFECTS = ['csv-latin1', 'csv-semicolon-decimal-comma', 'csv-ragged', 'csv-blank-header', 'csv-duplicate-header', 'csv-bom', 'spec-type-error', 'spec-extra-column'] as const

let world: World
let dir: string
const engine = createFetchEngine({ ...defaultConfig.http, perHostGapMs: 0 }, { allowPrivateNetworks: true })
const results: { truth: GroundTruthEntry; codes: string[]; statuses: Record<string, string> }[] = []

beforeAll(async () => {
  const weights: Record<string, number> = {}
  // Only defects that leave a readable CSV: the others are the availability and format checks'.
  for (const name of (await import('../../src/demo/start-world.js')).defectNames) weights[name] = 0
  for (const name of TABULAR_DEFECTS) weights[name] = 5
  world = await startWorld({ seed: 11, distributions: 160, hosts: 4, organisations: 3, defectRate: 0.6, defectWeights: weights })
  dir = await mkdtemp(join(tmpdir(), 'datavakt-region-'))
  const registry = createSchemaRegistry({ bundledDir: join(dir, 'none'), fetchDocument: engine.fetchDocument.bind(engine) })
  const ctx = testContext({ resolveSchema: (u) => registry.resolveSchema(u) })
  let n = 0
  for (const truth of world.truth()) {
    if (truth.kind !== 'csv') continue
    const body = await engine.fetchBody(truth.url, { maxBytes: 8 * 1024 * 1024 })
    const path = join(dir, `${n++}.csv`)
    await pipeline(Readable.from(body.body), createWriteStream(path))
    const content = await createFileContentSource(path, { contentType: body.contentType })
    const conformsTo = truth.conformsTo ? [truth.conformsTo] : []
    const target: CheckTarget = {
      dataset: datasetRecord({ iri: truth.datasetIri, conformsTo }),
      distribution: distributionRecord({ iri: truth.distributionIri, datasetIri: truth.datasetIri, accessUrl: truth.url, downloadUrl: truth.url, format: truth.declaredFormat, conformsTo }),
      dataServices: [],
      content,
    }
    const codes: string[] = []
    const statuses: Record<string, string> = {}
    for (const check of [encodingCheck, csvStructureCheck, conformanceCheck]) {
      if (!check.appliesTo(target)) continue
      const r = await check.run(target, ctx)
      statuses[check.id] = r.status
      for (const f of r.findings) if (f.severity === 'error') codes.push(f.code)
    }
    results.push({ truth, codes: [...new Set(codes)].sort(), statuses })
  }
}, 120_000)

afterAll(async () => {
  await engine.close()
  await world?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('the simulated region, tabular checks', () => {
  it('covers every tabular defect and some clean files', () => {
    const seen = new Set(results.flatMap((r) => r.truth.defects))
    for (const d of ['csv-latin1', 'csv-ragged', 'csv-blank-header', 'csv-duplicate-header', 'spec-type-error', 'spec-extra-column']) expect(seen, d).toContain(d)
    expect(results.filter((r) => r.truth.expected.contentFindings.length === 0).length).toBeGreaterThan(10)
  })

  it('finds exactly the expected content findings on every CSV (none on clean files)', () => {
    const mismatches = results
      .map((r) => ({ url: r.truth.url, defects: r.truth.defects, expected: r.truth.expected.contentFindings.filter((c) => MINE.has(c)).sort(), got: r.codes }))
      .filter((m) => JSON.stringify(m.expected) !== JSON.stringify(m.got))
    expect(mismatches).toEqual([])
  })

  it('resolves the world specifications from their conformsTo URIs (CSVW schema.json)', () => {
    const claimed = results.filter((r) => r.truth.conformsTo)
    expect(claimed.length).toBeGreaterThan(5)
    for (const r of claimed) expect(['pass', 'fail'], r.truth.url).toContain(r.statuses.conformance)
  })
})
