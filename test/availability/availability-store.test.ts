import { beforeAll, expect, it } from 'vitest'
import { describeEachDb, type TestDb } from '../helpers/test-db.js'
import { defaultConfig } from '../../src/config/config.js'
import { availabilityStep } from '../../src/availability/next-availability-state.js'
import { json } from '../../src/db/json.js'
import { latestProbes } from '../../src/db/latest-probes.js'
import { availabilityStateOf, recordProbes } from '../../src/db/probe-store.js'
import { sweepSummary } from '../../src/db/sweep-summary.js'
import { uptime } from '../../src/db/uptime.js'
import { createSweep } from '../../src/queue/create-sweep.js'
import { seedDistributions, probeResult } from './seed-distributions.js'
import type { ProbeCode, ProbeOutcome } from '../../src/domain/probe-codes.js'

let t: TestDb
const policy = availabilityStep({ ...defaultConfig.availability, brokenAfterFailures: 3, brokenAfterHours: 24 })
const day0 = new Date('2026-03-01T00:00:00Z')
const at = (hours: number) => new Date(day0.getTime() + hours * 3_600_000)
const A = 'urn:d:always-ok'
const B = 'urn:d:dies-day-1'
const C = 'urn:d:flaky'
const D = 'urn:d:rate-limited'
const url = (iri: string) => `http://127.0.0.1:9/${iri.slice(6)}`

/** What each distribution answers in the sweep at hour h (a sweep every 6 h). */
function answer(iri: string, hour: number): [ProbeOutcome, ProbeCode] {
  if (iri === A) return ['ok', 'ok']
  if (iri === B) return hour >= 24 ? ['failing', 'http-404'] : ['ok', 'ok']
  if (iri === C) return hour % 12 === 0 ? ['failing', 'timeout'] : ['ok', 'ok']
  return ['unverified', 'rate-limited']
}

describeEachDb('availability state over simulated days', (db) => {
  beforeAll(async () => {
    t = db()
    await seedDistributions(t.db, [A, B, C, D].map((iri) => ({ iri, url: url(iri) })))
  })
  it('turns a URL that dies on day 1 broken 24 h later, keeps a flaky one degraded, and never judges a rate-limited one', async () => {
    const brokeAt: Record<string, number> = {}
    let healed = 0
    // 8 days of sweeps every 6 hours, recorded with the simulated time.
    for (let hour = 0; hour < 8 * 24; hour += 6) {
      const { sweepId } = await createSweep(t.db, { trigger: 'test' })
      const r = await recordProbes(
        t.db,
        sweepId,
        'w1',
        [A, B, C, D].map((iri) => {
          const [o, code] = answer(iri, hour)
          return { distributionIri: iri, host: '127.0.0.1:9', result: probeResult(url(iri), o, code, at(hour)) }
        }),
        policy,
      )
      expect(r.inserted).toBe(4)
      for (const iri of r.newlyBroken) brokeAt[iri] = hour
      healed += r.healed.length
      if (hour === 24) {
        expect((await availabilityStateOf(t.db, B)).state).toBe('degraded')
      }
    }
    // B fails from hour 24; failures at 24, 30, 36, 42, 48: broken at 48 (3+ failures, 24 h span).
    expect(brokeAt).toEqual({ [B]: 48 })
    const sB = await availabilityStateOf(t.db, B)
    expect([sB.state, sB.consecutiveFailures, sB.firstFailureAt?.toISOString()]).toEqual(['broken', 28, at(24).toISOString()])
    expect((await availabilityStateOf(t.db, A)).state).toBe('ok')
    // C alternates fail/ok: never more than one failure in a row.
    const sC = await availabilityStateOf(t.db, C)
    expect(sC.state).toBe('ok')
    expect(healed).toBe(16) // C heals after each of its 16 failures
    const sD = await availabilityStateOf(t.db, D)
    expect([sD.state, sD.lastCode]).toEqual(['unknown', 'rate-limited'])
  })

  it('writes each probe once per sweep: a second write of the same sweep is refused and does not move the state', async () => {
    const { sweepId } = await createSweep(t.db, { trigger: 'test' })
    const before = await availabilityStateOf(t.db, B)
    const rec = () =>
      recordProbes(t.db, sweepId, 'w2', [{ distributionIri: B, host: '127.0.0.1:9', result: probeResult(url(B), 'failing', 'http-404', at(200)) }], policy)
    expect((await rec()).inserted).toBe(1)
    const second = await rec()
    expect([second.inserted, second.duplicates]).toEqual([0, 1])
    const after = await availabilityStateOf(t.db, B)
    expect(after.consecutiveFailures).toBe(before.consecutiveFailures + 1)
    const n = await t.db.selectFrom('probes').select((eb) => eb.fn.countAll<number>().as('n')).where('sweep_id', '=', sweepId).executeTakeFirstOrThrow()
    expect(n.n).toBe(1)
  })

  it('stores every field of a probe as given: times, jsonb arrays, large numbers, nulls, non-ASCII text', async () => {
    const { sweepId } = await createSweep(t.db, { trigger: 'test' })
    const result = probeResult(url(C), 'ok', 'redirected', at(250), {
      httpStatus: 206,
      finalUrl: `${url(C)}/flyttad?a=1&b="x"`,
      redirectChain: [
        { url: url(C), status: 301 },
        { url: `${url(C)}/flyttad?a=1&b="x"`, status: 206 },
      ],
      redirects: 1,
      elapsedMs: 41.6,
      contentType: 'text/csv; charset=utf-8',
      contentLength: 5_000_000_000,
      etag: 'W/"åäö"',
      lastModified: 'Tue, 03 Mar 2026 10:00:00 GMT',
      tlsValidTo: '2026-04-01T12:00:00.000Z',
      tlsDaysLeft: 9,
      bytesRead: 65_536,
      retryAfterSeconds: 120,
      findings: [{ code: 'tls-expiring-soon', severity: 'warning', params: { days: 9, validTo: '2026-04-01' } }],
    })
    await recordProbes(t.db, sweepId, 'w-fields', [{ distributionIri: C, host: 'h:1', result }], policy)
    const row = await t.db.selectFrom('probes').selectAll().where('sweep_id', '=', sweepId).executeTakeFirstOrThrow()
    expect({ ...row, id: 0, at: new Date(row.at).toISOString(), tls_valid_to: new Date(row.tls_valid_to!).toISOString() }).toEqual({
      id: 0,
      sweep_id: sweepId,
      distribution_iri: C,
      url: url(C),
      host: 'h:1',
      at: at(250).toISOString(),
      outcome: 'ok',
      code: 'redirected',
      http_status: 206,
      final_url: result.finalUrl,
      redirect_count: 1,
      redirect_chain: result.redirectChain,
      elapsed_ms: 42,
      content_type: 'text/csv; charset=utf-8',
      content_length: 5_000_000_000,
      etag: 'W/"åäö"',
      last_modified: 'Tue, 03 Mar 2026 10:00:00 GMT',
      tls_valid_to: '2026-04-01T12:00:00.000Z',
      tls_days_left: 9,
      bytes_read: 65_536,
      retry_after_seconds: 120,
      findings: result.findings,
      worker_id: 'w-fields',
      state_before: 'ok',
      state_after: 'ok',
    })
    const s = await availabilityStateOf(t.db, C)
    expect([s.lastEtag, s.lastModified, s.lastProbeAt?.toISOString(), s.lastHttpStatus]).toEqual(['W/"åäö"', 'Tue, 03 Mar 2026 10:00:00 GMT', at(250).toISOString(), 206])
  })

  it('computes uptime over 7 and 30 days, excluding unverified', async () => {
    const now = at(8 * 24)
    const u7 = await uptime(t.db, { days: 7, now })
    // The window is (hour 24, hour 192]: sweeps at hours 30..186, 27 of them.
    expect(u7.get(A)?.ratio).toBe(1)
    const b = u7.get(B)!
    expect(b.ok).toBe(0)
    expect(b.failing).toBe(27)
    const c = u7.get(C)!
    // C fails at hours divisible by 12 (36..180: 13) and is ok at the other 14.
    expect(c.ok).toBe(14)
    expect(c.failing).toBe(13)
    expect(c.ratio).toBeCloseTo(14 / 27)
    const d = u7.get(D)!
    expect([d.ratio, d.unverified]).toEqual([null, 27])
    const u30 = await uptime(t.db, { days: 30, now, distributionIris: [B] })
    // All 32 sweeps: 4 ok (hours 0..18) and 28 failing; the extra hour-200 probe is after `now`.
    expect(u30.get(B)).toMatchObject({ ok: 4, failing: 28 })
    expect(u30.get(B)!.ratio).toBeCloseTo(4 / 32)
    expect(u30.has(A)).toBe(false)
  })

  it('summarises a sweep by outcome and code, with newly broken and healed', async () => {
    const { sweepId } = await createSweep(t.db, { trigger: 'test' })
    await recordProbes(
      t.db,
      sweepId,
      'w3',
      [
        { distributionIri: A, host: 'h', result: probeResult(url(A), 'failing', 'http-5xx', at(300)) },
        { distributionIri: B, host: 'h', result: probeResult(url(B), 'ok', 'ok', at(300)) },
        { distributionIri: D, host: 'h', result: probeResult(url(D), 'unverified', 'blocked', at(300)) },
      ],
      policy,
    )
    const s = await sweepSummary(t.db, sweepId)
    expect(s.byOutcome).toEqual({ ok: 1, failing: 1, unverified: 1 })
    expect(s.byCode).toEqual({ ok: 1, 'http-5xx': 1, blocked: 1 })
    expect([s.healed, s.newlyBroken, s.urls, s.hosts, s.probed]).toEqual([1, 0, 4, 1, 3])
  })

  it('reads a probe stored before the catalogue ({ code, message }) as it was stored, words and all', async () => {
    const OLD = 'urn:d:stored-with-words'
    await seedDistributions(t.db, [{ iri: OLD, url: url(OLD) }])
    const findings = [{ code: 'tls-expiring-soon', message: 'Certifikatet går ut om 9 dagar.' }]
    await t.db
      .insertInto('probes')
      .values({ distribution_iri: OLD, url: url(OLD), host: '127.0.0.1:9', at: at(1), outcome: 'ok', code: 'ok', elapsed_ms: 1, findings: json(findings), state_after: 'ok' })
      .execute()
    await t.db.insertInto('availability_state').values({ distribution_iri: OLD, state: 'ok', consecutive_failures: 0 }).execute()
    const latest = (await latestProbes(t.db, [OLD])).get(OLD)
    expect(latest?.findings).toEqual(findings)
  })
})
