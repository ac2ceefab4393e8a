/**
 * Schema patterns (Table Schema `pattern`, JSON Schema `pattern` and `patternProperties`)
 * run on RE2 (re2js, pure JavaScript): matching is linear in the input, so no schema can
 * make a check backtrack for ever. A pattern RE2 cannot run (lookaround, backreferences)
 * or longer than the budget is a schema error, never a fallback to the backtracking engine.
 */
import { RE2JS } from 're2js'
import { DEFAULT_BUDGETS } from '../../src/domain/budgets.js'
import type { MessageParams } from '../../src/domain/finding.js'
import { DatavaktError } from '../../src/i18n/datavakt-error.js'

/** Thrown when a schema pattern cannot be run on the linear-time engine. */
export class UnsafePatternError extends DatavaktError {
  override name = 'UnsafePatternError'
  declare readonly code: 'checks.pattern.too-long' | 'checks.pattern.unsafe'

  constructor(code: UnsafePatternError['code'], params: MessageParams, options?: { cause?: unknown }) {
    super(code, params, options)
  }
}

function compile(pattern: string, maxLength: number): RE2JS {
  if (pattern.length > maxLength) throw new UnsafePatternError('checks.pattern.too-long', { limit: maxLength })
  try {
    return RE2JS.compile(pattern)
  } catch (err) {
    throw new UnsafePatternError('checks.pattern.unsafe', { pattern: JSON.stringify(pattern.slice(0, 200)) }, { cause: err })
  }
}

/** A whole-value matcher for a Table Schema `pattern` (anchored at both ends, as the spec says). */
export function compileWholePattern(pattern: string, maxLength = DEFAULT_BUDGETS.patternLength): (value: string) => boolean {
  const re = compile(pattern, maxLength)
  return (value) => re.matches(value)
}

/** ajv's `code.regExp` option: JSON Schema patterns search anywhere in the value, on RE2. */
export function re2RegExpEngine(maxLength = DEFAULT_BUDGETS.patternLength): { (pattern: string, flags: string): { test(s: string): boolean }; code: string } {
  const engine = (pattern: string, _flags: string) => {
    const re = compile(pattern, maxLength)
    return { test: (s: string) => re.test(s) }
  }
  return Object.assign(engine, { code: 'unsafe-pattern' })
}
