import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import type { DatabaseKind } from '../db/open-database.js'
import { withDeadline } from '../db/deadline.js'

/** Leadership among scheduler instances. */
export interface LeaderLock {
  /** Tries to become leader (no wait). True when this instance leads now. */
  tryAcquire(): Promise<boolean>
  /** Whether this instance led at the last acquire or heartbeat. */
  isLeader(): boolean
  /** Checks the session holding the lock is alive; false (and no longer leader) when it died. */
  heartbeat(): Promise<boolean>
  /** Gives leadership up and returns the reserved connection. */
  release(): Promise<void>
}

/**
 * The longest a leadership call may take: a session on a dropped connection can leave a
 * postgres.js promise that never settles, and a leader that waits on it forever would go on
 * believing it leads after the server dropped its lock.
 */
const LOCK_CALL_MS = 20_000

/**
 * The longest giving leadership up may take: it is part of a stop, which must end within
 * seconds. A session that does not answer in time is cut when the process ends, and the
 * server drops its lock with it.
 */
const LOCK_RELEASE_MS = 2_000

/** The advisory lock key of the datavakt scheduler ("dvsc" as a 32-bit number). */
export const SCHEDULER_LOCK_KEY = 0x64767363

/**
 * A session-level PostgreSQL advisory lock (`pg_try_advisory_lock`) held on one reserved
 * connection. Reserved, because postgres.js pools connections: a lock taken on whichever
 * pooled connection ran the query would belong to that connection, be released by no one
 * and be invisible to the next query. The connection stays checked out until `release`.
 * If the session dies (network, server restart) the server drops the lock and
 * `heartbeat` notices, so another instance can lead. PGlite is one process: it always
 * leads. Refuses nothing; database errors surface from tryAcquire/heartbeat.
 */
export function createLeaderLock(db: Db, kind: DatabaseKind, key: number = SCHEDULER_LOCK_KEY): LeaderLock {
  return kind === 'pglite' ? embeddedLeaderLock() : advisoryLeaderLock(db, key)
}

/** PGlite is one process: it always leads. */
function embeddedLeaderLock(): LeaderLock {
  let leading = false
  return {
    tryAcquire: async () => (leading = true),
    isLeader: () => leading,
    heartbeat: async () => leading,
    release: async () => {
      leading = false
    },
  }
}

/** One connection checked out of the pool until dropped: `open` gives it (opening it once), `drop` gives it back. */
function reservedConnection(db: Db): { open(): Promise<Db>; readonly isOpen: boolean; drop(): Promise<void> } {
  let session: Promise<Db> | null = null
  let closeSession: (() => void) | null = null
  let sessionDone: Promise<void> | null = null
  return {
    // A `db.connection()` callback that stays open until drop.
    open() {
      session ??= new Promise<Db>((resolveConn, rejectConn) => {
        sessionDone = db
          .connection()
          .execute(
            (conn) =>
              new Promise<void>((close) => {
                closeSession = close
                resolveConn(conn as unknown as Db)
              }),
          )
          .catch((err: unknown) => rejectConn(err))
      })
      return session
    },
    get isOpen() {
      return session !== null
    },
    async drop() {
      closeSession?.()
      closeSession = null
      await sessionDone?.catch(() => {})
      sessionDone = null
      session = null
    },
  }
}

/** The PostgreSQL advisory lock on a reserved connection (see createLeaderLock). */
function advisoryLeaderLock(db: Db, key: number): LeaderLock {
  let leading = false
  const session = reservedConnection(db)
  const dropSession = async () => {
    leading = false
    await session.drop()
  }
  return {
    async tryAcquire() {
      if (leading) return true
      try {
        const conn = await withDeadline('open the leader session', LOCK_CALL_MS, () => session.open())
        const { rows } = await withDeadline('take the leader lock', LOCK_CALL_MS, () => sql<{ ok: boolean }>`select pg_try_advisory_lock(${key}::bigint) as ok`.execute(conn))
        leading = rows[0]?.ok === true
      } catch (err) {
        await dropSession()
        throw err
      }
      return leading
    },
    isLeader: () => leading,
    async heartbeat() {
      if (!session.isOpen) return false
      try {
        await withDeadline('check the leader session', LOCK_CALL_MS, async () => sql`select 1`.execute(await session.open()))
        return leading
      } catch {
        // The session is gone, and with it the lock.
        await dropSession()
        return false
      }
    },
    async release() {
      if (session.isOpen && leading) {
        try {
          await withDeadline('give up the leader lock', LOCK_RELEASE_MS, () => session.open().then((conn) => sql`select pg_advisory_unlock(${key}::bigint)`.execute(conn)))
        } catch {
          // A dead session has already released the lock; one that does not answer loses it when the process ends.
        }
      }
      await dropSession()
    },
  }
}
