import { Kysely } from 'kysely'
import postgres from 'postgres'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import type { Database, Db } from './database.js'
import { PGliteDialect } from './pglite-dialect.js'
import { PGliteThread } from './pglite-thread.js'
import { lockDataDir } from './data-dir-lock.js'
import { guardPostgresJsClosedSocketWrite } from './postgres-js-guard.js'
import { withDeadline } from './deadline.js'
import { ReplaceablePostgresDialect, ReplaceablePostgresPool } from './postgres-js-pool.js'

/** Which engine a handle talks to. */
export type DatabaseKind = 'pglite' | 'postgres'

/**
 * The planner's costs, the same on both databases. random_page_cost 1.1 (not 4): an index
 * probe on SSD storage (or PGlite's files, in the page cache) is nearly as cheap as a
 * sequential read. With 4, an organisation's 500 problems were joined by scanning all
 * 50,000 distributions (55 ms) instead of 500 index probes (2 ms); see bench:api. PGlite
 * gathers statistics only through src/db/embedded-upkeep.ts, and with them and 4 it chose
 * the same scans.
 */
const PLANNER_SETTINGS = { random_page_cost: 1.1 }

/** An open database: the Kysely handle, what it is, and how to close it. */
export interface OpenDatabase {
  db: Db
  kind: DatabaseKind
  /** Where it lives: the data folder, or the URL with the password hidden. */
  location: string
  close(): Promise<void>
  /** PostgreSQL: how many times a missed deadline made it replace its connection pool (see postgres-js-pool.ts). */
  replacedPools?: () => number
}

export interface OpenDatabaseOptions {
  /** postgres://... — when set, PostgreSQL through postgres.js; otherwise embedded PGlite. */
  databaseUrl?: string
  /** PGlite data folder (default ./data). 'memory://' keeps it in memory (tests). */
  dataDir?: string
  /** postgres.js pool size (default 10). */
  maxConnections?: number
  /** How long a pool replaced after a missed deadline lives on for the calls still on it (default 30 s; see postgres-js-pool.ts). */
  replacedPoolGraceMs?: number
}

const INT8 = 20
const NUMERIC = 1700

/**
 * Opens the database. Both drivers are configured to return int8 (bigint, count(*)) as a
 * JS number, so callers never see '42' from one and 42 from the other; numeric stays a
 * string on neither (we do not use numeric columns). A PGlite folder is locked for this
 * process: a second process gets DataDirLockedError.
 */
export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<OpenDatabase> {
  if (opts.databaseUrl) {
    guardPostgresJsClosedSocketWrite()
    const databaseUrl = opts.databaseUrl
    // A pool that a call missing its deadline replaces with a fresh one (see postgres-js-pool.ts).
    const pool = new ReplaceablePostgresPool(() => postgres(databaseUrl, {
      max: opts.maxConnections ?? 10,
      onnotice: () => {},
      // A server that does not answer is noticed, not waited on: connecting gives up after
      // 10 s, and the server ends a transaction left idle for a minute (a client that gave up
      // on a call, see src/db/deadline.ts, may leave one open with its locks).
      connect_timeout: 10,
      connection: { idle_in_transaction_session_timeout: 60_000, ...PLANNER_SETTINGS },
      types: {
        bigint: { to: INT8, from: [INT8], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
        numeric: { to: NUMERIC, from: [NUMERIC], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
      },
    }), opts.replacedPoolGraceMs)
    const db = new Kysely<Database>({ dialect: new ReplaceablePostgresDialect(pool) })
    const url = new URL(opts.databaseUrl)
    if (url.password) url.password = '***'
    // Closing waits at most 1 s for queries in flight, then cuts their connections: by the
    // time a command closes it has waited for every call it cares about, so what is still in
    // flight was given up on (its deadline passed, a stopping worker left it), and one on a
    // wedged connection never settles (porsager/postgres#1209): the 5 s this used to wait
    // were a third of a stopped worker's exit (test/cli/worker-stop.test.ts). Pools replaced
    // after a missed deadline and still in their grace period are cut at once.
    const close = () => withDeadline('close the database', 5_000, () => pool.end(1)).catch(() => {})
    return { db, kind: 'postgres', location: url.toString(), close, replacedPools: () => pool.replaced }
  }
  const dataDir = opts.dataDir ?? './data'
  const inMemory = dataDir.startsWith('memory://')
  const release = inMemory ? () => {} : lockDataDir(resolve(dataDir))
  let pg
  try {
    if (!inMemory) await createClusterInChildProcess(resolve(dataDir))
    // On a thread of its own (pglite-thread.ts), so its queries do not stop this thread's
    // event loop; int8 and numeric are parsed to numbers there. PGlite's default 128 MB of
    // shared buffers all lands in the process's RSS (its WebAssembly heap): reopening a
    // folder costs ~310 MB with it, ~170 MB with 16 MB. The files sit in the OS page cache
    // anyway, so little speed is lost.
    pg = await PGliteThread.open({
      dataDir: inMemory ? dataDir : resolve(dataDir),
      postgresqlconf: ['shared_buffers=16MB', ...Object.entries(PLANNER_SETTINGS).map(([k, v]) => `${k}=${v}`)],
    })
  } catch (err) {
    release()
    throw new Error(`Could not open the embedded database in ${dataDir}: ${(err as Error).message}`, { cause: err })
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pg) })
  let closing: Promise<void> | undefined
  return {
    db,
    kind: 'pglite',
    location: inMemory ? dataDir : resolve(dataDir),
    // Idempotent: a second close waits for the first.
    close: () =>
      (closing ??= (async () => {
        try {
          await db.destroy()
          await pg.close()
        } finally {
          release()
        }
      })()),
  }
}

/**
 * Creating a PGlite cluster (initdb) briefly takes 700-800 MB of RSS, and a long-running
 * process keeps much of that high-water mark for its lifetime (V8 and glibc do not hand it
 * all back). So a new data folder is created in a short-lived child process, and this
 * process only ever opens an existing one. Does nothing when the folder already holds a
 * cluster. The caller holds the folder's lock, so no other datavakt is in it meanwhile.
 */
async function createClusterInChildProcess(dir: string): Promise<void> {
  if (existsSync(join(dir, 'PG_VERSION'))) return
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite')
  const script =
    `const { PGlite } = require(${JSON.stringify(pglite)});` +
    `PGlite.create(${JSON.stringify(dir)}).then((pg) => pg.close())` +
    `.catch((e) => { process.stderr.write(String(e && e.message || e)); process.exit(1) })`
  try {
    await promisify(execFile)(process.execPath, ['-e', script], { maxBuffer: 1 << 20 })
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim()
    throw new Error(`creating the database cluster failed${stderr ? `: ${stderr}` : ''}`, { cause: err })
  }
}
