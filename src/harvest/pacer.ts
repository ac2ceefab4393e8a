/**
 * Spaces requests to at most `perSecond` per second (EntryScape politeness). One pacer per
 * harvest of one source; sources are harvested one after the other.
 */
export class Pacer {
  private last = -Infinity
  constructor(private readonly perSecond: number) {}
  /** Resolves when the next request may start: at least 1/perSecond s after the previous one started. */
  async wait(): Promise<void> {
    const gap = 1000 / this.perSecond
    const due = this.last + gap - Date.now()
    if (due > 0) await new Promise((r) => setTimeout(r, due))
    // Counted from when the request really goes, so a late timer never lets two go together.
    this.last = Date.now()
  }
}
