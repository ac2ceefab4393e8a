/**
 * The engine's connection pools: one undici `Pool` per origin, kept while it is in use.
 *
 * undici's `Agent` closes an origin's pool as soon as its last connection closes, and
 * builds a new one (with new clients) for the next request. A probe often ends its
 * connection on purpose (it stops reading at the prefix, the server closes after a
 * refusal, a reset), so a sweep built and threw away a host's pool about 600 times.
 * Here a pool stays while its host is being worked, connections come and go inside it,
 * and a pool unused for `IDLE_MS` (its connections long gone: keep-alive is shorter) is
 * closed by a timer, so a sweep over many thousands of hosts does not keep them all.
 */
import { Pool, type Dispatcher } from 'undici'

/** How long a pool with no request stays. */
const IDLE_MS = 60_000

interface Entry {
  pool: Pool
  lastUsed: number
}

/**
 * The pools, as an undici dispatcher. A pool closed for idleness finishes what it still
 * runs (close is graceful); a new request to its origin gets a new pool. Politeness
 * (src/fetch/politeness.ts), not the pool, is what limits requests per host.
 */
export class HostPools {
  private readonly pools = new Map<string, Entry>()
  private readonly timer: NodeJS.Timeout

  constructor(private readonly options: Pool.Options) {
    this.timer = setInterval(() => this.closeIdle(Date.now() - IDLE_MS), IDLE_MS)
    this.timer.unref()
  }

  /** Dispatches a request to its origin's pool, made on first use. */
  dispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const origin = opts.origin!
    const key = typeof origin === 'string' ? origin : origin.origin
    let e = this.pools.get(key)
    if (!e) {
      e = { pool: new Pool(key, this.options), lastUsed: 0 }
      this.pools.set(key, e)
    }
    e.lastUsed = Date.now()
    return e.pool.dispatch(opts, handler)
  }

  /** How many pools exist now (for tests). */
  get size(): number {
    return this.pools.size
  }

  /** Destroys every pool (requests still running fail). */
  async destroy(): Promise<void> {
    clearInterval(this.timer)
    const all = [...this.pools.values()]
    this.pools.clear()
    await Promise.all(all.map((e) => e.pool.destroy()))
  }

  /** Closes the pools unused since `before`. */
  closeIdle(before: number): void {
    for (const [key, e] of this.pools) {
      if (e.lastUsed > before) continue
      this.pools.delete(key)
      void e.pool.close().catch(() => undefined)
    }
  }
}
