import { AsyncLocalStorage } from 'node:async_hooks'
import { DatavaktError } from '../i18n/datavakt-error.js'

/** A database call that did not settle in time (a dead connection, a server gone away). */
export class DbCallTimeoutError extends DatavaktError {
  override name = 'DbCallTimeoutError'
}

/**
 * Deadlines on database calls.
 *
 * `withDeadline(what, ms, () => call)` runs the call and gives its result or, when it has
 * not settled within `ms`, a DbCallTimeoutError. A dropped connection can leave a
 * postgres.js promise that never settles (porsager/postgres#1209, seen after PostgreSQL
 * restarts); a long-running worker must notice rather than wait forever.
 *
 * A missed deadline also means "what this call ran on is dead: stop using it". The call
 * runs inside a scope (AsyncLocalStorage), and a driver that serves it registers there,
 * with `onDeadlineMissed(hook)`, what to do if the call misses its deadline: the
 * PostgreSQL driver (src/db/postgres-js-pool.ts) registers "replace the pool this
 * connection came from", so that later calls get a fresh connection instead of landing on
 * the wedged one and waiting out a deadline each. A call nested in another registers with
 * every enclosing call still waiting (the outer one may have the shorter deadline, as a
 * stopping worker's 2 s has). PGlite registers nothing.
 *
 * The call itself is not cancelled: its result, if it ever comes, is ignored. The timer
 * keeps the process alive (it is cleared as soon as the call settles): unreferenced, a
 * call whose promise never settles left nothing to wait for, and Node ended a `datavakt
 * worker` mid-sweep with exit code 13 (unsettled top-level await) instead of letting the
 * deadline fire (found by test/faults/postgres-restart).
 */
export function withDeadline<T>(what: string, ms: number, call: () => Promise<T>): Promise<T> {
  const scope: DeadlineScope = { waiting: true, hooks: new Set() }
  const enclosing = (scopes.getStore() ?? []).filter((s) => s.waiting)
  let running: Promise<T>
  try {
    running = scopes.run([...enclosing, scope], call)
  } catch (err) {
    running = Promise.reject(err as Error)
  }
  running.catch(() => undefined)
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const hooks = [...scope.hooks]
      settle()
      for (const hook of hooks) hook()
      reject(new DbCallTimeoutError('db.call-timed-out', { what, seconds: Math.round(ms / 1000) }))
    }, ms)
  })
  function settle() {
    scope.waiting = false
    scope.hooks.clear()
    clearTimeout(timer)
  }
  return Promise.race([running, timeout]).finally(settle)
}

/**
 * Registers `hook` to run if the call this runs in (every enclosing withDeadline still
 * waiting) misses its deadline. Outside any, it does nothing. A hook registered twice
 * (the same function) runs once.
 */
export function onDeadlineMissed(hook: () => void): void {
  for (const s of scopes.getStore() ?? []) if (s.waiting) s.hooks.add(hook)
}

/** One withDeadline call: still waiting, and what to do if it misses. */
interface DeadlineScope {
  waiting: boolean
  hooks: Set<() => void>
}

/** The withDeadline calls still waiting that the code running now is part of, outermost first. */
const scopes = new AsyncLocalStorage<DeadlineScope[]>()
