import { Worker } from 'node:worker_threads'
import { createRequire } from 'node:module'

/** What the PGlite dialect needs of an embedded database: a query, and a close. */
export interface EmbeddedPostgres {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[]; affectedRows?: number }>
  close(): Promise<void>
}

/** How PGlite is created in its thread (see openDatabase). */
export interface PGliteThreadOptions {
  /** A data folder, or 'memory://…'. */
  dataDir: string
  /** Lines of postgresql.conf (`name=value`). */
  postgresqlconf: string[]
}

/**
 * The thread's script, CommonJS run with `eval` (so it needs no file of its own in src/
 * and dist/ alike): it creates PGlite and answers each message with the query's rows and
 * affected rows, or the error's fields (an Error's own properties do not survive
 * postMessage). int8 and numeric are parsed to numbers, as on PostgreSQL (open-database.ts).
 */
const SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads')
const { PGlite } = require(workerData.pglite)
const INT8 = 20, NUMERIC = 1700
const FIELDS = ['name', 'code', 'severity', 'detail', 'hint', 'position', 'schema', 'table', 'column', 'constraint']
let pg
function errorData(e) {
  const out = { message: String((e && e.message) || e) }
  for (const f of FIELDS) if (e && typeof e[f] === 'string') out[f] = e[f]
  return out
}
parentPort.on('message', async (m) => {
  try {
    if (m.kind === 'open') {
      pg = await PGlite.create(workerData.dataDir, {
        parsers: { [INT8]: (x) => Number(x), [NUMERIC]: (x) => Number(x) },
        postgresqlconf: workerData.postgresqlconf,
      })
      parentPort.postMessage({ id: m.id, ok: true })
    } else if (m.kind === 'close') {
      if (pg) await pg.close()
      parentPort.postMessage({ id: m.id, ok: true })
    } else {
      const r = await pg.query(m.sql, m.params)
      parentPort.postMessage({ id: m.id, ok: true, rows: r.rows, affectedRows: r.affectedRows })
    }
  } catch (e) {
    parentPort.postMessage({ id: m.id, ok: false, error: errorData(e) })
  }
})
`

interface Answer {
  id: number
  ok: boolean
  rows?: unknown[]
  affectedRows?: number
  error?: { message: string; name?: string } & Record<string, string>
}

/**
 * Embedded PGlite on a thread of its own. PGlite is PostgreSQL compiled to WebAssembly:
 * every query runs its planner and executor synchronously. On the caller's thread that
 * stops everything else while it runs: a sweep's probe timers, the politeness gaps, the web
 * server. On its own thread, the caller's event loop keeps turning while a batch of probes
 * is written or a host's next page of due URLs is read.
 *
 * The thread holds no event loop open by itself: it is referenced only while a query is
 * under way, so a process that forgets to close still ends, and one waiting on a query
 * does not end under it. If the thread dies, every call under way and every later one fails
 * with the reason.
 */
export class PGliteThread implements EmbeddedPostgres {
  readonly #worker: Worker
  readonly #pending = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>()
  #next = 1
  #failed: Error | null = null
  #closed: Promise<void> | undefined

  private constructor(worker: Worker) {
    this.#worker = worker
    worker.on('message', (a: Answer) => {
      const call = this.#pending.get(a.id)
      if (!call) return
      this.#pending.delete(a.id)
      if (this.#pending.size === 0) worker.unref()
      if (a.ok) call.resolve(a)
      else call.reject(Object.assign(new Error(a.error?.message ?? 'unknown error'), a.error))
    })
    worker.on('error', (err) => this.#fail(err))
    worker.on('exit', (code) => this.#fail(new Error(`the embedded database's thread ended (exit code ${code})`)))
    worker.unref()
  }

  /** Starts the thread and opens PGlite in it; a failure to open ends the thread. */
  static async open(opts: PGliteThreadOptions): Promise<PGliteThread> {
    const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite')
    const worker = new Worker(SCRIPT, { eval: true, workerData: { pglite, dataDir: opts.dataDir, postgresqlconf: opts.postgresqlconf } })
    const thread = new PGliteThread(worker)
    try {
      await thread.#call({ kind: 'open' })
    } catch (err) {
      await worker.terminate()
      throw err
    }
    return thread
  }

  async query<R>(sql: string, params: unknown[] = []): Promise<{ rows: R[]; affectedRows?: number }> {
    const a = await this.#call({ kind: 'query', sql, params })
    return { rows: (a.rows ?? []) as R[], ...(a.affectedRows !== undefined ? { affectedRows: a.affectedRows } : {}) }
  }

  /** Closes PGlite (its files are complete after this), then ends the thread. Idempotent. */
  close(): Promise<void> {
    return (this.#closed ??= (async () => {
      try {
        if (!this.#failed) await this.#call({ kind: 'close' })
      } finally {
        this.#failed ??= new Error('the embedded database is closed')
        await this.#worker.terminate()
      }
    })())
  }

  #call(message: Record<string, unknown>): Promise<Answer> {
    if (this.#failed) return Promise.reject(this.#failed)
    const id = this.#next++
    this.#worker.ref()
    return new Promise<Answer>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject })
      this.#worker.postMessage({ ...message, id })
    })
  }

  #fail(err: Error): void {
    this.#failed ??= err
    for (const call of this.#pending.values()) call.reject(err)
    this.#pending.clear()
  }
}
