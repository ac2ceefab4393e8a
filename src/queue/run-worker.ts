import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import type { Db } from '../db/database.js'
import type { FetchEngine } from '../fetch/fetch-engine.js'
import type { ProbeResult } from '../fetch/probe-types.js'
import type { BrokenPolicy } from '../availability/next-availability-state.js'
import { dueDistributions, type DueDistribution } from '../db/availability-store.js'
import { ProbeWriter } from './probe-writer.js'
import { claimHost, finishSweepIfComplete, releaseHost, renewLease, type ClaimedHost } from './claim-host.js'

/** How a worker runs. */
export interface WorkerOptions {
  db: Db
  /** Only `probe` is used: one engine per process owns politeness and the address guard. */
  engine: Pick<FetchEngine, 'probe'>
  /** Stored on every probe and lease; default `<hostname>:<pid>:<random>`. */
  workerId?: string
  policy: BrokenPolicy
  leaseSeconds: number
  /** Probes in flight per host (config.http.perHostConnections). */
  perHostConnections: number
  /** Hosts worked at once (default `defaultMaxHosts`). */
  maxHosts?: number
  /** Work only on this sweep. */
  sweepId?: number
  /** Return once `sweepId` is done (`datavakt sweep`), instead of waiting for more work. */
  untilSweepDone?: boolean
  /** How long to wait before looking for work again when there is none (default 2000 ms). */
  pollMs?: number
  /** Graceful stop: no new probes, in-flight ones are recorded, held hosts are released. */
  signal?: AbortSignal
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
}

/**
 * How many hosts a worker holds at once by default: twice the global request limit.
 * A host is idle most of the time (its minimum gap between requests), so the engine's
 * global limit, not the number of hosts, is what bounds work in flight; holding fewer
 * hosts would leave the global limit unused and stretch the sweep.
 */
export function defaultMaxHosts(http: { globalConcurrency: number }): number {
  return Math.max(1, 2 * http.globalConcurrency)
}

/**
 * Due URLs read per query for one host. Small: a worker holds hundreds of hosts, each
 * with its page in memory, and a page of 32 is read in well under a millisecond.
 */
const DUE_PAGE = 32

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
  const maxHosts = Math.max(1, opts.maxHosts ?? 256)
  const pollMs = opts.pollMs ?? 2000
  const stats: WorkerStats = { workerId, hostsClaimed: 0, hostsDone: 0, probes: 0, duplicates: 0, newlyBroken: 0, healed: 0 }
  const active = new Set<Promise<void>>()
  const signal = opts.signal
  let wake: () => void = () => {}
  const writer = new ProbeWriter(opts.db, workerId, opts.policy, Math.max(1, opts.flushEvery ?? 200), opts.flushMs ?? 1000, (r) => {
    stats.probes += r.inserted
    stats.duplicates += r.duplicates
    stats.newlyBroken += r.newlyBroken.length
    stats.healed += r.healed.length
  })

  while (!signal?.aborted) {
    while (active.size < maxHosts && !signal?.aborted) {
      let claim: ClaimedHost | null
      try {
        claim = await claimHost(opts.db, { workerId, leaseSeconds: opts.leaseSeconds, sweepId: opts.sweepId })
      } catch (err) {
        // The database may be back at the next poll; a long-running worker should not die of it.
        opts.onError?.(err as Error, '(queue)')
        break
      }
      if (!claim) break
      stats.hostsClaimed++
      const task: Promise<void> = workHost(opts, claim, stats, writer)
        .catch((err: unknown) => opts.onError?.(err as Error, claim.host))
        .finally(() => {
          active.delete(task)
          wake()
        })
      active.add(task)
    }
    if (signal?.aborted) break
    if (active.size === 0 && opts.untilSweepDone && opts.sweepId !== undefined) {
      const done = await finishSweepIfComplete(opts.db, opts.sweepId).catch((err: unknown) => {
        opts.onError?.(err as Error, '(queue)')
        return false
      })
      if (done) break
    }
    // Wait for a host to finish (a free slot) or for the poll interval (new work, an
    // expired lease, a not_before that has passed).
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, active.size < maxHosts ? pollMs : 3_600_000)
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
  await Promise.all(active)
  await writer.flush()
  writer.close()
  return stats
}

/** Probes one claimed host's due URLs and releases it. */
async function workHost(opts: WorkerOptions, claim: ClaimedHost, stats: WorkerStats, writer: ProbeWriter): Promise<void> {
  const { db, signal } = opts
  const deferAfter = opts.deferRetryAfterSeconds ?? 300
  let lost = false
  let deferUntil: Date | null = null
  let failure: Error | null = null

  // Renew at a third of the lease so one slow renewal does not lose it.
  const renewTimer = setInterval(
    () => {
      renewLease(db, claim, opts.leaseSeconds)
        .then((ok) => {
          if (!ok) lost = true
        })
        .catch((err: unknown) => opts.onError?.(err as Error, claim.host))
    },
    Math.max(250, (opts.leaseSeconds * 1000) / 3),
  )
  renewTimer.unref()

  // The batches this host's probes went into (in order; the last one settles last).
  let lastBatch: Promise<void> | null = null
  const record = (distributionIri: string, result: ProbeResult) => {
    const batch = writer.add(claim.sweepId, { distributionIri, host: claim.host, result, ...(opts.now ? { at: opts.now() } : {}) })
    if (batch !== lastBatch) {
      lastBatch = batch
      batch.catch((err: unknown) => (failure ??= err as Error))
    }
  }

  // The host's due URLs, a page at a time (see dueDistributions); the lanes share them.
  let page: DueDistribution[] = []
  let next = 0
  let cursor: string | undefined
  let exhausted = false
  let loading: Promise<void> | null = null
  const take = async (): Promise<DueDistribution | null> => {
    while (next >= page.length) {
      if (exhausted) return null
      loading ??= dueDistributions(db, claim.sweepId, claim.host, { ...(cursor === undefined ? {} : { after: cursor }), limit: DUE_PAGE })
        .then((r) => {
          page = r.due
          next = 0
          if (r.next === null) exhausted = true
          else cursor = r.next
        })
        .finally(() => (loading = null))
      await loading
    }
    return page[next++]!
  }

  try {
    const lane = async () => {
      while (!signal?.aborted && !lost && !deferUntil && !failure) {
        const d = await take()
        // Reading the page took a moment: look again before starting a probe.
        if (!d || signal?.aborted || lost || deferUntil || failure) break
        const conditional = d.etag || d.lastModified ? { etag: d.etag, lastModified: d.lastModified } : undefined
        const result = await opts.engine.probe(d.url, conditional ? { conditional } : undefined)
        // A lease lost while this probe ran: its result is still true and the unique key
        // keeps it from being written twice, so record it anyway.
        record(d.iri, result)
        opts.onProbe?.({ host: claim.host, distributionIri: d.iri, result })
        if (result.code === 'rate-limited' && (result.retryAfterSeconds ?? 0) > deferAfter) {
          deferUntil = new Date(Date.now() + (result.retryAfterSeconds ?? 0) * 1000)
        }
      }
    }
    await Promise.all(Array.from({ length: Math.max(1, opts.perHostConnections) }, lane))
    // Write what this host still has queued now rather than at the next tick, and wait
    // for it (batches are written in order, so the last one settling means all did).
    if (lastBatch) {
      void writer.flush()
      await (lastBatch as Promise<void>).catch(() => undefined)
    }
    if (failure) throw failure
    if (lost) return
    const finished = !signal?.aborted && !deferUntil
    await releaseHost(db, claim, { done: finished, notBefore: deferUntil })
    if (finished) stats.hostsDone++
  } catch (err) {
    // Give the host back at once rather than making the next worker wait for the lease.
    await releaseHost(db, claim, { done: false, notBefore: new Date(Date.now() + 30_000) }).catch(() => {})
    throw err
  } finally {
    clearInterval(renewTimer)
  }
}
