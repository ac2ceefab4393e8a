/**
 * Content checks in isolation: a registered check that reads a file's bytes runs in a
 * worker thread (node:worker_threads) whose heap is capped by the budget `workerHeapMb`,
 * so a runaway check (a pathological file, a bug) cannot take the web server, the
 * scheduler or the rest of the sweep with it. The worker reads the bytes from the main
 * thread's content source one chunk at a time and asks the main thread to resolve schemas
 * (the fetch engine, its address guard and its politeness stay in one place).
 *
 * - The worker runs out of heap: the check's result is `fail` with the `error` finding
 *   `check-out-of-memory` (the file asks more than the budget, as a too-wide table does).
 *   It dies otherwise: `unverified` with the `error` finding `check-crashed` (that may be
 *   our fault, not the file's). The next check (and the next file) gets a fresh worker.
 * - The file's deadline passes: run-checks.ts reports `check-timeout`; shortly after, the
 *   worker is terminated here, so a check stuck in a loop stops using the CPU.
 * - Idle workers are kept for a while (`IDLE_MS`) and reused; at most `MAX_WORKERS` run at
 *   once, further checks wait their turn.
 * Checks that read no bytes (metadata, freshness, availability) and checks that are not in
 * the registry (tests' own) run in-process as before.
 *
 * Under tsx or vitest the worker loads the TypeScript sources through tsx; built, it runs
 * dist/src/content/isolated-checks-worker.js.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { checks as registeredChecks } from '../../checks/index.js'
import type { Check, CheckContext, CheckResult, CheckTarget, ContentSource } from '../../checks/types.js'
import { DEFAULT_BUDGETS, type Budgets } from '../domain/budgets.js'
import type { ColumnProfile, ProfileFormat } from './column-profile.js'
import { rebuildError, serializeError, type ContentMeta, type FromWorker, type ProfileJob, type RunJob, type ToWorker } from './isolated-checks-protocol.js'

/** How long an idle worker is kept for the next check. */
const IDLE_MS = 30_000
/** How long after the file's deadline a worker still running its check is terminated (run-checks.ts has reported the timeout by then). */
const KILL_GRACE_MS = 100
const MAX_WORKERS = Math.max(2, availableParallelism())

/** True when `check` runs in a worker for `target`: a registered check with the file's bytes. */
export function runsIsolated(check: Check, target: CheckTarget): boolean {
  return target.content !== undefined && registeredChecks.includes(check)
}

/**
 * Runs `check` on `target`: in a worker when it reads the bytes (see module comment),
 * in-process otherwise. `deadline` is the file's deadline (performance.now() time).
 */
export function runCheck(check: Check, target: CheckTarget, ctx: CheckContext, deadline: number): Promise<CheckResult> {
  if (!runsIsolated(check, target)) return check.run(target, ctx)
  return pool.run(check, target, ctx, deadline)
}

/**
 * The column profile of a body (src/content/column-profile.ts), made in a worker as the
 * checks are: reading a hostile file a second time must not block the web server's event
 * loop nor exhaust its heap. Null when the body has no profile to keep, when the worker
 * dies (out of heap) or when `deadline` (performance.now() time) passes first.
 */
export function profileIsolated(content: ContentSource, format: ProfileFormat, budgets: Budgets, deadline: number): Promise<ColumnProfile | null> {
  return pool.profile(content, format, budgets, deadline).catch(() => null)
}

interface Job {
  msg: RunJob | ProfileJob
  /** What the job comes to when its worker dies under it. */
  died(error: Slot['error']): unknown
  source: ContentSource | undefined
  resolveSchema: CheckContext['resolveSchema']
  heapMb: number
  streams: Map<number, AsyncIterator<Uint8Array>>
  done: boolean
  timer: NodeJS.Timeout
  resolve(r: unknown): void
  reject(e: Error): void
}

interface Slot {
  worker: Worker
  heapMb: number
  job: Job | null
  /** Why the worker stopped, when it reported an error first. */
  error: (Error & { code?: string }) | null
  idle: NodeJS.Timeout | null
}

/** The result of a check whose worker died under it. */
function diedResult(checkId: string, heapMb: number, error: Slot['error']): CheckResult {
  if (error?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return { status: 'fail', findings: [{ code: 'check-out-of-memory', severity: 'error', params: { checkId, heapMb } }] }
  }
  // The error's English words stay in `detail`, for whoever runs datavakt, as for check-error.
  const params = error ? { checkId, error: error.name, detail: error.message } : { checkId }
  // Possibly our fault rather than the file's: the result is unknown, not a failure of the file.
  return { status: 'unverified', findings: [{ code: 'check-crashed', severity: 'error', params }] }
}

/** A new worker thread, on the compiled or (under tsx/vitest) the TypeScript entry. */
function spawnWorker(heapMb: number): Worker {
  const typescript = import.meta.url.endsWith('.ts')
  const entry = new URL(`./isolated-checks-worker.${typescript ? 'ts' : 'js'}`, import.meta.url)
  // Not the parent's flags (an `--input-type` or `--import` of its own would break the entry).
  const opts = { resourceLimits: { maxOldGenerationSizeMb: heapMb }, execArgv: [] }
  if (!typescript) return new Worker(entry, opts)
  const boot = `import(${JSON.stringify(tsxApiUrl())}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}) })`
  return new Worker(boot, { ...opts, eval: true })
}

/**
 * The URL of tsx's ESM API, found from here (eval'd code would look in the working folder),
 * through tsx's own `exports` (require.resolve would give its CommonJS build).
 */
function tsxApiUrl(): string {
  const pkgPath = createRequire(import.meta.url).resolve('tsx/package.json')
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> }
  return pathToFileURL(join(dirname(pkgPath), pkg.exports['./esm/api']!.import.default)).href
}

class CheckWorkerPool {
  private readonly slots = new Set<Slot>()
  private readonly queue: Job[] = []
  private nextJob = 0
  private nextStream = 0

  run(check: Check, target: CheckTarget, ctx: CheckContext, deadline: number): Promise<CheckResult> {
    const { content, ...plain } = target
    const { resolveSchema, lang, now, errorLimit, budgets, history } = ctx
    const msg: RunJob = { t: 'run', job: ++this.nextJob, checkId: check.id, target: plain, content: content ? metaOf(content) : null, ctx: { lang, now, errorLimit, budgets, history } }
    const heapMb = (budgets ?? DEFAULT_BUDGETS).workerHeapMb
    return this.submit<CheckResult>(msg, content, resolveSchema, heapMb, deadline, (error) => diedResult(check.id, heapMb, error))
  }

  profile(content: ContentSource, format: ProfileFormat, budgets: Budgets, deadline: number): Promise<ColumnProfile | null> {
    const msg: ProfileJob = { t: 'profile', job: ++this.nextJob, format, content: metaOf(content), ctx: { budgets } }
    const noSchemas = async () => null
    return this.submit<ColumnProfile | null>(msg, content, noSchemas, budgets.workerHeapMb, deadline, () => null)
  }

  private submit<T>(msg: RunJob | ProfileJob, source: ContentSource | undefined, resolveSchema: CheckContext['resolveSchema'], heapMb: number, deadline: number, died: (error: Slot['error']) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const job: Job = {
        msg, died, source, resolveSchema, heapMb, streams: new Map(), done: false,
        timer: setTimeout(() => this.expire(job), Math.max(0, deadline - performance.now()) + KILL_GRACE_MS),
        resolve: resolve as (r: unknown) => void, reject,
      }
      this.queue.push(job)
      this.pump()
    })
  }

  /** Gives waiting jobs to idle workers, starting workers while there is room. */
  private pump(): void {
    while (this.queue.length > 0) {
      const job = this.queue[0]!
      let slot = [...this.slots].find((s) => s.job === null && s.heapMb === job.heapMb)
      if (!slot) {
        const idleOther = [...this.slots].find((s) => s.job === null)
        if (this.slots.size >= MAX_WORKERS && idleOther) this.retire(idleOther)
        if (this.slots.size >= MAX_WORKERS) return
        slot = this.start(job.heapMb)
      }
      this.queue.shift()
      this.assign(slot, job)
    }
  }

  private start(heapMb: number): Slot {
    const slot: Slot = { worker: spawnWorker(heapMb), heapMb, job: null, error: null, idle: null }
    slot.worker.on('message', (m: FromWorker) => this.onMessage(slot, m))
    slot.worker.on('error', (err) => (slot.error ??= err))
    slot.worker.on('exit', () => this.onExit(slot))
    this.slots.add(slot)
    return slot
  }

  private assign(slot: Slot, job: Job): void {
    if (slot.idle) clearTimeout(slot.idle)
    slot.idle = null
    slot.job = job
    slot.worker.ref()
    slot.worker.postMessage(job.msg)
  }

  /** The job is over (result, error, death or deadline): its streams close, its worker is free or gone. */
  private finish(slot: Slot | null, job: Job): void {
    job.done = true
    clearTimeout(job.timer)
    for (const it of job.streams.values()) void it.return?.().catch(() => {})
    job.streams.clear()
    if (!slot || slot.job !== job) return
    slot.job = null
    slot.worker.unref()
    slot.idle = setTimeout(() => this.retire(slot), IDLE_MS)
    slot.idle.unref()
    this.pump()
  }

  private retire(slot: Slot): void {
    this.slots.delete(slot)
    if (slot.idle) clearTimeout(slot.idle)
    void slot.worker.terminate()
  }

  /** The file's deadline passed: a waiting job is dropped, a running one's worker terminated. */
  private expire(job: Job): void {
    if (job.done) return
    const queued = this.queue.indexOf(job)
    if (queued >= 0) this.queue.splice(queued, 1)
    const slot = [...this.slots].find((s) => s.job === job) ?? null
    this.finish(null, job)
    if (slot) {
      slot.job = null
      this.retire(slot)
      this.pump()
    }
    job.reject(new Error(`${job.msg.t === 'run' ? `check ${job.msg.checkId}` : 'column profile'} passed the file's deadline`))
  }

  private onExit(slot: Slot): void {
    this.slots.delete(slot)
    if (slot.idle) clearTimeout(slot.idle)
    const job = slot.job
    if (job && !job.done) {
      slot.job = null
      this.finish(null, job)
      job.resolve(job.died(slot.error))
    }
    this.pump()
  }

  private onMessage(slot: Slot, m: FromWorker): void {
    const job = slot.job
    if (!job || job.done || m.job !== job.msg.job) return
    const send = (reply: ToWorker, transfer: ArrayBuffer[] = []) => {
      if (!job.done) slot.worker.postMessage(reply, transfer)
    }
    switch (m.t) {
      case 'result':
        this.finish(slot, job)
        job.resolve(m.result)
        return
      case 'profiled':
        this.finish(slot, job)
        job.resolve(m.profile)
        return
      case 'failed':
        this.finish(slot, job)
        job.reject(rebuildError(m.error))
        return
      case 'schema':
        job.resolveSchema(m.uri).then(
          (schema) => send({ t: 'schema', req: m.req, schema }),
          (err: unknown) => send({ t: 'schema', req: m.req, schema: null, error: serializeError(err) }),
        )
        return
      case 'open': {
        const stream = ++this.nextStream
        job.streams.set(stream, job.source!.stream()[Symbol.asyncIterator]())
        send({ t: 'opened', req: m.req, stream })
        return
      }
      case 'next':
        void this.nextChunk(job, m.stream, m.req, send)
        return
      case 'close':
        void job.streams.get(m.stream)?.return?.().catch(() => {})
        job.streams.delete(m.stream)
    }
  }

  private async nextChunk(job: Job, stream: number, req: number, send: (r: ToWorker, transfer?: ArrayBuffer[]) => void): Promise<void> {
    const it = job.streams.get(stream)
    const source = job.source!
    try {
      const r = it ? await it.next() : { done: true as const, value: undefined }
      if (r.done) {
        job.streams.delete(stream)
        send({ t: 'chunk', req, chunk: null, truncated: source.truncatedAtCap(), bytesRead: source.bytesRead() })
        return
      }
      const chunk = new Uint8Array(r.value)
      send({ t: 'chunk', req, chunk, truncated: false, bytesRead: null }, [chunk.buffer])
    } catch (err) {
      job.streams.delete(stream)
      send({ t: 'chunk', req, chunk: null, truncated: false, bytesRead: null, error: serializeError(err) })
    }
  }
}

/** What of a content source crosses to the worker: its metadata and head, not its functions. */
function metaOf(c: ContentSource): ContentMeta {
  return { url: c.url, httpStatus: c.httpStatus, contentType: c.contentType, contentLength: c.contentLength, etag: c.etag, lastModified: c.lastModified, head: c.head }
}

const pool = new CheckWorkerPool()
