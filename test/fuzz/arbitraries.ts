/**
 * fast-check generators shared by the fuzz suites: hostile strings, long fields, wide
 * tables, deep nesting and regular expressions that backtrack, plus how many cases and
 * which seed (FUZZ_RUNS, FUZZ_SEED: a failure prints the seed and path to replay it).
 */
import fc from 'fast-check'

export const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000)
export const SEED = Number(process.env.FUZZ_SEED ?? 20261205)

/** Characters that break naive parsers: quotes, separators, line ends, BOM, NUL, markup, surrogates. */
const NASTY = ['"', '""', "'", ',', ';', '\t', '\n', '\r\n', '\r', '\uFEFF', '\u0000', '<', '>', '&', '\\', '{', '}', '[', ']', 'ä', 'Å', '😀', '\uD800', '<script>', ']]>', '@', '#', ':', '_:b', '\u2028']

/** A short string, often made of nasty pieces. */
export const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...NASTY), { maxLength: 6 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
)

/** A field that is sometimes very long (up to 20,000 characters). */
export const field = fc.oneof(
  { weight: 20, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'x"', ',', '\n'), fc.integer({ min: 500, max: 4000 })).map(([c, n]) => c.repeat(Math.ceil(n / c.length))) },
)

/** Regular expressions that backtrack exponentially on a backtracking engine, that RE2 refuses, or that are not expressions at all. */
export const hostilePattern = fc.oneof(
  fc.constantFrom('(a+)+$', '(a|aa)*b', '(x+x+)+y', '^(([a-z])+.)+[A-Z]([a-z])+$', '(?=a)a', '(a)\\1', '[', '(', '\\', 'a{1000000}', '(?<n>a)\\k<n>', '.*.*.*.*.*.*=', '\\p{L}+', ''),
  fc.string({ maxLength: 20 }),
  fc.integer({ min: 1, max: 5000 }).map((n) => 'a'.repeat(n)),
)

/** A table: a header and rows (sometimes ragged, sometimes wide, sometimes with repeated labels). */
export const table = fc.oneof(
  { weight: 8, arbitrary: fc.array(fc.array(field, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 8 }) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: 100, max: 800 }), fc.boolean()).map(([n, dup]) => {
      const header = Array.from({ length: n }, (_, i) => (dup ? 'a' : `c${i}`))
      return [header, header.map(() => '1')]
    }),
  },
)

/** Deep or broken nesting, as JSON text. */
export const deepJson = fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.constantFrom('[', '{"a":'), fc.boolean()).map(([n, open, closed]) => {
  const close = open === '[' ? ']' : '}'
  return open.repeat(n) + (open === '[' ? '1' : '1') + (closed ? close.repeat(n) : close.repeat(Math.floor(n / 2)))
})
