/**
 * A guard against a known postgres.js 3.4.9 defect (porsager/postgres#1154, #1208; fixes
 * proposed in #1168, #1176, #1209, not released): a small write is deferred with
 * setImmediate, and when the connection closes first (PostgreSQL restarted, a network
 * drop), the deferred write runs on a null socket and throws from the timer, where no
 * caller can catch it: the whole process dies (`TypeError: Cannot read properties of null
 * (reading 'write')` at `nextWrite`). Found by test/faults/postgres-restart.heavy.test.ts:
 * a `datavakt worker` exited mid-sweep on a restart.
 *
 * By then the connection's `closed()` has already rejected its queries with
 * CONNECTION_CLOSED, so the lost write is moot; a call that would wait for it forever is
 * ended by its deadline (src/db/deadline.ts), which also takes the pool out of use
 * (src/db/postgres-js-pool.ts). So that one exception is swallowed, with a
 * line on stderr; so is a postgres.js "connection closed" rejection nobody waited for
 * (isPostgresJsUnheardClose). Any other uncaught exception ends the process as Node would, unless
 * someone else (a test runner) listens for them. Remove once postgres.js ships the fix.
 */

import { t } from '../i18n/catalogue.js'
import type { Lang } from '../i18n/lang.js'

/** The codes postgres.js gives a connection that went away (its Errors.connection). */
const CONNECTION_GONE = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED'])

/**
 * True for a postgres.js "connection gone" error that nobody waited for: its `closed()`
 * runs as an async socket handler and rejects whatever query the connection held; when no
 * caller holds that query any more (its deadline ended the wait), the rejection is
 * unhandled, and Node ends the process for it (seen in the same fault test).
 */
export function isPostgresJsUnheardClose(err: unknown, origin: string): boolean {
  const e = err as { code?: unknown; stack?: unknown } | null
  return origin === 'unhandledRejection' && e !== null && typeof e === 'object' && CONNECTION_GONE.has(String(e.code)) && /postgres[\\/]src[\\/]connection\.js/.test(String(e.stack ?? ''))
}

/** True for the defect's exception: a TypeError writing to a null socket in postgres.js's `nextWrite`. */
export function isPostgresJsClosedSocketWrite(err: unknown): boolean {
  return err instanceof TypeError && /\(reading 'write'\)/.test(err.message) && /nextWrite/.test(err.stack ?? '') && /postgres[\\/]src[\\/]connection\.js/.test(err.stack ?? '')
}

let installed = false

/** Installs the guard once per process (openDatabase does, for PostgreSQL); its line is in `lang` (DATAVAKT_LANG, else English). */
export function guardPostgresJsClosedSocketWrite(lang: Lang = process.env.DATAVAKT_LANG === 'sv' ? 'sv' : 'en'): void {
  if (installed) return
  installed = true
  process.on('uncaughtException', function onUncaught(err, origin) {
    if (isPostgresJsClosedSocketWrite(err) || isPostgresJsUnheardClose(err, origin)) {
      process.stderr.write(`${t(lang, 'db.closed-socket-write')}\n`)
      return
    }
    if (process.listenerCount('uncaughtException') > 1) return
    // As Node does without a listener: the error and exit code 1.
    process.stderr.write(`${err.stack ?? String(err)}\n`)
    process.exit(1)
  })
}
