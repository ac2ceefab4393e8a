import type { Db } from '../db/database.js'
import type { DatabaseKind } from '../db/open-database.js'
import type { Config } from '../config/config.js'
import type { FetchEngine } from '../fetch/fetch-engine.js'
import { createSweep } from '../queue/create-sweep.js'
import { runWorker, type WorkerStats } from '../queue/run-worker.js'
import { startScheduler, type JobEvent, type ScheduledJob, type ScheduledJobName, type Scheduler } from './start-scheduler.js'

/** What embedded mode needs: the database, the configuration, the engine, other parts' jobs. */
export interface StartBackgroundOptions {
  db: Db
  kind: DatabaseKind
  config: Config
  /** The process's one engine (the worker probes through it). */
  engine: Pick<FetchEngine, 'probe' | 'sampleLoad'>
  /**
   * Jobs of other parts (harvest, contentChecks, rollups, ...). `availabilitySweep` is
   * provided here (a sweep of what is due is created and the workers pick it up) unless given.
   */
  jobs?: Partial<Record<ScheduledJobName, ScheduledJob>>
  /** Run a worker in this process (embedded mode; default true). */
  worker?: boolean
  onEvent?: (e: JobEvent) => void
  onWorkerError?: (err: Error, host: string) => void
}

/** The scheduler and the in-process worker of `datavakt start`. */
export interface Background {
  scheduler: Scheduler
  /** Stops the scheduler and the worker gracefully (hosts in hand go back to the queue). */
  stop(): Promise<WorkerStats | null>
}

/**
 * Embedded mode in one call: the croner scheduler (leading alone on PGlite, or elected
 * on PostgreSQL) with the availability sweep job, plus one worker in this process that
 * works whatever sweep is running, whoever created it. The availability job creates a
 * sweep of the URLs that are due (each one's stored next check, src/availability/next-check.ts)
 * only when none is running, so a slow region never stacks sweeps.
 */
export async function startBackground(opts: StartBackgroundOptions): Promise<Background> {
  const jobs: Partial<Record<ScheduledJobName, ScheduledJob>> = {
    availabilitySweep: async () => {
      await createSweep(opts.db, { trigger: 'schedule', reuseRunning: true, dueBy: 'now' })
    },
    ...opts.jobs,
  }
  const scheduler = await startScheduler({
    db: opts.db,
    kind: opts.kind,
    schedule: opts.config.schedule,
    jobs,
    ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
  })
  const stopWorker = new AbortController()
  const worker =
    opts.worker === false
      ? null
      : runWorker({
          db: opts.db,
          engine: opts.engine,
          config: opts.config,
          signal: stopWorker.signal,
          ...(opts.onWorkerError ? { onError: opts.onWorkerError } : {}),
        })
  return {
    scheduler,
    async stop() {
      stopWorker.abort()
      await scheduler.stop()
      return worker ? await worker : null
    },
  }
}
