import type { Db } from '../db/database.js'
import type { FetchEngine } from '../fetch/fetch-engine.js'
import { sweepProgress, sweepSummary, type SweepSummary } from '../db/sweep-summary.js'
import { createSweep } from './create-sweep.js'
import { runWorker, type WorkerConfig, type WorkerOptions, type WorkerStats } from './run-worker.js'
import { inSpan, SPANS } from '../telemetry/spans.js'
import { withDeadline } from '../db/deadline.js'
import { STOP_CALL_MS } from './worker-stop.js'

/** Progress of a sweep run in this process. */
export interface SweepProgress {
  sweepId: number
  probed: number
  urls: number
  elapsedMs: number
}

/** How to run a sweep in this process (see `runSweep`). */
export interface RunSweepOptions {
  db: Db
  engine: Pick<FetchEngine, 'probe' | 'sampleLoad'>
  config: WorkerConfig
  /** Run this existing sweep instead of creating one. */
  sweepId?: number
  trigger?: string
  /** Called every `progressMs` (default 500) with counts read from the database, so
   * probes written by other workers on the same sweep count too. */
  onProgress?: (p: SweepProgress) => void
  progressMs?: number
  signal?: AbortSignal
  /** Passed to the worker: see WorkerOptions. */
  worker?: Partial<Pick<WorkerOptions, 'workerId' | 'maxHosts' | 'now' | 'flushEvery' | 'flushMs' | 'pollMs' | 'onProbe' | 'onError'>>
}

/** The end of a sweep run. */
export interface SweepRun {
  summary: SweepSummary
  worker: WorkerStats
  elapsedMs: number
  /** Probes written per second of wall time (all workers). */
  urlsPerSecond: number
}

/**
 * Creates a sweep of every non-withdrawn distribution (or takes `sweepId`) and works it
 * in this process until it is done; other workers may help. Returns the summary: counts
 * per outcome and code, newly broken, healed. Stopped by `signal`, it releases its hosts
 * and returns the summary so far (status still running).
 */
export function runSweep(opts: RunSweepOptions): Promise<SweepRun> {
  return inSpan(SPANS.sweep, { trigger: opts.trigger ?? 'cli' }, async (span) => {
    const run = await sweepHere(opts)
    span.setAttributes({ 'sweep.id': run.summary.sweepId, urls: run.summary.urls, probed: run.summary.probed })
    return run
  })
}

/**
 * The longest the summary's reads may take: a stopped sweep must end within seconds even
 * when the database no longer answers (see worker-stop.ts); a finished one waits as long as
 * a worker's call would.
 */
const callMs = (opts: RunSweepOptions) => (opts.signal?.aborted ? STOP_CALL_MS : 30_000)

async function sweepHere(opts: RunSweepOptions): Promise<SweepRun> {
  const started = Date.now()
  const sweepId = opts.sweepId ?? (await createSweep(opts.db, { trigger: opts.trigger ?? 'cli' })).sweepId
  let timer: NodeJS.Timeout | undefined
  let reporting = Promise.resolve()
  if (opts.onProgress) {
    const report = async () => {
      const p = await sweepProgress(opts.db, sweepId)
      opts.onProgress?.({ sweepId, probed: p.probed, urls: p.urls, elapsedMs: Date.now() - started })
    }
    timer = setInterval(() => {
      reporting = reporting.then(report).catch(() => {})
    }, opts.progressMs ?? 500)
  }
  let worker: WorkerStats
  try {
    worker = await runWorker({
      db: opts.db,
      engine: opts.engine,
      config: opts.config,
      sweepId,
      untilSweepDone: true,
      pollMs: 1000,
      ...opts.worker,
      ...(opts.signal ? { signal: opts.signal } : {}),
    })
  } finally {
    if (timer) clearInterval(timer)
    await withDeadline('sweep progress', callMs(opts), () => reporting).catch(() => {})
  }
  const summary = await withDeadline('sweep summary', callMs(opts), () => sweepSummary(opts.db, sweepId))
  opts.onProgress?.({ sweepId, probed: summary.probed, urls: summary.urls, elapsedMs: Date.now() - started })
  const elapsedMs = Date.now() - started
  return { summary, worker, elapsedMs, urlsPerSecond: summary.probed / Math.max(0.001, elapsedMs / 1000) }
}
