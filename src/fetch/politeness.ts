/**
 * Politeness towards the servers we check: per host at most `perHostConnections`
 * requests at once and at least `perHostGapMs` between two request starts, plus one
 * global limit on requests in flight. A host that answers 429/503 is paused for its
 * Retry-After (capped) and its gap grows until `rateLimitMemoryMs` after its last
 * rate-limit answer (default 6 hours: the rest of a sweep), then returns to normal.
 *
 * A slot is taken per request (each redirect hop is a request), so a redirect to another
 * host is polite to that host too. Waiting in line does not count against a URL's budget.
 *
 * The gap is measured between the moments requests are really written to the socket
 * (`Slot.sent()`), not when they were handed to the pool: a new connection takes time to
 * open, and a request on a reused one could otherwise reach the server right behind it.
 * So a host's next request is not let go while the previous one is still connecting.
 */

import type { HttpConfig } from '../config/config.js'
import { EngineClosedError } from './fetch-errors.js'

/** One request's place at a host: call `sent()` when it goes out, `release()` when done. */
export interface Slot {
  sent(): void
  release(): void
}

/**
 * The limits a Politeness enforces: the `http` configuration section's per-host
 * connections and gap, global concurrency, and rate-limit slow-down (longest Retry-After
 * pause, gap growth factor and ceiling, how long a slow-down is remembered).
 */
export type PolitenessOptions = Pick<
  HttpConfig,
  'perHostConnections' | 'perHostGapMs' | 'globalConcurrency' | 'maxRetryAfterMs' | 'rateLimitGapFactor' | 'maxHostGapMs' | 'rateLimitMemoryMs'
>

/** One request waiting in a line: let it go, or turn it away. */
interface Waiter {
  go(): void
  fail(err: Error): void
}

/**
 * A host's line of waiters: taken from the front in O(1). A sweep or `check` queues
 * thousands of URLs on a big host at once, and Array.shift on such a line copied it on
 * every request.
 */
class Line {
  private items: (Waiter | undefined)[] = []
  private head = 0

  get length(): number {
    return this.items.length - this.head
  }

  push(w: Waiter): void {
    this.items.push(w)
  }

  /** Puts `w` first. */
  unshift(w: Waiter): void {
    if (this.head > 0) this.items[--this.head] = w
    else this.items.unshift(w)
  }

  shift(): Waiter | undefined {
    if (this.head >= this.items.length) return undefined
    const w = this.items[this.head]
    this.items[this.head++] = undefined
    if (this.head === this.items.length) {
      this.items = []
      this.head = 0
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
    return w
  }

  remove(w: Waiter): void {
    const i = this.items.indexOf(w, this.head)
    if (i >= 0) this.items.splice(i, 1)
  }

  /** Empties the line; returns who was in it. */
  drain(): Waiter[] {
    const all = this.items.slice(this.head) as Waiter[]
    this.items = []
    this.head = 0
    return all
  }
}

interface HostState {
  active: number
  /** A request has been let go but is not yet on the wire (connecting). */
  sending: boolean
  gapMs: number
  /** When a grown gap returns to perHostGapMs (0 = not slowed down). */
  slowedUntil: number
  /** Earliest time the next request may start. */
  nextStart: number
  waiting: Line
  timer: NodeJS.Timeout | null
}

/** How busy the global request slots were over a stretch of time (see `Politeness.sampleLoad`). */
export interface SlotLoad {
  /** The most requests in flight at once. */
  peakInFlight: number
  /** The global limit (`globalConcurrency`). */
  limit: number
  /** Some request had to wait for a global slot: the limit was reached. */
  waited: boolean
  /** Some request waited for its host's gap or Retry-After pause: politeness, not the network, held it. */
  heldByGap: boolean
}

/** Per-host and global request slots. `acquire` resolves with a release function (call it exactly once). */
export class Politeness {
  private readonly hosts = new Map<string, HostState>()
  private globalActive = 0
  private readonly globalWaiting = new Line()
  private closed = false
  /** Since the last sampleLoad: the most global slots taken at once, and whether a request waited for one. */
  private peakActive = 0
  private waitedForGlobal = false
  private heldByGap = false
  /** Hosts waiting on their gap's timer now. */
  private parkedHosts = 0

  constructor(private readonly opts: PolitenessOptions) {}

  /**
   * Waits for a slot at `host` (hostname:port) and a global slot. `urgent` puts the caller
   * first in the host's line (a redirect hop of a URL already under way). `signal` takes
   * the caller out of the host's line when it aborts; leave it out when nothing can abort
   * the request while it waits (it saves a listener per request, and a sweep makes
   * hundreds of thousands). Everything waiting is turned away by `close()`.
   */
  async acquire(host: string, signal?: AbortSignal, urgent = false): Promise<Slot> {
    if (this.closed) throw new EngineClosedError()
    const state = this.state(host)
    await new Promise<void>((resolve, reject) => {
      let onAbort: (() => void) | null = null
      const waiter: Waiter = {
        go: () => {
          if (onAbort) signal!.removeEventListener('abort', onAbort)
          resolve()
        },
        fail: (err) => {
          if (onAbort) signal!.removeEventListener('abort', onAbort)
          reject(err)
        },
      }
      if (signal) {
        onAbort = () => {
          state.waiting.remove(waiter)
          waiter.fail((signal.reason as Error | undefined) ?? new Error('aborted'))
        }
        signal.addEventListener('abort', onAbort, { once: true })
      }
      if (urgent) state.waiting.unshift(waiter)
      else state.waiting.push(waiter)
      this.pump(host, state)
    })
    // The host slot is held while waiting for a global one: never the other way round, so no deadlock.
    if (this.globalActive >= this.opts.globalConcurrency) {
      this.waitedForGlobal = true
      try {
        await new Promise<void>((resolve, reject) => {
          this.globalWaiting.push({ go: resolve, fail: reject })
        })
      } catch (err) {
        state.active--
        state.sending = false
        throw err
      }
    } else {
      this.globalActive++
      if (this.globalActive > this.peakActive) this.peakActive = this.globalActive
    }
    let released = false
    let sent = false
    const markSent = () => {
      if (sent) return
      sent = true
      state.sending = false
      state.nextStart = Math.max(state.nextStart, Date.now() + state.gapMs)
      this.pump(host, state)
    }
    return {
      sent: markSent,
      release: () => {
        if (released) return
        released = true
        markSent()
        const next = this.globalWaiting.shift()
        if (next) next.go()
        else this.globalActive--
        state.active--
        this.pump(host, state)
      },
    }
  }

  /**
   * The host said "too many requests": no request before `retryAfterMs` from now (capped),
   * and a longer gap from now on.
   */
  slowDown(host: string, retryAfterMs: number | null): void {
    const state = this.state(host)
    // A factor of 1 keeps the gap as it is; a larger one grows it, from 0 too (0 × 2 is still 0).
    const grown = this.opts.rateLimitGapFactor > 1 ? Math.max(state.gapMs * this.opts.rateLimitGapFactor, state.gapMs + 1) : state.gapMs
    state.gapMs = Math.min(grown, Math.max(this.opts.maxHostGapMs, state.gapMs))
    state.slowedUntil = Date.now() + this.opts.rateLimitMemoryMs
    const pause = Math.min(Math.max(retryAfterMs ?? 0, 0), this.opts.maxRetryAfterMs)
    state.nextStart = Math.max(state.nextStart, Date.now() + pause)
  }

  /**
   * How busy the global slots were since the last call (the first: since the start), and
   * a new stretch begins. For one reader: the worker, which claims no more hosts than it
   * can keep busy (src/queue/host-budget.ts).
   */
  sampleLoad(): SlotLoad {
    const load = { peakInFlight: this.peakActive, limit: this.opts.globalConcurrency, waited: this.waitedForGlobal, heldByGap: this.heldByGap }
    this.peakActive = this.globalActive
    this.waitedForGlobal = this.globalWaiting.length > 0
    this.heldByGap = this.parkedHosts > 0
    return load
  }

  /** The current gap of a host, in ms (for reports and tests). */
  gapOf(host: string): number {
    const s = this.hosts.get(host)
    return s ? this.state(host).gapMs : this.opts.perHostGapMs
  }

  /** Stops timers and turns every request still waiting for a slot away (EngineClosedError). */
  close(): void {
    this.closed = true
    for (const s of this.hosts.values()) if (s.timer) clearTimeout(s.timer)
    this.parkedHosts = 0
    const err = new EngineClosedError()
    for (const s of this.hosts.values()) for (const w of s.waiting.drain()) w.fail(err)
    for (const w of this.globalWaiting.drain()) w.fail(err)
  }

  private state(host: string): HostState {
    let s = this.hosts.get(host)
    if (!s) {
      s = { active: 0, sending: false, gapMs: this.opts.perHostGapMs, slowedUntil: 0, nextStart: 0, waiting: new Line(), timer: null }
      this.hosts.set(host, s)
    } else if (s.slowedUntil !== 0 && Date.now() >= s.slowedUntil) {
      s.gapMs = this.opts.perHostGapMs
      s.slowedUntil = 0
    }
    return s
  }

  private pump(host: string, state: HostState): void {
    if (this.closed) return
    while (state.waiting.length > 0 && state.active < this.opts.perHostConnections && !state.sending) {
      const now = Date.now()
      if (now < state.nextStart) {
        if (!state.timer) {
          this.parkedHosts++
          this.heldByGap = true
          state.timer = setTimeout(() => {
            state.timer = null
            this.parkedHosts--
            this.pump(host, state)
          }, state.nextStart - now)
        }
        return
      }
      state.active++
      state.sending = true
      state.nextStart = now + state.gapMs
      state.waiting.shift()!.go()
    }
    // Idle hosts keep their state (the slowed-down gap must survive), which is small.
  }
}
