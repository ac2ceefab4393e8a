/**
 * Resource budgets: the one home of every limit on what a hostile file, schema or server
 * can make datavakt spend. (Network deadlines and byte caps of fetches stay with the
 * fetch engine's configuration, `http.*`: every fetch takes an overall deadline there.) Readers take their limits from here (config may override the
 * defaults); nothing else hard-codes a byte, time, column, field or regex limit.
 *
 * - `fieldBytes`     the longest CSV field (one record, in fact) read; longer is a `field-too-long` finding
 * - `columns`        the widest header checked; wider is checked up to this many columns
 * - `profileColumns` the widest table whose column profile is kept for breaking changes (src/content/column-profile.ts); a wider one is not profiled
 * - `patternLength`  the longest schema `pattern`; longer is a schema error
 * - `schemaBytes`    the largest schema document fetched (checks/schema-registry.ts); bigger is not read, the specification is unknown
 * - `fileChecksDeadlineMs` overall deadline of one file's content checks; missed → `timeout`
 * - `jsonNesting`    the deepest JSON nesting parsed (checks/table-schema/validate-json.ts); deeper is a `nesting-too-deep` finding
 * - `workerHeapMb`   old-generation heap of a content-check worker (src/content/isolated-checks.ts); exhausted → `check-out-of-memory`
 */
export interface Budgets {
  fieldBytes: number
  columns: number
  profileColumns: number
  patternLength: number
  schemaBytes: number
  fileChecksDeadlineMs: number
  jsonNesting: number
  workerHeapMb: number
}

export const DEFAULT_BUDGETS: Readonly<Budgets> = Object.freeze({
  fieldBytes: 16 * 1024 * 1024,
  columns: 100_000,
  profileColumns: 2_000,
  patternLength: 2_000,
  schemaBytes: 5 * 1024 * 1024,
  fileChecksDeadlineMs: 10 * 60_000,
  jsonNesting: 1_000,
  workerHeapMb: 1_024,
})

/** The defaults with `overrides` (from configuration) applied. */
export function budgetsWith(overrides: Partial<Budgets> | undefined): Budgets {
  return { ...DEFAULT_BUDGETS, ...(overrides ?? {}) }
}
