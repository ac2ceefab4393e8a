import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig, type Config } from '../../src/config/config.js'
import { runContentSweep } from '../../src/content/run-content-sweep.js'
import { latestCheckResultsAsOf, type CheckResultRow } from '../../src/db/content-store.js'
import { startWorld, type GroundTruthEntry, type World } from '../../src/demo/start-world.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import type { FetchEngine } from '../../src/fetch/fetch-engine.js'
import { harvestSource } from '../../src/harvest/harvest-source.js'
import { describeFinding } from '../../src/i18n/catalogue.js'
import { runSweep } from '../../src/queue/run-sweep.js'
import { createTestDb, type TestDb } from '../helpers/test-db.js'

/**
 * The simulated region's catalogue claims (src/demo/catalogue-claims.ts) through the whole
 * pipeline, on the days the demo plays (each at noon): harvest, availability sweep, content
 * run. A dct:modified of day 0 on a file unchanged for days, "2023" on a daily file, and an
 * accessURL that is the dataset's landing page: datavakt must conclude what the world's
 * ground truth says, with the dates right.
 */

let world: World
let t: TestDb
let engine: FetchEngine
let config: Config
const DAYS = 3
const noon = (day: number) => new Date(world.dateOf(day).getTime() + 12 * 3600_000)
const iso = (d: Date) => d.toISOString().slice(0, 10)

beforeAll(async () => {
  world = await startWorld({ seed: 5, distributions: 240, hosts: 6, slowMs: 3_000, retryAfterSeconds: 1, hugeBytes: 4 * 1024 * 1024, bombBytes: 4 * 1024 * 1024, epoch: '2026-10-01' })
  t = await createTestDb()
  config = {
    ...defaultConfig,
    allowPrivateNetworks: true,
    http: { ...defaultConfig.http, perHostGapMs: 0, connectTimeoutMs: 1500, headersTimeoutMs: 1500, bodyTimeoutMs: 1500, urlBudgetMs: 5000, bodyBudgetMs: 10_000 },
    content: { ...defaultConfig.content, maxBytes: 8 * 1024 * 1024 },
  }
  engine = createFetchEngine(config.http, { allowPrivateNetworks: true })
  for (const [i, c] of world.catalogues.entries()) {
    const r = await harvestSource(t.db, { id: `org${i}`, kind: 'dcat', url: c.url, organisation: c.organisationIri }, { fetchDocument: (u, o) => engine.fetchDocument(u, o), harvest: config.harvest })
    expect(r.status).toBe('ok')
  }
  for (let day = 0; day < DAYS; day++) {
    world.setDay(day)
    await runSweep({ db: t.db, engine, config, trigger: 'test', worker: { now: () => noon(day) } })
    await runContentSweep({ db: t.db, engine, config, now: noon(day) })
  }
}, 300_000)

afterAll(async () => {
  await engine?.close()
  await world?.close()
  await t?.drop()
})

/** The distributions with `defect`, as the ground truth of `day` has them. */
function withDefect(defect: string, day: number): GroundTruthEntry[] {
  const found = [...world.truth(day)].filter((e) => e.defects.includes(defect))
  expect(found.length, defect).toBeGreaterThan(0)
  return found
}

/** The latest result of `checkId` for a distribution, as of the noon of `day`. */
async function resultOf(iri: string, checkId: string, day: number): Promise<CheckResultRow> {
  const r = (await latestCheckResultsAsOf(t.db, noon(day))).find((x) => x.distribution_iri === iri && x.check_id === checkId)
  expect(r, `${checkId} of ${iri}`).toBeDefined()
  return r!
}

const claimCodes = (r: CheckResultRow) => r.findings.filter((f) => f.code.startsWith('declared-modified')).map((f) => f.code)

describe('what the catalogue says against what happened, in the simulated region', () => {
  it('finds no claim on day 0, and on the later days exactly the ones the ground truth lists', async () => {
    for (const defect of ['modified-claims-update', 'modified-behind-change']) {
      for (let day = 0; day < DAYS; day++) {
        for (const e of withDefect(defect, day)) expect(claimCodes(await resultOf(e.distributionIri, 'freshness', day)), `${defect} day ${day}`).toEqual(e.expected.freshnessFindings)
      }
    }
  })

  it('says the catalogue claims an update on day 0 that the file never got, since its Last-Modified', async () => {
    for (const e of withDefect('modified-claims-update', DAYS - 1)) {
      const f = (await resultOf(e.distributionIri, 'freshness', DAYS - 1)).findings.find((x) => x.code === 'declared-modified-without-change')!
      expect(f.params).toEqual({ declared: iso(world.dateOf(0)), since: iso(new Date(e.lastModified)), firstObservation: false, lastModified: true, level: 'distribution' })
      const [declared, since] = [world.dateOf(0), new Date(e.lastModified)].map((d) => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }))
      expect(describeFinding(f, 'en').message).toBe(`The catalogue says the file was updated on ${declared}, but the file has not changed since ${since} (by the server's Last-Modified).`)
    }
  })

  it('says a daily file changed on the day it did, while the catalogue still says 2023', async () => {
    for (const e of withDefect('modified-behind-change', DAYS - 1)) {
      const f = (await resultOf(e.distributionIri, 'freshness', DAYS - 1)).findings.find((x) => x.code === 'declared-modified-behind-change')!
      expect(f.params).toEqual({ declared: '2023', changed: iso(world.dateOf(DAYS - 1)), level: 'distribution' })
      const changed = world.dateOf(DAYS - 1).toLocaleDateString('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
      expect(describeFinding(f, 'sv').message).toBe(`Filen ändrades den ${changed}, men katalogen anger fortfarande att filen senast ändrades år 2023.`)
    }
  })

  it('keeps an accessURL that is the landing page ok, and asks for a downloadURL', async () => {
    for (const e of withDefect('access-url-landing-page', DAYS - 1)) {
      const state = await t.db.selectFrom('availability_state').select(['state', 'last_code']).where('distribution_iri', '=', e.distributionIri).executeTakeFirstOrThrow()
      expect(state).toEqual({ state: 'ok', last_code: 'ok' })
      expect((await resultOf(e.distributionIri, 'format', DAYS - 1)).findings.map((f) => f.code)).toEqual(e.expected.contentFindings)
      // How often a page changes says nothing about the data: freshness cannot tell.
      const freshness = await resultOf(e.distributionIri, 'freshness', DAYS - 1)
      expect([freshness.status, freshness.findings.map((f) => f.code)]).toEqual(['skipped', ['access-url-landing-page']])
    }
  })
})
