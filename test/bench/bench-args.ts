/**
 * The benches' checks of their options: a bad value stops the bench at once with a line
 * that names the option and what it got (exit 2), instead of a run of nothing or of NaN.
 */

/** `value` of `--name` as a whole number of at least `min`; else says so and exits. */
export function wholeNumber(bench: string, name: string, value: string | undefined, min = 1): number {
  const v = Number(value)
  if (value === undefined || value.trim() === '' || !Number.isInteger(v) || v < min) stop(bench, `--${name} must be a whole number of at least ${min}, not "${value}"`)
  return v
}

/** `value` of `--name` as comma-separated whole numbers, each from `min` to `max`; else says so and exits. */
export function wholeNumbers(bench: string, name: string, value: string | undefined, min = 1, max = Number.MAX_SAFE_INTEGER): number[] {
  const parts = (value ?? '').split(',').map((p) => p.trim())
  const nums = parts.map(Number)
  if (parts.some((p) => p === '') || nums.some((n) => !Number.isInteger(n) || n < min || n > max)) {
    stop(bench, `--${name} must be whole numbers from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}, comma-separated, not "${value}"`)
  }
  return nums
}

/** `value` of `--name`, one of `known`; else says so and exits. */
export function oneOf<T extends string>(bench: string, name: string, value: string | undefined, known: readonly T[]): T {
  if (!known.includes(value as T)) stop(bench, `--${name} takes ${known.join(' or ')}, not "${value}"`)
  return value as T
}

/** `value` of `--name` as a number from 0 to 1; else says so and exits. */
export function fraction(bench: string, name: string, value: string | undefined): number {
  const v = Number(value)
  if (value === undefined || value.trim() === '' || !Number.isFinite(v) || v < 0 || v > 1) stop(bench, `--${name} must be a number from 0 to 1, not "${value}"`)
  return v
}

/** `--only`'s comma-separated names, each one of `known`; else says which is not and exits. */
export function onlyOf(bench: string, value: string | undefined, known: readonly string[]): string[] | undefined {
  if (value === undefined) return undefined
  const names = value.split(',').map((n) => n.trim())
  const unknown = names.filter((n) => !known.includes(n))
  if (unknown.length > 0 || names.length === 0) stop(bench, `--only takes ${known.join(', ')} (comma-separated), not "${unknown.join(',') || value}"`)
  return names
}

function stop(bench: string, message: string): never {
  console.error(`${bench}: ${message}`)
  process.exit(2)
}
