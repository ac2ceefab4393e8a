/**
 * Fault: the wall clock jumps (NTP after a suspended VM, an operator's `date -s`): a day
 * forward, a day forward twice, an hour back. Due work is scheduled once: a daily job runs
 * once for the jump (not once per missed day, not twice), and never runs twice for the
 * same day when the clock goes back. Real croner schedules over vitest's fake timers (the
 * wall clock jumps with setSystemTime; timers keep running on their own time, as
 * monotonic timers and performance.now() do); PGlite's one process always leads.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defaultConfig } from '../../src/config/config.js'
import { startScheduler, type Scheduler } from '../../src/scheduler/start-scheduler.js'
import { createTestDb } from '../helpers/test-db.js'

const DAY = 86_400_000
let scheduler: Scheduler | null = null
afterEach(async () => {
  await scheduler?.stop()
  scheduler = null
  vi.useRealTimers()
})

/** A scheduler with one daily job at 02:00 Stockholm time, started at `start`; the days it ran. */
async function dailyAt2(start: string) {
  const t = await createTestDb()
  const runs: string[] = []
  vi.useFakeTimers({ now: new Date(start), toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] })
  scheduler = await startScheduler({
    db: t.db,
    kind: 'pglite',
    schedule: { ...defaultConfig.schedule, timezone: 'Europe/Stockholm', rollups: '0 2 * * *' },
    jobs: { rollups: async ({ scheduledAt }) => void runs.push(scheduledAt.toISOString().slice(0, 10)) },
  })
  expect(scheduler.isLeader()).toBe(true)
  return { runs, drop: () => t.drop() }
}

describe('the clock jumps', () => {
  it('a day forward just before the job is due: it runs once, and next at the next 02:00 after the new time', async () => {
    const { runs, drop } = await dailyAt2('2026-12-05T00:58:00Z') // 01:58 in Stockholm
    vi.setSystemTime(new Date('2026-12-06T00:58:00Z'))
    await vi.advanceTimersByTimeAsync(5 * 60_000)
    expect(runs).toHaveLength(1)
    expect(scheduler!.nextRun('rollups')!.toISOString()).toBe('2026-12-07T01:00:00.000Z')
    await vi.advanceTimersByTimeAsync(DAY)
    expect(runs).toHaveLength(2)
    vi.useRealTimers()
    await drop()
  })

  it('two days forward at once: one run for the jump, not one per missed day', async () => {
    const { runs, drop } = await dailyAt2('2026-12-05T00:58:00Z')
    vi.setSystemTime(new Date('2026-12-07T00:58:00Z'))
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(runs).toHaveLength(1)
    vi.useRealTimers()
    await drop()
  })

  it('an hour back just after the job ran: it does not run again that day', async () => {
    const { runs, drop } = await dailyAt2('2026-12-05T00:58:00Z')
    await vi.advanceTimersByTimeAsync(5 * 60_000)
    expect(runs).toHaveLength(1)
    vi.setSystemTime(new Date('2026-12-05T00:30:00Z'))
    await vi.advanceTimersByTimeAsync(60 * 60_000)
    expect(runs).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(DAY)
    expect(runs).toHaveLength(2)
    vi.useRealTimers()
    await drop()
  })
})
