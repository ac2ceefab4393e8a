import type { Readable } from 'node:stream'

/**
 * Cancels one operation's request under way (a probe's or a whole body's, hop after hop)
 * when its time is up, as an AbortSignal given to undici would, without one: a signal per
 * probe cost an AbortController, an event listener and its removal on every request of a
 * sweep. undici hands each request's abort function to the dispatcher hook
 * (sending-via.ts, `started`); once the answer's headers came, its body is what is
 * destroyed (`answered`). Cancelled before the request went out, it is aborted as soon as
 * it does.
 */
export class Canceller {
  private why: Error | null = null
  private abortRequest: ((err: Error) => void) | null = null
  private body: Readable | null = null

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

  /** A request went out; `abort` ends it. */
  started(abort: (err: Error) => void): void {
    this.body = null
    if (this.why) abort(this.why)
    else this.abortRequest = abort
  }

  /** Its answer's headers came: from now on the body is what a cancel destroys. */
  answered(body: Readable): void {
    this.body = body
    this.abortRequest = null
  }
}
