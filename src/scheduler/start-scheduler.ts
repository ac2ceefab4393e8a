import { Cron } from 'croner'
import type { Db } from '../db/database.js'
import type { DatabaseKind } from '../db/open-database.js'
import type { ScheduleConfig } from '../config/config.js'
import { ConfigError } from '../config/config-error.js'
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
  status: 'started' | 'done' | 'failed' | 'skipped-running' | 'skipped-follower' | 'skipped-clock'
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
  /**
   * How long `stop` waits for running jobs once their signals are aborted (default 5000
   * ms). A job still running then is left: the process is stopping, and a run it leaves
   * open is closed as interrupted at the next start (src/db/run-owner.ts).
   */
  stopGraceMs?: number
}

/** A running scheduler. */
export interface Scheduler {
  isLeader(): boolean
  /** The next firing of a job, in absolute time (null when not scheduled). */
  nextRun(name: ScheduledJobName): Date | null
  /** Runs a job now, in this instance, leader or not (operator's choice, e.g. the CLI or the admin API). */
  runNow(name: ScheduledJobName): Promise<void>
  /** Whether this instance runs the job now (a second firing would be skipped). */
  isRunning(name: ScheduledJobName): boolean
  /** Stops firing, aborts running jobs' signals, waits for them (at most `stopGraceMs`), gives leadership up. */
  stop(): Promise<void>
}

/**
 * Starts the croner schedules of config.schedule (in its timezone, Europe/Stockholm by
 * default: "02:00" means Swedish time across daylight-saving changes). Only the leader
 * runs jobs: with PostgreSQL one instance wins a session advisory lock and the others
 * keep trying every `leaderCheckMs`, taking over when the leader's session ends; with
 * PGlite the one process always leads. A job still running when it fires again is
 * skipped, not stacked; when the wall clock jumps, a job does not fire again within half
 * its period (monotonic time), so due work runs once. A failing job is reported to `onEvent` and never stops the
 * scheduler. Refuses (throws) an invalid croner pattern or timezone at start.
 */
export async function startScheduler(opts: StartSchedulerOptions): Promise<Scheduler> {
  const lock: LeaderLock = createLeaderLock(opts.db, opts.kind, opts.lockKey ?? SCHEDULER_LOCK_KEY)
  const emit = (e: JobEvent) => opts.onEvent?.(e)
  const runner = createJobRunner(emit)
  const crons = scheduleCrons(opts, lock, runner, emit)

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
    isRunning: (name) => runner.busy.has(name),
    nextRun: (name) => crons.get(name)?.nextRun() ?? null,
    async runNow(name) {
      const job = opts.jobs[name]
      if (!job) throw new RangeError(`No job named ${name}`)
      await runner.fire(name, job, new Date())
    },
    async stop() {
      clearInterval(leaderTimer)
      for (const c of crons.values()) c.stop()
      await runner.stop(opts.stopGraceMs ?? 5000)
      await lock.release()
    },
  }
}

/** Runs jobs one at a time per name (a job still running is skipped, not stacked), reporting each to `emit`. */
function createJobRunner(emit: (e: JobEvent) => void) {
  const stopper = new AbortController()
  const running = new Set<Promise<void>>()
  const busy = new Set<ScheduledJobName>()

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

  return {
    busy: busy as ReadonlySet<ScheduledJobName>,
    fire,
    /** Aborts the jobs' signals and waits for them, at most `graceMs`: a job that does not heed its signal (or waits on a database call that never settles) must not hold a stop for ever. */
    async stop(graceMs: number) {
      stopper.abort()
      let timer: NodeJS.Timeout | undefined
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))
      await Promise.race([Promise.all(running), grace]).finally(() => clearTimeout(timer))
    },
  }
}

/**
 * True when a job already fired less than half its period ago, on the monotonic clock: the
 * wall clock jumped, and croner fires a slot the jump skipped over and the next one, or
 * (after a step back) the same slot again. Due work runs once.
 */
function createClockGuard(): (name: ScheduledJobName, cron: Cron) => boolean {
  const lastFired = new Map<ScheduledJobName, number>()
  return (name, cron) => {
    const now = performance.now()
    const [a, b] = cron.nextRuns(2)
    const period = a && b ? b.getTime() - a.getTime() : 0
    const last = lastFired.get(name)
    if (last !== undefined && now - last < period / 2) return true
    lastFired.set(name, now)
    return false
  }
}

/**
 * One paused croner schedule per job given: when it fires, only the leader runs it, and
 * not again after a clock jump. An invalid pattern or timezone (load-config checks both
 * first) is a ConfigError naming its path.
 */
function scheduleCrons(opts: StartSchedulerOptions, lock: LeaderLock, runner: ReturnType<typeof createJobRunner>, emit: (e: JobEvent) => void): Map<ScheduledJobName, Cron> {
  const timezone = opts.schedule.timezone
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone })
  } catch (err) {
    throw new ConfigError('config.invalid', {}, [{ path: '/schedule/timezone', code: 'config.problem.timezone', params: { value: timezone } }], { cause: err })
  }
  const firedRecently = createClockGuard()
  const crons = new Map<ScheduledJobName, Cron>()
  for (const [name, job] of Object.entries(opts.jobs) as [ScheduledJobName, ScheduledJob | undefined][]) {
    if (!job) continue
    const pattern = opts.schedule[name]
    try {
      const cron = new Cron(pattern, { timezone, paused: true }, (self: Cron) => {
        if (!lock.isLeader()) return emit({ name, status: 'skipped-follower', at: new Date() })
        if (firedRecently(name, self)) return emit({ name, status: 'skipped-clock', at: new Date() })
        void runner.fire(name, job, new Date())
      })
      crons.set(name, cron)
    } catch (err) {
      for (const c of crons.values()) c.stop()
      throw new ConfigError('config.invalid', {}, [{ path: `/schedule/${name}`, code: 'config.problem.cron', params: { value: pattern } }], { cause: err })
    }
  }
  return crons
}
