import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { openDatabase } from '../../src/db/open-database.js'
import { defaultConfig, type ScheduleConfig } from '../../src/config/config.js'
import { startScheduler, type JobEvent, type ScheduledJobName } from '../../src/scheduler/start-scheduler.js'
import { startSilentProxy } from '../faults/silent-proxy.js'

let t: TestDb
beforeAll(async () => {
  t = await createTestDb()
})
afterAll(async () => {
  await t?.drop()
})

/** The default schedule, but harvest and the availability sweep every second. */
const everySecond: ScheduleConfig = { ...defaultConfig.schedule, harvest: '* * * * * *', availabilitySweep: '* * * * * *' }
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const stockholmHour = (d: Date) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d)

describe(`scheduler (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('schedules the configured patterns in Swedish time and runs the jobs it is given', async () => {
    const runs: ScheduledJobName[] = []
    const events: JobEvent[] = []
    const s = await startScheduler({
      db: t.db,
      kind: t.kind,
      schedule: { ...defaultConfig.schedule, availabilitySweep: '* * * * * *' },
      jobs: {
        harvest: async () => void runs.push('harvest'),
        availabilitySweep: async ({ name }) => void runs.push(name),
        contentChecks: async () => {
          throw new Error('boom')
        },
      },
      onEvent: (e) => events.push(e),
    })
    try {
      expect(s.isLeader()).toBe(true)
      // Daily at 02:00 and 03:00 Stockholm time, whatever the machine's zone.
      expect(stockholmHour(s.nextRun('harvest')!)).toBe('02:00')
      expect(stockholmHour(s.nextRun('contentChecks')!)).toBe('03:00')
      expect(s.nextRun('rollups')).toBeNull() // not given, not scheduled
      await sleep(2300)
      expect(runs.filter((r) => r === 'availabilitySweep').length).toBeGreaterThanOrEqual(2)
      expect(runs).not.toContain('harvest')
      await s.runNow('contentChecks')
      expect(events.find((e) => e.name === 'contentChecks' && e.status === 'failed')?.error?.message).toBe('boom')
    } finally {
      await s.stop()
    }
  })

  it('skips a firing while the previous run of the same job is still going', async () => {
    const events: JobEvent[] = []
    let release!: () => void
    const s = await startScheduler({
      db: t.db,
      kind: t.kind,
      schedule: everySecond,
      jobs: { availabilitySweep: () => new Promise<void>((r) => (release = r)) },
      onEvent: (e) => events.push(e),
    })
    await sleep(2300)
    release()
    await s.stop()
    expect(events.filter((e) => e.status === 'started')).toHaveLength(1)
    expect(events.filter((e) => e.status === 'skipped-running').length).toBeGreaterThanOrEqual(1)
  })

  it('stop waits for a running job at most stopGraceMs: a job that does not heed its signal does not hold the stop', async () => {
    let started!: () => void
    const running = new Promise<void>((r) => (started = r))
    let aborted = false
    const s = await startScheduler({
      db: t.db,
      kind: t.kind,
      schedule: defaultConfig.schedule,
      stopGraceMs: 300,
      jobs: {
        harvest: ({ signal }) => {
          signal.addEventListener('abort', () => (aborted = true))
          started()
          return new Promise(() => {})
        },
      },
    })
    void s.runNow('harvest')
    await running
    const stopping = performance.now()
    const stopped = await Promise.race([s.stop().then(() => true), sleep(10_000).then(() => false)])
    expect(stopped).toBe(true)
    expect(aborted).toBe(true)
    expect(performance.now() - stopping).toBeGreaterThanOrEqual(290)
    expect(performance.now() - stopping).toBeLessThan(3000)
  })

  it.runIf(process.env.DATABASE_URL)('stop gives leadership up within seconds when the database stops answering (the unlock is left to the session)', async () => {
    const target = new URL(t.url!)
    const proxy = await startSilentProxy({ host: target.hostname, port: Number(target.port || 5432) })
    const viaProxy = await openDatabase({ databaseUrl: proxy.via(t.url!) })
    try {
      const s = await startScheduler({ db: viaProxy.db, kind: 'postgres', schedule: defaultConfig.schedule, jobs: {} })
      expect(s.isLeader()).toBe(true)
      proxy.silence()
      const stopping = performance.now()
      const stopped = await Promise.race([s.stop().then(() => true), sleep(10_000).then(() => false)])
      expect(stopped).toBe(true)
      expect(performance.now() - stopping).toBeLessThan(4000)
    } finally {
      await viaProxy.close()
      await proxy.close()
    }
  })

  it('refuses an invalid pattern at start', async () => {
    await expect(
      startScheduler({ db: t.db, kind: t.kind, schedule: { ...everySecond, harvest: 'every day' }, jobs: { harvest: async () => {} } }),
    ).rejects.toThrow(/schedule/)
  })

  it.runIf(process.env.DATABASE_URL)('elects one leader among two instances with an advisory lock; the other takes over when it stops', async () => {
    const other = await openDatabase({ databaseUrl: t.url! })
    const runsA: number[] = []
    const runsB: number[] = []
    const a = await startScheduler({ db: t.db, kind: 'postgres', schedule: everySecond, leaderCheckMs: 200, jobs: { availabilitySweep: async () => void runsA.push(Date.now()) } })
    const b = await startScheduler({ db: other.db, kind: 'postgres', schedule: everySecond, leaderCheckMs: 200, jobs: { availabilitySweep: async () => void runsB.push(Date.now()) } })
    try {
      expect([a.isLeader(), b.isLeader()]).toEqual([true, false])
      await sleep(2300)
      expect(runsA.length).toBeGreaterThanOrEqual(2)
      expect(runsB).toHaveLength(0)
      // Still one leader after several checks (the lock is held on one reserved session,
      // not lost to connection pooling).
      expect([a.isLeader(), b.isLeader()]).toEqual([true, false])
      const stoppedAt = Date.now()
      await a.stop()
      await sleep(2300)
      expect(b.isLeader()).toBe(true)
      expect(runsB.length).toBeGreaterThanOrEqual(1)
      expect(runsA.every((x) => x <= stoppedAt)).toBe(true)
    } finally {
      await a.stop()
      await b.stop()
      await other.close()
    }
  })
})
