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
const { PGlite, protocol, parse } = require(workerData.pglite)
const INT8 = 20, NUMERIC = 1700
const FIELDS = ['name', 'code', 'severity', 'detail', 'hint', 'position', 'schema', 'table', 'column', 'constraint']
let pg
function errorData(e) {
  const out = { message: String((e && e.message) || e) }
  for (const f of FIELDS) if (e && typeof e[f] === 'string') out[f] = e[f]
  return out
}
// Statements with parameters are prepared once by name and then bound and executed in one
// call into PGlite. pg.query parses, describes and plans the text anew each time, in five
// calls: a page of due URLs took 6.8 ms that way and 2.0 ms prepared. The most recent
// STATEMENTS texts stay prepared; a statement whose tables changed shape is prepared again.
const STATEMENTS = 500
const prepared = new Map()
let named = 0
function joined(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) { out.set(p, at); at += p.length }
  return out
}
const { serialize } = protocol
async function statementOf(sql) {
  const known = prepared.get(sql)
  if (known) { prepared.delete(sql); prepared.set(sql, known); return known }
  const name = 'datavakt_' + (++named)
  const r = await pg.execProtocol(joined([serialize.parse({ name, text: sql, types: [] }), serialize.describe({ type: 'S', name }), serialize.sync()]))
  const description = r.messages.find((msg) => msg.name === 'parameterDescription')
  const statement = { name, types: description ? description.dataTypeIDs : [] }
  prepared.set(sql, statement)
  if (prepared.size > STATEMENTS) {
    const [oldest, old] = prepared.entries().next().value
    prepared.delete(oldest)
    await pg.execProtocol(joined([serialize.close({ type: 'S', name: old.name }), serialize.sync()]))
  }
  return statement
}
async function preparedQuery(sql, params, again) {
  const s = await statementOf(sql)
  const values = params.map((v, i) => (v === null || v === undefined ? null : (pg.serializers[s.types[i]] || String)(v)))
  try {
    const r = await pg.execProtocol(joined([serialize.bind({ statement: s.name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]))
    const results = parse.parseResults(r.messages, pg.parsers, {})
    return results[results.length - 1] || { rows: [] }
  } catch (e) {
    // 0A000 "cached plan must not change result type": a table it reads changed shape.
    if (again || !e || e.code !== '0A000') throw e
    prepared.delete(sql)
    await pg.execProtocol(joined([serialize.close({ type: 'S', name: s.name }), serialize.sync()]))
    return preparedQuery(sql, params, true)
  }
}
// One message at a time: a prepared query is two calls into PGlite, and no other query may
// come between them.
let turn = Promise.resolve()
parentPort.on('message', (m) => {
  turn = turn.then(() => answer(m))
})
async function answer(m) {
  try {
    if (m.kind === 'open') {
      pg = await PGlite.create(workerData.dataDir, {
        parsers: { [INT8]: (x) => Number(x), [NUMERIC]: (x) => Number(x) },
        postgresqlconf: workerData.postgresqlconf,
      })
      // Each execution is still planned for its own values: a generic plan cannot see into
      // a JSON parameter or prune partitions by it, and made a sweep five times slower.
      await pg.exec('set plan_cache_mode = force_custom_plan')
      parentPort.postMessage({ id: m.id, ok: true })
    } else if (m.kind === 'close') {
      if (pg) await pg.close()
      parentPort.postMessage({ id: m.id, ok: true })
    } else {
      const r = m.params && m.params.length > 0 ? await preparedQuery(m.sql, m.params, false) : await pg.query(m.sql, m.params)
      parentPort.postMessage({ id: m.id, ok: true, rows: r.rows, affectedRows: r.affectedRows })
    }
  } catch (e) {
    parentPort.postMessage({ id: m.id, ok: false, error: errorData(e) })
  }
}
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
