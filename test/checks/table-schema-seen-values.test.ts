/** SeenValues: the compact memory of unique values and keys, dense integers and the rest. */
import { describe, expect, it } from 'vitest'
import { SeenValues } from '../../checks/table-schema/seen-values.js'

describe('SeenValues', () => {
  it('remembers the first row of dense integer ids, growing as they climb', () => {
    const s = new SeenValues()
    for (let id = 1; id <= 100_000; id++) expect(s.firstRowOr(id, id + 1)).toBeUndefined()
    expect(s.firstRowOr(1, 999)).toBe(2)
    expect(s.firstRowOr(100_000, 999)).toBe(100_001)
    expect(s.firstRowOr(0, 5)).toBeUndefined()
    expect(s.firstRowOr(0, 6)).toBe(5)
  })

  it('keeps strings, negative, fractional and sparse huge numbers apart in a map', () => {
    const s = new SeenValues()
    for (const [v, row] of [['a', 2], [-3, 3], [1.5, 4], [1e12, 5], [NaN, 6]] as const) expect(s.firstRowOr(v, row)).toBeUndefined()
    expect(s.firstRowOr('a', 9)).toBe(2)
    expect(s.firstRowOr(-3, 9)).toBe(3)
    expect(s.firstRowOr(1.5, 9)).toBe(4)
    expect(s.firstRowOr(1e12, 9)).toBe(5)
    expect(s.firstRowOr(NaN, 9)).toBe(6)
    expect(s.firstRowOr('1', 9)).toBeUndefined()
  })

  it('finds a value stored in the map before the dense array grew over it', () => {
    const s = new SeenValues()
    // 50 000 is too sparse for the array at first (8 × (0 + 1024) = 8192): it goes to the map.
    expect(s.firstRowOr(50_000, 2)).toBeUndefined()
    for (let id = 1; id <= 20_000; id++) s.firstRowOr(id, id + 10)
    // Now the array may grow past 50 000; the earlier value must still be found.
    expect(s.firstRowOr(50_001, 3)).toBeUndefined()
    expect(s.firstRowOr(50_000, 4)).toBe(2)
  })
})
