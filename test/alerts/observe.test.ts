import { availabilityStep } from '../../src/availability/next-availability-state.js'
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { openDatabase, type OpenDatabase } from '../../src/db/open-database.js'
import { recordProbes } from '../../src/db/probe-store.js'
import { observeCheckRun, observeHarvest, observeProbes } from '../../src/alerts/observe.js'
import { json } from '../../src/db/json.js'
import { defaultConfig } from '../../src/config/config.js'
import type { Db } from '../../src/db/database.js'
import type { ProbeCode, ProbeOutcome } from '../../src/domain/probe-codes.js'
import { probeResult, seedDistributions } from '../availability/seed-distributions.js'

const A = 'urn:test:dist:a'
const B = 'urn:test:dist:b'
const url = (iri: string) => `http://127.0.0.1:9/${iri.split(':').pop()}.csv`
const T0 = Date.parse('2026-12-01T00:00:00Z')
const at = (h: number) => new Date(T0 + h * 3_600_000)
const policy = defaultConfig.alerts
const broken = defaultConfig.availability

let t: TestDb
let opened: OpenDatabase | null = null
let sweep = 0

/** One sweep at hour `h`: writes the probe as the probe writer does, then the alerts hook. */
async function probe(db: Db, iri: string, h: number, outcome: ProbeOutcome, code: ProbeCode) {
  sweep++
  const { id } = await db.insertInto('sweeps').values({ status: 'running', trigger: 'test' }).returning('id').executeTakeFirstOrThrow()
  const result = probeResult(url(iri), outcome, code, at(h))
  await recordProbes(db, id, 'w', [{ distributionIri: iri, host: '127.0.0.1:9', result, at: at(h) }], availabilityStep(broken))
  return observeProbes(db, [{ distributionIri: iri, at: at(h), outcome, code, httpStatus: result.httpStatus, url: result.url }], policy)
}

async function alertOf(db: Db, subject: string, problem: string) {
  return db.selectFrom('alerts').selectAll().where('subject', '=', subject).where('problem', '=', problem).executeTakeFirst()
}

async function events(db: Db, subject: string) {
  return db
    .selectFrom('alert_events')
    .innerJoin('alerts', 'alerts.id', 'alert_events.alert_id')
    .select(['alert_events.event', 'alert_events.intermittent'])
    .where('alerts.subject', '=', subject)
    .orderBy('alert_events.id')
    .execute()
}

beforeAll(async () => {
  t = await createTestDb()
  await seedDistributions(t.db, [A, B].map((iri) => ({ iri, url: url(iri) })))
})
afterAll(async () => {
  if (opened) {
    await opened.close()
    rmSync(t.dir!, { recursive: true, force: true })
  } else await t.drop()
})

describe('content alerts, stored', () => {
  it("a content run's failing checks open their problems, but a broken file is one alert: availability's, from the probes", async () => {
    const { id: runId } = await t.db.insertInto('check_runs').values({ kind: 'content', status: 'ok', started_at: at(0) }).returning('id').executeTakeFirstOrThrow()
    const result = (checkId: string, dimension: 'availability' | 'format') => ({
      run_id: runId,
      distribution_iri: B,
      dataset_iri: 'urn:seed:dataset',
      check_id: checkId,
      dimension,
      status: 'fail' as const,
      findings: json([{ code: checkId === 'availability' ? 'availability-broken' : 'format-mismatch', severity: 'error', params: {} }]),
      metrics: json({}),
      facts: json({}),
      at: at(0),
    })
    await t.db.insertInto('check_results').values([result('availability', 'availability'), result('format', 'format')]).execute()
    await observeCheckRun(t.db, runId, policy)
    const problems = (await t.db.selectFrom('alerts').select('problem').where('subject', '=', B).execute()).map((a) => a.problem)
    expect(problems).toContain('check:format')
    expect(problems).not.toContain('check:availability')
  })
})

describe('availability alerts, stored', () => {
  it('opens on the broken rule, survives a restart, and resolves after two good probes', async () => {
    expect(await probe(t.db, A, 0, 'failing', 'http-404')).toEqual({ opened: 0, resolved: 0 })
    expect(await probe(t.db, A, 12, 'failing', 'http-404')).toEqual({ opened: 0, resolved: 0 })
    expect((await alertOf(t.db, A, 'availability'))?.open).toBe(false)
    expect(await probe(t.db, A, 24, 'failing', 'http-404')).toEqual({ opened: 1, resolved: 0 })
    const row = await alertOf(t.db, A, 'availability')
    expect(row?.open).toBe(true)
    expect(new Date(row!.bad_since!)).toEqual(at(0))
    expect(row?.evidence[0]).toMatchObject({ code: 'http-404', params: { status: 404 } })

    // A restart: the state is read back from the database, not from memory.
    if (t.dir) {
      await t.close()
      opened = await openDatabase({ dataDir: t.dir })
      t.db = opened.db
      t.close = async () => {}
    }
    expect(await probe(t.db, A, 30, 'ok', 'ok')).toEqual({ opened: 0, resolved: 0 })
    expect(await probe(t.db, A, 36, 'ok', 'ok')).toEqual({ opened: 0, resolved: 1 })
    expect(await events(t.db, A)).toEqual([
      { event: 'opened', intermittent: false },
      { event: 'resolved', intermittent: false },
    ])
  })

  it('an unverified streak opens nothing and stores nothing', async () => {
    for (let h = 0; h <= 96; h += 6) await probe(t.db, B, 100 + h, 'unverified', 'rate-limited')
    expect(await alertOf(t.db, B, 'availability')).toBeUndefined()
  })

  it('a catalogue that cannot be harvested opens at once, and resolves after two good harvests', async () => {
    const h = (ok: boolean, hour: number) =>
      observeHarvest(t.db, { sourceId: 'seed', organisation: null, ok, at: at(hour), errorCode: ok ? null : 'harvest-http', url: 'http://127.0.0.1/catalog' }, policy)
    expect(await h(false, 0)).toEqual({ opened: 1, resolved: 0 })
    expect(await h(true, 24)).toEqual({ opened: 0, resolved: 0 })
    expect(await h(true, 48)).toEqual({ opened: 0, resolved: 1 })
  })
})
