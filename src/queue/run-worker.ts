import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import type { Db } from '../db/database.js'
import type { FetchEngine } from '../fetch/fetch-engine.js'
import type { ProbeResult } from '../fetch/probe-types.js'
import type { AvailabilityPolicy } from '../availability/next-check.js'
import { dueDistributions, type DueCursor, type DueDistribution } from '../db/due-distributions.js'
import { ProbeWriter } from './probe-writer.js'
import { withDeadline } from '../db/deadline.js'
import type { AlertPolicy } from '../alerts/alert-policy.js'
import type { AvailabilityConfig, HttpConfig } from '../config/config.js'
import { claimHosts, finishSweepIfComplete, releaseHost, renewLease, type ClaimedHost } from './claim-host.js'
import { HostBudget, LOAD_STRETCH_MS } from './host-budget.js'
import { stopWorking, unlessStopped } from './worker-stop.js'
import { countLeaseExpiry } from '../telemetry/instruments.js'
import { inSpan, SPANS } from '../telemetry/spans.js'

/** What a worker reads of the configuration (src/config/config.ts). */
export interface WorkerConfig {
  /** When a URL breaks, when it is due again, how long a host's lease lasts. */
  availability: AvailabilityPolicy & Pick<AvailabilityConfig, 'leaseSeconds'>
  /** Probes in flight per host (perHostConnections); hosts worked at once follow from globalConcurrency. */
  http: Pick<HttpConfig, 'perHostConnections' | 'globalConcurrency'>
  /** When alerts open and resolve. */
  alerts: AlertPolicy
}

/** How a worker runs. */
export interface WorkerOptions {
  db: Db
  /** One engine per process owns politeness and the address guard; `sampleLoad` tells how many hosts to hold. */
  engine: Pick<FetchEngine, 'probe' | 'sampleLoad'>
  /** Stored on every probe and lease; default `<hostname>:<pid>:<random>`. */
  workerId?: string
  config: WorkerConfig
  /** The most hosts worked at once (default `defaultMaxHosts(config.http)`); fewer while the engine's slots are full (HostBudget). */
  maxHosts?: number
  /** Work only on this sweep. */
  sweepId?: number
  /** Return once `sweepId` is done (`datavakt sweep`), instead of waiting for more work. */
  untilSweepDone?: boolean
  /** How long to wait before looking for work again when there is none (default 2000 ms). */
  pollMs?: number
  /**
   * Graceful stop: no new claims or probes, in-flight ones are recorded, held hosts are
   * released. What is not done within `stopGraceMs` (default 5000) is left: held hosts are
   * given back at once and the worker returns (unrecorded probes are redone by the next
   * worker). The whole stop takes at most `stopGraceMs` + STOP_CALL_MS (worker-stop.ts),
   * whatever the database does: a host it does not take back in time is left to its lease.
   */
  signal?: AbortSignal
  stopGraceMs?: number
  /** The longest any one database call may take (default 30 s): a dropped connection is noticed, not waited on forever. */
  dbTimeoutMs?: number
  /** Overrides each probe's time (tests and demos simulating days). */
  now?: () => Date
  /**
   * Probes written per transaction (default 200) and the longest a result waits (default
   * 1000 ms). One batch holds the probes of all hosts the worker works on.
   */
  flushEvery?: number
  flushMs?: number
  /**
   * A Retry-After longer than this (seconds, default 300) puts the host's remaining URLs
   * back in the queue with `not_before`; shorter ones are the engine's to honour.
   */
  deferRetryAfterSeconds?: number
  onProbe?: (event: { host: string; distributionIri: string; result: ProbeResult }) => void
  /** Operational trouble with one host (database, engine). The worker carries on. */
  onError?: (err: Error, host: string) => void
}

/** What a worker did before it returned. */
export interface WorkerStats {
  workerId: string
  hostsClaimed: number
  hostsDone: number
  probes: number
  duplicates: number
  newlyBroken: number
  healed: number
  /** Hosts a stop could not give back (the database did not answer in time): they are freed when their leases expire. */
  leftLeased: number
}

/**
 * The most hosts a worker holds at once by default: twice the global request limit. With
 * a per-host gap a host is idle most of the time, so it takes many hosts to fill the
 * global limit. How many it holds below this is the HostBudget's (host-budget.ts): no
 * more than it can keep busy.
 */
function defaultMaxHosts(http: { globalConcurrency: number }): number {
  return Math.max(1, 2 * http.globalConcurrency)
}

/**
 * How long a host whose work failed (a write or read the database did not answer) waits
 * before it may be claimed again: 1 s after its first claim in the sweep, doubling with each
 * claim, at most 30 s. Most failures are one dropped connection that the pool replaces at
 * once (src/db/postgres-js-pool.ts), so the host should be back within seconds; a failure
 * that repeats backs off rather than spinning.
 */
export function failureBackoffMs(attempts: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempts - 1))
}

/**
 * Due URLs read per query for one host: the first page is small, as a worker holds
 * hundreds of hosts, each with its page in memory, and most hosts have few URLs; each
 * further page of the same host is twice the last, up to the largest. A host of 640 URLs
 * is 5 reads instead of 21: on the embedded database the read's fixed cost (planning,
 * one call into PGlite) was most of a page of 32.
 */
const FIRST_DUE_PAGE = 32
const LARGEST_DUE_PAGE = 256

/** The most hosts claimed in one statement (claimHosts). */
const CLAIM_AT_ONCE = 32

/** A worker id unique across machines and processes. */
export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
}

/**
 * The worker loop: claims hosts from the PostgreSQL queue (up to `maxHosts` at once),
 * probes each host's due URLs with at most `perHostConnections` in flight, writes the
 * results in small transactions, renews the lease while working and releases the host.
 * Any number of workers, in any number of processes and machines, may run against one
 * database: a host is worked by one worker at a time, so per-host politeness holds
 * globally. A worker that dies leaves its lease to expire; the next worker redoes only
 * the URLs without a stored probe, and the unique key refuses a second row.
 *
 * Runs until `signal` aborts, or (with `untilSweepDone`) until the sweep is done.
 * Refuses nothing itself; database errors on one host are reported to `onError` and the
 * host is released for another try.
 */
export async function runWorker(opts: WorkerOptions): Promise<WorkerStats> {
  const workerId = opts.workerId ?? defaultWorkerId()
  const maxHosts = Math.max(1, opts.maxHosts ?? defaultMaxHosts(opts.config.http))
  const pollMs = opts.pollMs ?? 2000
  const stats: WorkerStats = { workerId, hostsClaimed: 0, hostsDone: 0, probes: 0, duplicates: 0, newlyBroken: 0, healed: 0, leftLeased: 0 }
  const active = new Set<Promise<void>>()
  const signal = opts.signal
  let wake: () => void = () => {}
  const dbMs = opts.dbTimeoutMs ?? 30_000
  const held = new Map<string, ClaimedHost>()
  // Aborted once a stop stops waiting for the hosts at work: from then on they touch the database no more.
  const abandon = new AbortController()
  const writer = new ProbeWriter(opts.db, workerId, opts.config.availability, Math.max(1, opts.flushEvery ?? 200), opts.flushMs ?? 1000, (r) => {
    stats.probes += r.inserted
    stats.duplicates += r.duplicates
    stats.newlyBroken += r.newlyBroken.length
    stats.healed += r.healed.length
  }, opts.config.alerts, dbMs)

  /** Works a claimed host until it is done, given back or lost; wakes the loop when it ends. */
  const startHost = (claim: ClaimedHost) => {
    stats.hostsClaimed++
    const key = keyOf(claim)
    held.set(key, claim)
    const task: Promise<void> = inSpan(SPANS.hostClaim, { host: claim.host, 'sweep.id': claim.sweepId, attempts: claim.attempts }, () =>
      workHost(opts, claim, stats, writer, abandon.signal),
    )
      .catch((err: unknown) => opts.onError?.(err as Error, claim.host))
      .finally(() => {
        active.delete(task)
        held.delete(key)
        wake()
      })
    active.add(task)
  }
  const budget = new HostBudget({ ...opts.config.http, maxHosts, sampleLoad: () => opts.engine.sampleLoad(), fellBehind: () => writer.fellBehind() })

  while (!signal?.aborted) {
    while (active.size < budget.current() && !signal?.aborted) {
      let claims: ClaimedHost[] | undefined
      const limit = Math.min(CLAIM_AT_ONCE, budget.current() - active.size)
      try {
        // A stop does not wait for a claim under way; the hosts of a claim that lands late are given back with the others.
        const claiming = withDeadline('claim host', dbMs, () => claimHosts(opts.db, { workerId, leaseSeconds: opts.config.availability.leaseSeconds, sweepId: opts.sweepId, limit }))
        claims = await unlessStopped(signal, claiming, (late) => {
          if (!abandon.signal.aborted) for (const c of late) held.set(keyOf(c), c)
        })
      } catch (err) {
        // The database may be back at the next poll; a long-running worker should not die of it.
        opts.onError?.(err as Error, '(queue)')
        break
      }
      if (!claims) break
      for (const claim of claims) startHost(claim)
      // Fewer than asked for: there are no more to claim now.
      if (claims.length < limit) break
    }
    if (signal?.aborted) break
    const sweepId = opts.sweepId
    if (active.size === 0 && opts.untilSweepDone && sweepId !== undefined) {
      const finishing = withDeadline('finish sweep', dbMs, () => finishSweepIfComplete(opts.db, sweepId))
      const done = await unlessStopped(signal, finishing, () => {}).catch((err: unknown) => {
        opts.onError?.(err as Error, '(queue)')
        return false
      })
      if (done) break
    }
    // Wait for a host to finish (a free slot) or for the poll interval (new work, an
    // expired lease, a not_before that has passed); while all the hosts it may hold now are
    // at work but it may hold more, look at the load again after a stretch.
    const waitMs = active.size < budget.current() ? pollMs : active.size < maxHosts ? LOAD_STRETCH_MS : 3_600_000
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, waitMs)
      function finish() {
        clearTimeout(timer)
        signal?.removeEventListener('abort', finish)
        wake = () => {}
        resolve()
      }
      wake = finish
      signal?.addEventListener('abort', finish, { once: true })
    })
  }
  if (signal?.aborted) {
    stats.leftLeased = await stopWorking({ db: opts.db, active, held, writer, abandon, ...(opts.onError ? { onError: opts.onError } : {}) }, opts.stopGraceMs ?? 5000)
  } else {
    await Promise.all(active)
    await withDeadline('write probes', dbMs, () => writer.flush()).catch((err: unknown) => opts.onError?.(err as Error, '(queue)'))
  }
  writer.close()
  return stats
}

const keyOf = (c: ClaimedHost) => `${c.sweepId} ${c.host}`

/** What one claimed host's run shares between its lanes, the lease timer and the probe writer. */
interface HostRun {
  /** The lease was lost (not renewed, or taken over): stop. */
  lost: boolean
  /** The host asked to be left alone until then (a long Retry-After). */
  deferUntil: Date | null
  /** A write failed: stop and give the host back. */
  failure: Error | null
  lastProgress: number
  /** Since when a probe of this host waits to be written; null when none does. */
  unwrittenSince: number | null
  /** The batches this host's probes went into (in order; the last one settles last). */
  lastBatch: Promise<void> | null
  /** The stopping worker gave up waiting for this host and returned: touch the database no more. */
  abandoned: AbortSignal
}

/** Probes one claimed host's due URLs and releases it (unless the stopping worker abandoned it: then it returns as soon as it can). */
async function workHost(opts: WorkerOptions, claim: ClaimedHost, stats: WorkerStats, writer: ProbeWriter, abandoned: AbortSignal): Promise<void> {
  const { db, signal } = opts
  const dbMs = opts.dbTimeoutMs ?? 30_000
  const run: HostRun = { lost: false, deferUntil: null, failure: null, lastProgress: Date.now(), unwrittenSince: null, lastBatch: null, abandoned }
  const renewTimer = startRenewing(opts, claim, run)
  const take = duePager(opts, claim, run)
  const record = recorder(opts, claim, run, writer)
  try {
    await Promise.all(Array.from({ length: Math.max(1, opts.config.http.perHostConnections) }, () => probeLane(opts, claim, run, take, record, () => writer.room())))
    if (abandoned.aborted) return
    // Write what this host still has queued now rather than at the next tick, and wait
    // for it (batches are written in order, so the last one settling means all did).
    const lastBatch = run.lastBatch
    if (lastBatch) {
      void writer.flush()
      await withDeadline('write probes', dbMs, () => lastBatch).catch((err: unknown) => (run.failure ??= err as Error))
    }
    if (run.failure) throw run.failure
    if (run.lost || abandoned.aborted) return
    const finished = !signal?.aborted && !run.deferUntil
    await withDeadline('release host', dbMs, () => releaseHost(db, claim, { done: finished, notBefore: run.deferUntil }))
    if (finished) stats.hostsDone++
  } catch (err) {
    // Give the host back at once rather than making the next worker wait for the lease.
    if (!abandoned.aborted) await withDeadline('release host', dbMs, () => releaseHost(db, claim, { done: false, notBefore: new Date(Date.now() + failureBackoffMs(claim.attempts)) })).catch(() => {})
    throw err
  } finally {
    clearInterval(renewTimer)
  }
}

/**
 * Renews the lease at a third of its time, only while this host makes progress: a page of
 * URLs read, a probe done, a batch of its probes written, each within one lease time, and
 * no probe of it waiting longer than that to be written. A worker wedged on a dead
 * database connection thus stops renewing, and another worker takes the host over.
 */
function startRenewing(opts: WorkerOptions, claim: ClaimedHost, run: HostRun): ReturnType<typeof setInterval> {
  const dbMs = opts.dbTimeoutMs ?? 30_000
  // At least a minute: a loaded machine's slow write is not a wedge (the wedge seen lasted minutes).
  const stallMs = Math.max(opts.config.availability.leaseSeconds * 1000, 60_000)
  const stalled = () => Date.now() - run.lastProgress > stallMs || (run.unwrittenSince !== null && Date.now() - run.unwrittenSince > stallMs)
  const timer = setInterval(
    () => {
      if (run.abandoned.aborted) return
      if (stalled()) {
        if (!run.lost) countLeaseExpiry('lost')
        run.lost = true
        return
      }
      withDeadline('renew lease', dbMs, () => renewLease(opts.db, claim, opts.config.availability.leaseSeconds))
        .then((ok) => {
          if (!ok && !run.lost) countLeaseExpiry('lost')
          if (!ok) run.lost = true
        })
        .catch((err: unknown) => opts.onError?.(err as Error, claim.host))
    },
    Math.max(250, (opts.config.availability.leaseSeconds * 1000) / 3),
  )
  timer.unref()
  return timer
}

/** Hands a probe to the writer, keeping track of this host's unwritten probes and write failures. */
function recorder(opts: WorkerOptions, claim: ClaimedHost, run: HostRun, writer: ProbeWriter): (distributionIri: string, result: ProbeResult) => void {
  return (distributionIri, result) => {
    const batch = writer.add(claim.sweepId, { distributionIri, host: claim.host, result, ...(opts.now ? { at: opts.now() } : {}) })
    run.unwrittenSince ??= Date.now()
    if (batch === run.lastBatch) return
    run.lastBatch = batch
    batch.then(
      () => {
        run.lastProgress = Date.now()
        if (batch === run.lastBatch) run.unwrittenSince = null
      },
      (err: unknown) => (run.failure ??= err as Error),
    )
  }
}

/** The host's due URLs, a page at a time (see dueDistributions); the lanes share them. Null when none are left. */
function duePager(opts: WorkerOptions, claim: ClaimedHost, run: HostRun): () => Promise<DueDistribution | null> {
  const dbMs = opts.dbTimeoutMs ?? 30_000
  let page: DueDistribution[] = []
  let next = 0
  let cursor: DueCursor | undefined
  let exhausted = false
  let limit = FIRST_DUE_PAGE
  /** The next page, asked for once half of this one is taken, so a lane seldom waits for a read. */
  let pending: Promise<DueDistribution[]> | null = null
  /** Moving to the next page: one swap, however many lanes wait for it. */
  let advancing: Promise<void> | null = null
  const readNext = () => {
    const ask = { ...(cursor === undefined ? {} : { after: cursor }), limit, dueBefore: claim.dueBefore, reclaimed: claim.attempts > 1 }
    limit = Math.min(limit * 2, LARGEST_DUE_PAGE)
    pending = withDeadline('read due URLs', dbMs, () => dueDistributions(opts.db, claim.sweepId, claim.host, ask)).then((r) => {
      run.lastProgress = Date.now()
      if (r.next === null) exhausted = true
      else cursor = r.next
      return r.due
    })
    // Read ahead, it may fail after the host has stopped and nobody waits for it: no unhandled rejection.
    pending.catch(() => undefined)
  }
  return async () => {
    while (next >= page.length) {
      if (!pending) {
        if (exhausted) return null
        readNext()
      }
      advancing ??= pending!
        .then((due) => {
          page = due
          next = 0
        })
        .finally(() => {
          pending = null
          advancing = null
        })
      await advancing
    }
    const d = page[next++]!
    if (!pending && !exhausted && page.length - next <= page.length / 2) readNext()
    return d
  }
}

/** One connection's worth of probing: takes due URLs until none are left or the host must stop. */
async function probeLane(
  opts: WorkerOptions,
  claim: ClaimedHost,
  run: HostRun,
  take: () => Promise<DueDistribution | null>,
  record: (distributionIri: string, result: ProbeResult) => void,
  /** The writer's pace: a probe starts only once its result can be written soon (ProbeWriter.room). */
  room: () => Promise<void> | undefined,
): Promise<void> {
  const deferAfter = opts.deferRetryAfterSeconds ?? 300
  const stop = () => opts.signal?.aborted || run.lost || run.deferUntil !== null || run.failure !== null
  while (!stop()) {
    await room()
    const d = stop() ? null : await take()
    // Waiting for the writer or reading the page took a moment: look again before starting a probe.
    if (!d || stop()) break
    const conditional = d.etag || d.lastModified ? { etag: d.etag, lastModified: d.lastModified } : undefined
    const result = await opts.engine.probe(d.url, { ...(conditional ? { conditional } : {}), expectData: d.expectData })
    // Too late: the stopping worker has written its last probes and returned.
    if (run.abandoned.aborted) break
    // A lease lost while this probe ran: its result is still true and the unique key
    // keeps it from being written twice, so record it anyway.
    run.lastProgress = Date.now()
    record(d.iri, result)
    opts.onProbe?.({ host: claim.host, distributionIri: d.iri, result })
    if (result.code === 'rate-limited' && (result.retryAfterSeconds ?? 0) > deferAfter) {
      run.deferUntil = new Date(Date.now() + (result.retryAfterSeconds ?? 0) * 1000)
    }
  }
}
