/**
 * Remembers which values a unique field (or primary key) has had, and in which row, as
 * cheaply as the values allow. Ids are usually dense non-negative integers (1, 2, 3 ...):
 * those go into a growable Int32Array indexed by the value (4 bytes per id instead of
 * ~36 for a Map entry), as long as the array stays at most 8 times denser than the
 * values seen and under 16 M entries. Anything else (strings, negative, sparse or huge
 * numbers) goes into a Map.
 */
import type { CellValue } from './field-types.js'

const MAX_DENSE = 1 << 24

export class SeenValues {
  private dense: Int32Array = new Int32Array(1024)
  private denseCount = 0
  private readonly map = new Map<CellValue | string, number>()

  /** The row where `v` was first seen, or undefined; records `row` when it is new. */
  firstRowOr(v: CellValue | string, row: number): number | undefined {
    if (typeof v === 'number' && v >= 0 && Number.isInteger(v)) {
      if (v >= this.dense.length && v < MAX_DENSE && v < 8 * (this.denseCount + 1024)) this.grow(v)
      if (v < this.dense.length) {
        const first = this.dense[v]!
        if (first !== 0) return first
        // A value stored in the map before the array grew over it.
        if (this.map.size > 0) {
          const m = this.map.get(v)
          if (m !== undefined) return m
        }
        this.dense[v] = row
        this.denseCount++
        return undefined
      }
    }
    const first = this.map.get(v)
    if (first === undefined) this.map.set(v, row)
    return first
  }

  private grow(v: number): void {
    let size = this.dense.length
    while (size <= v) size *= 2
    const next = new Int32Array(Math.min(size, MAX_DENSE))
    next.set(this.dense)
    this.dense = next
  }
}
