import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDemo, type DemoRun } from '../../src/cli/demo-pipeline.js'
import { uptime } from '../../src/db/uptime.js'

/**
 * The demo plays each simulated day at noon (UTC) and ends on the latest noon that has
 * passed, whatever the time it is started at: read early in the morning, a last day at
 * today's noon would lie in the future, outside every "last 30 days" a page reads.
 */

const NOW = new Date('2026-11-05T03:00:00Z')
let run: DemoRun

beforeAll(async () => {
  run = await runDemo({ seed: 3, distributions: 40, hosts: 6, days: 2, port: 0, lang: 'en', serve: false, now: NOW, log: () => {} })
}, 300_000)

afterAll(async () => {
  await run?.close()
})

describe('the demo started before noon', () => {
  it('dates nothing after the moment it runs at: its last day is yesterday', async () => {
    const probes = await run.database.db.selectFrom('probes').select('at').execute()
    expect(probes.length).toBeGreaterThan(0)
    const days = [...new Set(probes.map((p) => new Date(p.at).toISOString()))].sort()
    expect(days).toEqual(['2026-11-03T12:00:00.000Z', '2026-11-04T12:00:00.000Z'])
  })

  it("counts every day's probe in a read of the last 30 days at that moment", async () => {
    const probes = await run.database.db.selectFrom('probes').select('distribution_iri').execute()
    const counted = [...(await uptime(run.database.db, { days: 30, now: NOW })).values()].reduce((n, u) => n + u.ok + u.failing + u.unverified, 0)
    expect(counted).toBe(probes.length)
  })
})
