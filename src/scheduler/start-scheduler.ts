import { Cron } from 'croner'
import type { Db } from '../db/database.js'
import type { DatabaseKind } from '../db/open-database.js'
import type { ScheduleConfig } from '../config/config.js'
import { createLeaderLock, SCHEDULER_LOCK_KEY, type LeaderLock } from './leader-lock.js'

/** The scheduled jobs: every pattern of config.schedule except the timezone. */
export type ScheduledJobName = Exclude<keyof ScheduleConfig, 'timezone'>

/** What a job is given when it fires. It should stop soon after `signal` aborts. */
export interface JobContext {
  name: ScheduledJobName
  scheduledAt: Date
  signal: AbortSignal
}

/** A job: written by the part that owns the work (harvest, sweeps, content, rollups). */
export type ScheduledJob = (ctx: JobContext) => Promise<unknown>

/** What happened to one firing. */
export interface JobEvent {
  name: ScheduledJobName
  status: 'started' | 'done' | 'failed' | 'skipped-running' | 'skipped-follower'
  at: Date
  ms?: number
  error?: Error
}

/** What the scheduler runs, when, and how it elects a leader. */
export interface StartSchedulerOptions {
  db: Db
  kind: DatabaseKind
  schedule: ScheduleConfig
  /** Passed in, so the scheduler imports none of them. A job left out is not scheduled. */
  jobs: Partial<Record<ScheduledJobName, ScheduledJob>>
  /** How often a follower tries to become leader, and a leader checks its session (default 15 s). */
  leaderCheckMs?: number
  lockKey?: number
  onEvent?: (e: JobEvent) => void
}

/** A running scheduler. */
export interface Scheduler {
  isLeader(): boolean
  /** The next firing of a job, in absolute time (null when not scheduled). */
  nextRun(name: ScheduledJobName): Date | null
  /** Runs a job now, in this instance, leader or not (operator's choice, e.g. the CLI). */
  runNow(name: ScheduledJobName): Promise<void>
  /** Stops firing, aborts running jobs' signals, waits for them, gives leadership up. */
  stop(): Promise<void>
}

/**
 * Starts the croner schedules of config.schedule (in its timezone, Europe/Stockholm by
 * default: "02:00" means Swedish time across daylight-saving changes). Only the leader
 * runs jobs: with PostgreSQL one instance wins a session advisory lock and the others
 * keep trying every `leaderCheckMs`, taking over when the leader's session ends; with
 * PGlite the one process always leads. A job still running when it fires again is
 * skipped, not stacked. A failing job is reported to `onEvent` and never stops the
 * scheduler. Refuses (throws) an invalid croner pattern or timezone at start.
 */
export async function startScheduler(opts: StartSchedulerOptions): Promise<Scheduler> {
  const lock: LeaderLock = createLeaderLock(opts.db, opts.kind, opts.lockKey ?? SCHEDULER_LOCK_KEY)
  const stopper = new AbortController()
  const running = new Set<Promise<void>>()
  const busy = new Set<ScheduledJobName>()
  const emit = (e: JobEvent) => opts.onEvent?.(e)

  async function fire(name: ScheduledJobName, job: ScheduledJob, scheduledAt: Date): Promise<void> {
    if (busy.has(name)) {
      emit({ name, status: 'skipped-running', at: new Date() })
      return
    }
    busy.add(name)
    const started = Date.now()
    emit({ name, status: 'started', at: new Date(started) })
    const p = (async () => {
      try {
        await job({ name, scheduledAt, signal: stopper.signal })
        emit({ name, status: 'done', at: new Date(), ms: Date.now() - started })
      } catch (err) {
        emit({ name, status: 'failed', at: new Date(), ms: Date.now() - started, error: err as Error })
      } finally {
        busy.delete(name)
      }
    })()
    running.add(p)
    await p
    running.delete(p)
  }

  const crons = new Map<ScheduledJobName, Cron>()
  try {
    for (const [name, job] of Object.entries(opts.jobs) as [ScheduledJobName, ScheduledJob | undefined][]) {
      if (!job) continue
      const pattern = opts.schedule[name]
      const cron = new Cron(pattern, { timezone: opts.schedule.timezone, paused: true }, () => {
        if (!lock.isLeader()) {
          emit({ name, status: 'skipped-follower', at: new Date() })
          return
        }
        void fire(name, job, new Date())
      })
      crons.set(name, cron)
    }
  } catch (err) {
    for (const c of crons.values()) c.stop()
    throw new Error(`Ogiltigt schema i konfigurationen (schedule): ${(err as Error).message}`, { cause: err })
  }

  const checkLeadership = async () => {
    try {
      if (lock.isLeader()) await lock.heartbeat()
      else await lock.tryAcquire()
    } catch {
      // Database unreachable: stay a follower and try again next time.
    }
  }
  await checkLeadership()
  const leaderTimer = setInterval(() => void checkLeadership(), opts.leaderCheckMs ?? 15_000)
  leaderTimer.unref()
  for (const c of crons.values()) c.resume()

  return {
    isLeader: () => lock.isLeader(),
    nextRun: (name) => crons.get(name)?.nextRun() ?? null,
    async runNow(name) {
      const job = opts.jobs[name]
      if (!job) throw new Error(`No job named ${name}`)
      await fire(name, job, new Date())
    },
    async stop() {
      clearInterval(leaderTimer)
      for (const c of crons.values()) c.stop()
      stopper.abort()
      await Promise.all(running)
      await lock.release()
    },
  }
}
