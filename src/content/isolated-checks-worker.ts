/**
 * The worker thread of src/content/isolated-checks.ts: runs one registered check at a time
 * on a target whose bytes it reads from the main thread, chunk by chunk, and whose schemas
 * the main thread resolves (the fetch engine, its guard and its politeness stay there).
 * Its heap is capped (`resourceLimits`); if a check exhausts it, only this thread dies.
 * The protocol is the one typed in isolated-checks.ts.
 */
import { getPriority, setPriority } from 'node:os'
import { parentPort } from 'node:worker_threads'
import { checks } from '../../checks/index.js'
import type { CheckContext, ContentSource, ResolvedSchema } from '../../checks/types.js'
import { profileContent } from './column-profile.js'
import { DEFAULT_BUDGETS } from '../domain/budgets.js'
import { rebuildError, serializeError, type ContentMeta, type FromWorker, type ProfileJob, type RunJob, type ToWorker } from './isolated-checks-protocol.js'

const port = parentPort!

/**
 * Content checks are background work: this thread yields the CPU to the main thread (the
 * web server answering /api/health, the scheduler) on a loaded machine, where a hostile
 * file's checks would otherwise take its share. On Linux a nice value belongs to a thread,
 * so only this worker is lowered (10 steps, at most to 19). Elsewhere it would lower the
 * whole process, so it is left as it is.
 */
if (process.platform === 'linux') {
  try {
    setPriority(Math.min(19, getPriority() + 10))
  } catch {
    // Not allowed here: the checks still run, only without yielding.
  }
}
const replies = new Map<number, (m: ToWorker) => void>()
let nextRequest = 0

function post(m: FromWorker, transfer: ArrayBuffer[] = []): void {
  port.postMessage(m, transfer)
}

/** Sends a request to the main thread and waits for its answer. */
function ask(build: (req: number) => FromWorker): Promise<ToWorker> {
  const req = ++nextRequest
  return new Promise((resolve) => {
    replies.set(req, resolve)
    post(build(req))
  })
}

/** The body, read from the main thread's content source, one chunk per request. */
function remoteContent(job: { job: number; content: ContentMeta | null }): ContentSource {
  let truncated = false
  let bytesRead: number | null = null
  return {
    ...job.content!,
    truncatedAtCap: () => truncated,
    bytesRead: () => bytesRead,
    async *stream(): AsyncGenerator<Uint8Array> {
      const opened = await ask((req) => ({ t: 'open', job: job.job, req }))
      if (opened.t !== 'opened') throw new Error('unexpected reply')
      let finished = false
      try {
        for (;;) {
          const m = await ask((req) => ({ t: 'next', job: job.job, req, stream: opened.stream }))
          if (m.t !== 'chunk') throw new Error('unexpected reply')
          if (m.error) throw rebuildError(m.error)
          if (m.chunk) {
            yield m.chunk
            continue
          }
          finished = true
          truncated = m.truncated
          bytesRead = m.bytesRead
          return
        }
      } finally {
        if (!finished) post({ t: 'close', job: job.job, stream: opened.stream })
      }
    },
  }
}

async function run(job: RunJob): Promise<void> {
  const check = checks.find((c) => c.id === job.checkId)
  try {
    if (!check) throw new Error(`no registered check ${job.checkId}`)
    const ctx: CheckContext = {
      ...job.ctx,
      async resolveSchema(uri: string): Promise<ResolvedSchema | null> {
        const m = await ask((req) => ({ t: 'schema', job: job.job, req, uri }))
        if (m.t !== 'schema') throw new Error('unexpected reply')
        if (m.error) throw rebuildError(m.error)
        return m.schema
      },
    }
    const target = { ...job.target, content: job.content ? remoteContent(job) : undefined }
    const result = await check.run(target, ctx)
    post({ t: 'result', job: job.job, result })
  } catch (err) {
    post({ t: 'failed', job: job.job, error: serializeError(err) })
  }
}

async function profile(job: ProfileJob): Promise<void> {
  try {
    const result = await profileContent(remoteContent(job), job.format, { ...DEFAULT_BUDGETS, ...job.ctx.budgets })
    post({ t: 'profiled', job: job.job, profile: result })
  } catch {
    // Not readable as a table within the budgets: nothing to keep, as for a body that is no table.
    post({ t: 'profiled', job: job.job, profile: null })
  }
}

port.on('message', (m: ToWorker) => {
  if (m.t === 'run') {
    void run(m)
    return
  }
  if (m.t === 'profile') {
    void profile(m)
    return
  }
  const reply = replies.get(m.req)
  replies.delete(m.req)
  reply?.(m)
})
