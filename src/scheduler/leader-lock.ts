import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import type { DatabaseKind } from '../db/open-database.js'

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
  if (kind === 'pglite') {
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

  let leading = false
  let session: Promise<Db> | null = null
  let closeSession: (() => void) | null = null
  let sessionDone: Promise<void> | null = null

  /** Opens the reserved connection: a `db.connection()` callback that stays open. */
  function openSession(): Promise<Db> {
    if (session) return session
    session = new Promise<Db>((resolveConn, rejectConn) => {
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
  }

  async function dropSession(): Promise<void> {
    leading = false
    closeSession?.()
    closeSession = null
    await sessionDone?.catch(() => {})
    sessionDone = null
    session = null
  }

  return {
    async tryAcquire() {
      if (leading) return true
      try {
        const conn = await openSession()
        const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${key}::bigint) as ok`.execute(conn)
        leading = rows[0]?.ok === true
      } catch (err) {
        await dropSession()
        throw err
      }
      return leading
    },
    isLeader: () => leading,
    async heartbeat() {
      if (!session) return false
      try {
        const conn = await session
        await sql`select 1`.execute(conn)
        return leading
      } catch {
        // The session is gone, and with it the lock.
        await dropSession()
        return false
      }
    },
    async release() {
      if (session && leading) {
        try {
          const conn = await session
          await sql`select pg_advisory_unlock(${key}::bigint)`.execute(conn)
        } catch {
          // A dead session has already released the lock.
        }
      }
      await dropSession()
    },
  }
}
