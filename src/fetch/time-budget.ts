/**
 * A time budget that only runs while its owner holds a request slot: waiting politely in
 * a host's queue (between redirect hops too) is not the URL's fault and must not turn
 * into `budget-exceeded`. When the budget is spent, `onSpent` fires once.
 */
export class TimeBudget {
  private used = 0
  private since: number | null = null
  private timer: NodeJS.Timeout | null = null
  private spent = false

  constructor(
    private readonly ms: number,
    private readonly onSpent: () => void,
    private readonly unref = false,
  ) {}

  /** Starts (or continues) spending. */
  resume(): void {
    if (this.since !== null || this.spent) return
    this.since = performance.now()
    this.timer = setTimeout(() => {
      this.spent = true
      this.onSpent()
    }, Math.max(0, this.ms - this.used))
    if (this.unref) this.timer.unref()
  }

  /** Stops spending until the next resume. */
  pause(): void {
    if (this.since === null) return
    this.used += performance.now() - this.since
    this.since = null
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  /** Milliseconds spent so far. */
  elapsed(): number {
    return this.used + (this.since !== null ? performance.now() - this.since : 0)
  }
}
