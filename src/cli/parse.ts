import { parseArgs, type ParseArgsConfig } from 'node:util'
import type { MessageKey } from '../i18n/catalogue.js'
import { UsageError } from './usage-error.js'

/**
 * node:util parseArgs, strict, turning its errors into a UsageError with a catalogue key
 * (exit code 2) so every command reports an unknown flag or a missing value the same way,
 * in the reader's language, never with Node's own English text.
 */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true })
  } catch (err) {
    throw usageErrorFor(err as NodeJS.ErrnoException, options)
  }
}

/** The UsageError for one of parseArgs' errors, found by its `code` and the option's type. */
function usageErrorFor(err: NodeJS.ErrnoException, options: NonNullable<ParseArgsConfig['options']>): UsageError {
  // parseArgs names the option or argument in quotes: '--port <value>', '-x', 'extra'.
  const quoted = /'([^']*)'/.exec(err.message)?.[1] ?? ''
  const option = quoted.split(/[ ,]+/).filter((w) => w.startsWith('--')).pop() ?? quoted.split(' ')[0]!
  let key: MessageKey
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      key = 'cli.error.unknown-option'
      break
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      // A string option given no value, or a boolean option given one.
      key = options[option.replace(/^--/, '')]?.type === 'string' ? 'cli.error.missing-value' : 'cli.error.no-value'
      break
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError('cli.error.no-positionals', { value: quoted }, { cause: err })
    default:
      return new UsageError('cli.error.bad-arguments', { code: err.code ?? 'unknown' }, { cause: err })
  }
  return new UsageError(key, { option }, { cause: err })
}

/** The integer flag `--name`, or undefined when not given; a UsageError when outside min..max. */
export function intFlag(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError('cli.error.integer', { option: name, min, max, value })
  return n
}
