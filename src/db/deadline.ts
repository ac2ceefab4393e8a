import { DatavaktError } from '../i18n/datavakt-error.js'

/** A database call that did not settle in time (a dead connection, a server gone away). */
export class DbCallTimeoutError extends DatavaktError {
  override name = 'DbCallTimeoutError'
}

/**
 * `call` or, when it has not settled within `ms`, a DbCallTimeoutError. A dropped
 * connection can leave a postgres.js promise that never settles; a long-running worker
 * must notice rather than wait forever. The call itself is not cancelled: its result,
 * if it ever comes, is ignored. The timer keeps the process alive (it is cleared as soon as
 * the call settles): unreferenced, a call whose promise never settles left nothing to wait
 * for, and Node ended a `datavakt worker` mid-sweep with exit code 13 (unsettled top-level
 * await) instead of letting the deadline fire (found by test/faults/postgres-restart).
 */
export function withDeadline<T>(what: string, ms: number, call: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DbCallTimeoutError('db.call-timed-out', { what, seconds: Math.round(ms / 1000) })), ms)
  })
  call.catch(() => undefined)
  return Promise.race([call, timeout]).finally(() => clearTimeout(timer))
}
