import type { Db } from '../db/database.js'
import { availabilityStep } from '../availability/next-availability-state.js'
import type { AvailabilityPolicy } from '../availability/next-check.js'
import type { AvailabilityStep } from '../domain/availability-state.js'
import { withDeadline } from '../db/deadline.js'
import { recordProbes, type ProbeToRecord, type RecordedProbes } from '../db/probe-store.js'
import type { AlertPolicy } from '../alerts/alert-policy.js'
import { observeProbes } from '../alerts/observe.js'

/** One batch being filled: the probes of each sweep, and who waits for it to be written. */
interface Batch {
  bySweep: Map<number, ProbeToRecord[]>
  size: number
  written: Promise<void>
  resolve: () => void
  reject: (err: Error) => void
}

/**
 * Collects the probes of every host a worker holds and writes them in few, large
 * transactions: `flushEvery` probes, or whatever arrived within `flushMs`. A worker holds
 * up to hundreds of hosts at once, and each used to write its own batch every second,
 * so a sweep was thousands of small transactions; on PGlite the cost per statement (and
 * the garbage each leaves) is what dominates, not the rows. Batches are written one
 * after the other, in the order they were filled.
 *
 * A batch asked to be written while another is being written keeps filling until that
 * write is done, and is written then (as a database commits a group): a host that ends
 * asks for its probes to be written at once, and with a hundred hosts ending at different
 * moments, cutting a batch on each ask made many small ones.
 *
 * `add` returns the promise of the batch the probe went into: it resolves once the batch
 * is committed and rejects if writing it failed (every host with a probe in it then
 * sees the error, as a database error is seldom about one host).
 *
 * The writer also paces the probing: `room` makes a probe wait while `maxQueued` probes
 * already wait to be written. Without it, a worker holding hundreds of hosts probed faster
 * than one connection could write (100,000 URLs on 1,000 hosts: the queue of batches grew
 * without end), hosts waited longer than the write deadline for their last batch, gave
 * themselves back as failed, and were probed again: more work, a longer queue.
 * With one batch written while the next fills, the limit is what the next batch may grow
 * to. A write's time is mostly its ten round trips (each waits its turn in a busy event
 * loop), not its rows, so the larger the batch, the more probes a second the writer
 * keeps up with: at 4 × `flushEvery` the lanes of a 20,000-URL sweep on PostgreSQL spent
 * a third of their time waiting for room, at 10 × a fifth as long.
 */
export class ProbeWriter {
  /** The batch being filled. */
  private batch: Batch | null = null
  /** The batch being written. */
  private writing: Batch | null = null
  /** The batch being filled is to be written as soon as the writer is free. */
  private due = false
  private readonly timer: NodeJS.Timeout
  /** Probes added whose batch is not yet written (or failed), and the probes waiting for room. */
  private queued = 0
  /** `room` held a probe back since the last `fellBehind`. */
  private heldBack = false
  private waiting: (() => void)[] = []
  /** The availability state machine and the next check: they run here, in the writer, and the store applies their steps. */
  private readonly step: AvailabilityStep

  constructor(
    private readonly db: Db,
    private readonly workerId: string,
    policy: AvailabilityPolicy,
    private readonly flushEvery: number,
    flushMs: number,
    private readonly onWritten: (r: RecordedProbes) => void,
    private readonly alertPolicy: AlertPolicy,
    /** The longest one batch's write may take before it counts as failed (a dropped connection). */
    private readonly writeTimeoutMs = 30_000,
    /** How many probes may wait to be written (the batch being written and the next) before `room` holds new ones back. */
    private readonly maxQueued = 10 * flushEvery,
  ) {
    this.step = availabilityStep(policy)
    this.timer = setInterval(() => this.flush(), flushMs)
    this.timer.unref()
  }

  /** Queues one probe of `sweepId`; the promise settles when its batch is written. */
  add(sweepId: number, probe: ProbeToRecord): Promise<void> {
    const b = (this.batch ??= newBatch())
    let list = b.bySweep.get(sweepId)
    if (!list) b.bySweep.set(sweepId, (list = []))
    list.push(probe)
    b.size++
    this.queued++
    const written = b.written
    if (b.size >= this.flushEvery) {
      this.due = true
      this.writeNext()
    }
    return written
  }

  /**
   * Undefined when a new probe may start now; else a promise that resolves once the
   * writer has caught up below `maxQueued` (a batch written or failed, or `close`).
   */
  room(): Promise<void> | undefined {
    if (this.queued < this.maxQueued) return undefined
    this.heldBack = true
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  /**
   * Whether `room` held a probe back since the last call (the first: since the start): the
   * database, not the network, was what the probes waited for. A new stretch begins.
   */
  fellBehind(): boolean {
    const was = this.heldBack
    this.heldBack = this.queued >= this.maxQueued
    return was
  }

  /**
   * Writes what has been queued, now or (while a batch is being written) right after it;
   * returns when everything queued so far is written or has failed (never rejects: each
   * probe's own promise tells).
   */
  flush(): Promise<void> {
    if (this.batch) {
      this.due = true
      this.writeNext()
    }
    const last = this.batch ?? this.writing
    return last ? last.written.then(noop, noop) : Promise.resolve()
  }

  /** Starts writing the batch being filled, if it is due and no other batch is being written. */
  private writeNext(): void {
    const b = this.batch
    if (!b || !this.due || this.writing) return
    this.batch = null
    this.due = false
    this.writing = b
    void this.write(b).finally(() => {
      this.writing = null
      this.writeNext()
    })
  }

  /** Stops the timer (call once the worker is done; `flush` first). */
  close(): void {
    clearInterval(this.timer)
    this.release(Infinity)
  }

  /** Lets waiting probes go, while there is room (all of them on close). */
  private release(limit: number): void {
    while (this.waiting.length > 0 && this.queued < limit) this.waiting.shift()!()
  }

  private async write(b: Batch): Promise<void> {
    try {
      for (const [sweepId, probes] of b.bySweep) {
        this.onWritten(await withDeadline('write probes', this.writeTimeoutMs, () => recordProbes(this.db, sweepId, this.workerId, probes, this.step)))
        await withDeadline('observe probes for alerts', this.writeTimeoutMs, () => observeProbes(this.db, probes.map(probeRef), this.alertPolicy))
      }
      b.resolve()
    } catch (err) {
      b.reject(err as Error)
    } finally {
      this.queued -= b.size
      this.release(this.maxQueued)
    }
  }
}

function noop(): void {}

function probeRef(p: ProbeToRecord) {
  const r = p.result
  return { distributionIri: p.distributionIri, at: p.at ?? new Date(r.at), outcome: r.outcome, code: r.code, httpStatus: r.httpStatus, url: r.url }
}

function newBatch(): Batch {
  let resolve!: () => void
  let reject!: (err: Error) => void
  const written = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  // Hosts attach their own handlers; a batch nobody awaits must not crash the process.
  written.catch(() => undefined)
  return { bySweep: new Map(), size: 0, written, resolve, reject }
}
