/**
 * How a worker stops (WorkerOptions.signal in run-worker.ts): within seconds, whatever
 * the database does. A call under way is not waited for, the hosts at work get a grace
 * period, and then every remaining database call is bounded by STOP_CALL_MS: a call on a
 * wedged postgres.js connection (porsager/postgres#1209, seen after PostgreSQL restarts)
 * never settles, and a stop that waited for it waited for ever. What the database does
 * not take back in time is left to the leases, which expire.
 */
import type { Db } from '../db/database.js'
import { withDeadline } from '../db/deadline.js'
import { releaseHost, type ClaimedHost } from './claim-host.js'
import type { ProbeWriter } from './probe-writer.js'

/**
 * The longest a stopping worker waits on any one database call (giving a host back,
 * writing the last probes). Short: on a database that answers they take milliseconds.
 */
export const STOP_CALL_MS = 2000

/** What a stopping worker has in hand. */
export interface WorkInHand {
  db: Db
  /** The hosts at work (each settles when its host is done). */
  active: Set<Promise<void>>
  /** The hosts claimed and not yet given back, by `sweepId host`. */
  held: Map<string, ClaimedHost>
  writer: ProbeWriter
  /** Aborted here once the hosts at work are no longer waited for: they must touch the database no more. */
  abandon: AbortController
  onError?: (err: Error, host: string) => void
}

/**
 * The end of a graceful stop: the hosts at work get `graceMs` to record what they probed
 * and give themselves back. Then they are abandoned, whatever is still held is given back
 * and the last probes are written, each call bounded by STOP_CALL_MS. Never longer than
 * `graceMs` + STOP_CALL_MS. Returns how many hosts the database did not take back in time
 * (left to their leases).
 */
export async function stopWorking(w: WorkInHand, graceMs: number): Promise<number> {
  await withinGrace(Promise.all(w.active).then(() => true), graceMs)
  w.abandon.abort()
  const releases = [...w.held.values()].map((c) =>
    withDeadline('release host', STOP_CALL_MS, () => releaseHost(w.db, c, { done: false })).then(
      () => 0,
      (err: unknown) => (w.onError?.(err as Error, c.host), 1),
    ),
  )
  const flushed = withDeadline('write probes', STOP_CALL_MS, () => w.writer.flush()).catch((err: unknown) => w.onError?.(err as Error, '(queue)'))
  const [left] = await Promise.all([Promise.all(releases).then((r) => r.reduce((a, b) => a + b, 0)), flushed])
  return left
}

/**
 * `call`, or undefined as soon as `signal` aborts: a stop does not wait for a call under
 * way (it may be on a connection that never answers). The call goes on; if it succeeds
 * after the stop, `late` gets its value.
 */
export function unlessStopped<T>(signal: AbortSignal | undefined, call: Promise<T>, late: (value: T) => void): Promise<T | undefined> {
  if (!signal) return call
  return new Promise<T | undefined>((resolve, reject) => {
    const stopped = () => resolve(undefined)
    signal.addEventListener('abort', stopped, { once: true })
    if (signal.aborted) stopped()
    call.then(
      (value) => {
        signal.removeEventListener('abort', stopped)
        if (signal.aborted) late(value)
        else resolve(value)
      },
      (err: unknown) => {
        signal.removeEventListener('abort', stopped)
        reject(err as Error)
      },
    )
  })
}

/**
 * `drained` (true), or false once `ms` have passed. The timer keeps the process alive: a
 * host stuck on a call that never settles must not leave a stopping worker with nothing
 * to wait for (Node then quits with exit code 13 instead of giving the hosts back).
 */
async function withinGrace(drained: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const grace = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)))
  try {
    return await Promise.race([drained, grace])
  } finally {
    clearTimeout(timer)
  }
}
