import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { defaultConfig } from '../../src/config/config.js'
import { availabilityStep } from '../../src/availability/next-availability-state.js'
import { availabilityCheck } from '../../checks/availability.js'
import { checks } from '../../checks/index.js'
import { describeFinding } from '../../src/i18n/catalogue.js'
import type { CheckContext, CheckTarget, DatasetInfo, DistributionInfo } from '../../checks/types.js'
import { latestProbes } from '../../src/db/latest-probes.js'
import { recordProbes } from '../../src/db/probe-store.js'
import { createSweep } from '../../src/queue/create-sweep.js'
import { probeResult, seedDistributions } from './seed-distributions.js'

let t: TestDb
beforeAll(async () => {
  t = await createTestDb()
})
afterAll(async () => {
  await t?.drop()
})

const ctx = (lang: 'sv' | 'en' = 'sv'): CheckContext => ({ lang, now: new Date(), errorLimit: 100, resolveSchema: async () => null })
const dataset = { iri: 'urn:ds' } as DatasetInfo
const distribution = (iri: string) => ({ iri, datasetIri: 'urn:ds', downloadUrl: 'http://127.0.0.1:9/x' }) as DistributionInfo
const policy = availabilityStep({ ...defaultConfig.availability, brokenAfterFailures: 3, brokenAfterHours: 24 })

describe(`availability check (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('is registered and applies only to a distribution with a probe', () => {
    expect(checks).toContain(availabilityCheck)
    expect(availabilityCheck.dimension).toBe('availability')
    expect(availabilityCheck.appliesTo({ dataset, dataServices: [] })).toBe(false)
    expect(availabilityCheck.appliesTo({ dataset, dataServices: [], distribution: distribution('urn:x') })).toBe(false)
  })

  it('maps the latest probe and the state over time: degraded warns, broken fails, ok passes, unverified stays unverified', async () => {
    const url = 'http://127.0.0.1:9/x'
    await seedDistributions(t.db, [
      { iri: 'urn:broken', url },
      { iri: 'urn:degraded', url },
      { iri: 'urn:ok', url },
      { iri: 'urn:walled', url },
    ])
    const day0 = Date.parse('2026-03-01T00:00:00Z')
    for (let i = 0; i < 3; i++) {
      const at = new Date(day0 + i * 12 * 3_600_000)
      const { sweepId } = await createSweep(t.db, { trigger: 'test' })
      await recordProbes(
        t.db,
        sweepId,
        'w',
        [
          { distributionIri: 'urn:broken', host: 'h', result: probeResult(url, 'failing', 'http-404', at) },
          ...(i === 2 ? [{ distributionIri: 'urn:degraded', host: 'h', result: probeResult(url, 'failing', 'timeout', at) }] : []),
          {
            distributionIri: 'urn:ok',
            host: 'h',
            result: probeResult(url, 'ok', 'ok', at, { tlsDaysLeft: 5, findings: [{ code: 'tls-expiring-soon', severity: 'warning', params: { days: 5 } }] }),
          },
          { distributionIri: 'urn:walled', host: 'h', result: probeResult(url, 'unverified', 'blocked', at) },
        ],
        policy,
      )
    }
    const latest = await latestProbes(t.db)
    const judge = async (iri: string, lang: 'sv' | 'en' = 'sv') => {
      const target: CheckTarget = { dataset, dataServices: [], distribution: distribution(iri), probe: latest.get(iri) }
      expect(availabilityCheck.appliesTo(target)).toBe(true)
      return availabilityCheck.run(target, ctx(lang))
    }
    const broken = await judge('urn:broken')
    expect(broken.status).toBe('fail')
    expect(broken.findings[0]).toMatchObject({ code: 'availability-broken', severity: 'error', params: { probeCode: 'http-404', failures: 3, since: '2026-03-01' } })
    expect(describeFinding(broken.findings[0]!, 'sv').message).toMatch(/404.*Misslyckats 3 gånger i rad sedan 1 mars 2026/)
    expect(describeFinding(broken.findings[0]!, 'sv').hint).toMatch(/Kontrollera adressen i katalogen/)
    expect(broken.facts).toEqual({ state: 'broken', outcome: 'failing', code: 'http-404' })
    expect(broken.metrics?.consecutiveFailures).toBe(3)

    const degraded = await judge('urn:degraded', 'en')
    expect(degraded.status).toBe('warn')
    expect(degraded.findings[0]).toMatchObject({ code: 'availability-degraded', severity: 'warning', params: { probeCode: 'timeout', failures: 1 } })
    expect(describeFinding(degraded.findings[0]!, 'en').message).toMatch(/did not answer in time.*First failed attempt/)

    const ok = await judge('urn:ok')
    expect(ok.status).toBe('warn')
    expect(ok.findings).toEqual([expect.objectContaining({ code: 'tls-expiring-soon', severity: 'warning' })])
    expect(ok.metrics?.tlsDaysLeft).toBe(5)

    const walled = await judge('urn:walled')
    expect(walled.status).toBe('unverified')
    expect(walled.findings[0]).toMatchObject({ code: 'availability-unverified', severity: 'info', params: { probeCode: 'blocked' } })
    expect(walled.facts?.state).toBe('unknown')
    expect((await latestProbes(t.db, ['urn:ok'])).size).toBe(1)
  })
})
