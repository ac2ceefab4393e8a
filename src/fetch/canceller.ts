import type { Readable } from 'node:stream'
import { errors } from 'undici'

/**
 * Cancels one operation's request under way (a probe's or a whole body's, hop after hop)
 * when its time is up, as an AbortSignal given to undici would, without one: a signal per
 * probe cost an AbortController, an event listener and its removal on every request of a
 * sweep. undici hands each request's abort function to the dispatcher hook
 * (sending-via.ts, `started`); once the answer's headers came, its body is what is
 * destroyed (`answered`). Cancelled before the request went out, it is aborted as soon as
 * it does.
 *
 * It also keeps each request's headers timeout, to the millisecond: undici's own timer for
 * a limit over a second fires up to about a second late (its "fast timers" tick every
 * half second), so a host that never answers held a connection 3.3-3.5 s under a 3 s
 * limit. undici's timer stays as a backstop; this one fires first, with undici's own
 * error, so the probe's code is the same (`timeout`). The body's idle timeout is undici's
 * alone.
 */
export class Canceller {
  private why: Error | null = null
  private abortRequest: ((err: Error) => void) | null = null
  private body: Readable | null = null
  private headersTimer: NodeJS.Timeout | null = null

  /** True once `cancel` was called. */
  get cancelled(): boolean {
    return this.why !== null
  }

  /** Why it was cancelled (null while it was not). */
  get reason(): Error | null {
    return this.why
  }

  /** Cancels the request under way (or the next one, as soon as it starts). Only the first call counts. */
  cancel(reason: Error): void {
    if (this.why) return
    this.why = reason
    if (this.body) this.body.destroy(reason)
    else this.abortRequest?.(reason)
  }

  /** A request went out; `abort` ends it, and does so when no headers came within `headersTimeoutMs`. */
  started(abort: (err: Error) => void, headersTimeoutMs: number): void {
    this.body = null
    if (this.why) return abort(this.why)
    this.abortRequest = abort
    this.headersTimer = setTimeout(() => {
      this.headersTimer = null
      abort(new errors.HeadersTimeoutError())
    }, headersTimeoutMs)
  }

  /** Its answer's headers came: from now on the body is what a cancel destroys. */
  answered(body: Readable): void {
    this.settled()
    this.body = body
  }

  /** The request ended, answered or not: its headers timeout is off. */
  settled(): void {
    this.abortRequest = null
    if (this.headersTimer) {
      clearTimeout(this.headersTimer)
      this.headersTimer = null
    }
  }
}
