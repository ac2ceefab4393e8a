/**
 * dashboards/grafana/datavakt.json against what datavakt really serves: the demo runs in
 * this process with the SDK started as the entry point starts it (harvest, sweep, content
 * checks, e-mails on the simulated region, the web app serving), a lease expires and is
 * taken over, and /metrics is scraped over HTTP. Every query of every panel must name
 * only metrics that scrape has. (The panels of the availability work must also be drawn
 * from a worker's own /metrics alone: test/cli/worker-metrics.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rmSync } from 'node:fs'
import { startTelemetry, type Telemetry } from '../../src/cli/telemetry-sdk.js'
import { runDemo, type DemoRun } from '../../src/cli/demo-pipeline.js'
import { createSweep } from '../../src/queue/create-sweep.js'
import { claimHost } from '../../src/queue/claim-host.js'
import { dashboard, queriedNames, servedNames } from './grafana-queries.js'

let telemetry: Telemetry
let run: DemoRun
let scraped: string

beforeAll(async () => {
  telemetry = startTelemetry({ version: 'test' })
  run = await runDemo({ seed: 7, distributions: 60, days: 2, port: 0, lang: 'en', serve: true, log: () => {} })
  // A worker that stops renewing: its lease expires and another claim takes the host over.
  const { sweepId } = await createSweep(run.database.db, { trigger: 'test' })
  expect(await claimHost(run.database.db, { workerId: 'stalled', leaseSeconds: 1, sweepId })).not.toBeNull()
  await new Promise((r) => setTimeout(r, 2_500))
  expect((await claimHost(run.database.db, { workerId: 'next', leaseSeconds: 60, sweepId }))?.attempts).toBe(2)
  // Some reads of the web app, then the scrape.
  for (const path of ['', 'api/region', 'no/such/page']) await (await fetch(`${run.url}${path}`)).arrayBuffer()
  const res = await fetch(`${run.url}metrics`)
  expect(res.status).toBe(200)
  scraped = await res.text()
}, 300_000)

afterAll(async () => {
  if (run) {
    rmSync(run.config.alerts.outboxDir, { recursive: true, force: true })
    await run.close()
  }
  await telemetry?.shutdown()
})

describe('the Grafana dashboard', () => {
  it('is a dashboard on a Prometheus data source chosen at import, with panels laid out on the grid', () => {
    expect(dashboard.uid).toBe('datavakt')
    expect(dashboard.templating.list).toContainEqual(expect.objectContaining({ name: 'datasource', type: 'datasource' }))
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(8)
    for (const p of dashboard.panels) {
      expect(p.datasource, p.title).toEqual({ type: 'prometheus', uid: '${datasource}' })
      expect(p.targets.length, p.title).toBeGreaterThan(0)
      expect(p.gridPos.w * p.gridPos.h, p.title).toBeGreaterThan(0)
    }
  })

  it('names in every query only metrics that /metrics serves after a day of work', () => {
    const served = servedNames(scraped)
    const missing: string[] = []
    const queried = new Set<string>()
    for (const p of dashboard.panels) {
      for (const target of p.targets) {
        const names = queriedNames(target.expr)
        expect(names.length, `${p.title}: ${target.expr}`).toBeGreaterThan(0)
        for (const n of names) {
          queried.add(n)
          if (!served.has(n)) missing.push(`${p.title}: ${n}`)
        }
      }
    }
    expect(missing, `served: ${[...served].join(', ')}`).toEqual([])
    // The metrics, each on the dashboard.
    for (const name of ['datavakt_probes_total', 'datavakt_fetch_duration_bucket', 'datavakt_queue_depth', 'datavakt_lease_expiries_total', 'datavakt_outbox_backlog', 'datavakt_check_duration_bucket']) {
      expect(queried, name).toContain(name)
    }
  })

  it('serves the work it saw: probes by outcome and code, a lease taken over, the queue and the outbox by state', () => {
    expect(scraped).toMatch(/^datavakt_probes_total\{outcome="ok",code="ok"\} [1-9]\d*$/m)
    expect(scraped).toMatch(/^datavakt_probes_total\{outcome="failing",code="[a-z0-9-]+"\} [1-9]\d*$/m)
    expect(scraped).toMatch(/^datavakt_lease_expiries_total\{side="taken-over"\} 1$/m)
    expect(scraped).toMatch(/^datavakt_queue_depth\{state="leased"\} 1$/m)
    expect(scraped).toMatch(/^datavakt_queue_depth\{state="pending"\} [1-9]\d*$/m)
    expect(scraped).toMatch(/^datavakt_outbox_backlog\{channel="email",state="waiting"\} \d+$/m)
    expect(scraped).toMatch(/^datavakt_check_duration_count\{check="[a-z0-9-]+",status="(pass|warn|fail|unverified|skipped)"\} [1-9]\d*$/m)
    expect(scraped).toMatch(/^datavakt_harvests_total\{status="ok"\} [1-9]\d*$/m)
  })
})
