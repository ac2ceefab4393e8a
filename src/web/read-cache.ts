import type { Context, MiddlewareHandler } from 'hono'
import type { ReadCacheConfig } from '../config/config.js'
import type { Db } from '../db/database.js'
import { readGeneration } from '../db/read-generation.js'

/** What a public read answered, as sent (compressed when it was): kept while the data is unchanged. */
interface Entry {
  generation: string
  storedAt: number
  headers: [string, string][]
  /**
   * Bytes, not an ArrayBuffer: @hono/node-server writes a Response whose body is a string or
   * a Uint8Array straight to the socket in one write, while any other body (an ArrayBuffer
   * too) goes through a full web Response and a ReadableStream, which cost a kept badge more
   * than the rest of its answer (npm run bench:api).
   */
  body: Uint8Array<ArrayBuffer>
}

/** The public reads the cache may keep: the pages, badges, feeds and the API, never the admin's or the operator's. */
const PAGES = new Set(['/', '/organisation', '/dataset', '/distribution'])
const LIVE_API = ['/api/admin', '/api/health', '/api/work-runs']
export function isCachedRead(path: string): boolean {
  if (PAGES.has(path) || path.startsWith('/badge/') || path.startsWith('/feed/')) return true
  return path.startsWith('/api/') && !LIVE_API.some((p) => path === p || path.startsWith(`${p}/`))
}

/** Kept answers, bounded by their bytes: the one used longest ago leaves first (a Map's order is the order of use). */
class KeptAnswers {
  private readonly entries = new Map<string, Entry>()
  private bytes = 0

  constructor(private readonly maxBytes: number) {}

  get(key: string): Entry | undefined {
    return this.entries.get(key)
  }

  /** Marks the answer under `key` as just used. */
  touch(key: string): void {
    const entry = this.entries.get(key)
    if (!entry) return
    this.entries.delete(key)
    this.entries.set(key, entry)
  }

  /** Keeps `entry` under `key` (an answer over an eighth of the budget is not kept), then makes room. */
  keep(key: string, entry: Entry): void {
    this.forget(key)
    if (entry.body.byteLength > this.maxBytes / 8) return
    this.entries.set(key, entry)
    this.bytes += entry.body.byteLength
    for (const [k] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.forget(k)
    }
  }

  private forget(key: string): void {
    const old = this.entries.get(key)
    if (!old) return
    this.bytes -= old.body.byteLength
    this.entries.delete(key)
  }
}

/**
 * The answer cache of public reads. A GET of a page, a badge, a feed or the public API that
 * was answered 200 is kept, as sent (compressed), under its address, Accept and
 * Accept-Encoding, and served again while the database's read generation
 * (src/db/read-generation.ts) is unchanged: any write to what the reads show makes every
 * kept answer stale at once, so a page never contradicts another. The generation is looked
 * at again once the last look is half of `checkMs` old, while that last look still answers
 * (no request waits for the database unless the last look is a whole `checkMs` old), so an
 * answer can lag a write by `checkMs`; and an answer is
 * never kept longer than `maxAgeSeconds`, which bounds the one case the generation cannot see
 * (a read that ran while the write's transaction had not yet committed). Requests that miss
 * on the same key while one is being answered wait for that one (no stampede on a busy page).
 * Bounded by `maxMb`, the answer used longest ago leaving first. Answers with Set-Cookie or
 * `Cache-Control: no-store`/`private` are never kept. A kept answer with an ETag answers a
 * matching If-None-Match with 304.
 */
export function readCache(db: Db, config: ReadCacheConfig, now: () => number = Date.now): MiddlewareHandler {
  const entries = new KeptAnswers(config.maxMb * 1024 * 1024)
  const pending = new Map<string, Promise<Entry | null>>()
  // The generation last read, with the time its read began, and a read under way.
  let known: { value: string; at: number } | undefined
  let looking: Promise<string> | undefined
  const look = (t: number): Promise<string> => {
    if (!looking) {
      looking = readGeneration(db).then(
        (value) => ((known = { value, at: t }), (looking = undefined), value),
        (err: unknown) => {
          looking = undefined
          throw err
        },
      )
      looking.catch(() => {}) // also handled by whoever waits for it; none may
    }
    return looking
  }
  // Read ahead: from half of checkMs on, a new look starts while the last one still answers,
  // so no request waits for the database's round trip (which, once a second, held up every
  // kept answer in flight) unless the last look is a whole checkMs old.
  const currentGeneration = (): string | Promise<string> => {
    const t = now()
    const age = known ? t - known.at : Infinity
    if (age < config.checkMs / 2) return known!.value
    const next = look(t)
    return age < config.checkMs ? known!.value : next
  }

  return async (c, next) => {
    if (config.maxMb <= 0 || c.req.method !== 'GET' || c.req.header('authorization') || !isCachedRead(c.req.path)) return next()
    const key = `${c.req.url}\n${c.req.header('accept') ?? ''}\n${c.req.header('accept-encoding') ?? ''}`
    const gen = await currentGeneration()
    const kept = entries.get(key)
    if (kept && kept.generation === gen && now() - kept.storedAt < config.maxAgeSeconds * 1000) {
      entries.touch(key)
      return answer(c, kept)
    }
    const running = pending.get(key)
    if (running) {
      const shared = await running.catch(() => null)
      if (shared) return answer(c, shared)
      return next()
    }
    const work = (async (): Promise<Entry | null> => {
      await next()
      const res = c.res
      const cc = res.headers.get('cache-control') ?? ''
      if (res.status !== 200 || res.headers.has('set-cookie') || /no-store|private/i.test(cc) || !res.body) return null
      const body = new Uint8Array(await res.clone().arrayBuffer())
      const headers: [string, string][] = []
      res.headers.forEach((value, name) => headers.push([name, value]))
      const entry: Entry = { generation: gen, storedAt: now(), headers, body }
      entries.keep(key, entry)
      return entry
    })()
    pending.set(key, work)
    try {
      await work
    } finally {
      pending.delete(key)
    }
  }
}

/** A kept answer, or 304 when the client already holds it. */
function answer(c: Context, entry: Entry): Response {
  const headers = new Headers(entry.headers)
  const etag = headers.get('etag')
  const asked = c.req.header('if-none-match')
  if (etag && asked && asked.split(',').some((t) => t.trim().replace(/^W\//, '') === etag.replace(/^W\//, ''))) {
    const kept = new Headers()
    for (const name of ['etag', 'cache-control', 'vary', 'access-control-allow-origin', 'access-control-expose-headers']) {
      const v = headers.get(name)
      if (v) kept.set(name, v)
    }
    return new Response(null, { status: 304, headers: kept })
  }
  return new Response(entry.body, { status: 200, headers })
}
