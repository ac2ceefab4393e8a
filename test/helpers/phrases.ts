/**
 * The phrases of `phrases` that `text` does not contain, in their order. A test expects
 * this to be `[]`, so that a failure names every missing phrase at once rather than the
 * first of a row of `toContain`s.
 */
export function missingPhrases(text: string | undefined, phrases: readonly string[]): string[] {
  return phrases.filter((p) => !(text ?? '').includes(p))
}
