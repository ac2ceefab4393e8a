/**
 * The service's one logger (`datavakt start`, `datavakt worker`, the web app's errors).
 * Two formats of the same line:
 * - `json`: one JSON object a line on stdout, for a log collector: `time`, `level`,
 *   `event` (a stable code), `msg` (the words, in the operator's language), the active
 *   span's `trace_id` and `span_id` when there is one, the line's own fields, and for a
 *   failure `error` ({ name, message, code?, stack? });
 * - `human`: the words alone, as a person at a terminal reads them; warnings and errors
 *   on stderr, an unexpected error's stack after it.
 * `human` when stdout is a terminal, else `json`; DATAVAKT_LOG_FORMAT=json|human decides.
 */
import { DatavaktError } from '../i18n/datavakt-error.js'
import { activeTraceIds } from './spans.js'

export type LogFormat = 'json' | 'human'
export type LogLevel = 'info' | 'warn' | 'error'
export type LogFields = Record<string, string | number | boolean | null | undefined>

export interface Logger {
  readonly format: LogFormat
  info(event: string, msg: string, fields?: LogFields): void
  warn(event: string, msg: string, fields?: LogFields): void
  /** A failure: `error` is described (name, message, a DatavaktError's code; the stack unless it is one of ours). */
  error(event: string, msg: string, fields?: LogFields, error?: unknown): void
}

/** Where lines go: anything with `write` (process.stdout, a test's collector). */
export interface LogSink {
  write(text: string): unknown
}

/** The format for this process: DATAVAKT_LOG_FORMAT when it names one, else human on a terminal. */
export function logFormatFor(out: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): LogFormat {
  const asked = env.DATAVAKT_LOG_FORMAT?.trim().toLowerCase()
  if (asked === 'json' || asked === 'human') return asked
  return out.isTTY === true ? 'human' : 'json'
}

/** A logger writing to `out` (default stdout) and, in human format, warnings and errors to `err` (default stderr). */
export function createLogger(opts: { format?: LogFormat; out?: LogSink & { isTTY?: boolean }; err?: LogSink; now?: () => Date } = {}): Logger {
  const out = opts.out ?? process.stdout
  const err = opts.err ?? process.stderr
  const format = opts.format ?? logFormatFor(out)
  const now = opts.now ?? (() => new Date())
  const write = (level: LogLevel, event: string, msg: string, fields: LogFields | undefined, error?: unknown) => {
    if (format === 'json') {
      out.write(jsonLine(now(), level, event, msg, fields, error) + '\n')
      return
    }
    const stack = error instanceof Error && !isOurs(error) && error.stack ? `\n${error.stack}` : ''
    ;(level === 'info' ? out : err).write(`${msg}${stack}\n`)
  }
  return {
    format,
    info: (event, msg, fields) => write('info', event, msg, fields),
    warn: (event, msg, fields) => write('warn', event, msg, fields),
    error: (event, msg, fields, error) => write('error', event, msg, fields, error),
  }
}

function jsonLine(time: Date, level: LogLevel, event: string, msg: string, fields: LogFields | undefined, error: unknown): string {
  const ids = activeTraceIds()
  const line: Record<string, unknown> = { time: time.toISOString(), level, event, msg }
  if (ids) Object.assign(line, { trace_id: ids.traceId, span_id: ids.spanId })
  for (const [k, v] of Object.entries(fields ?? {})) if (v !== undefined && !(k in line)) line[k] = v
  if (error !== undefined) line.error = describeError(error)
  return JSON.stringify(line)
}

/** A DatavaktError: its words say all, a stack would only add noise. */
function isOurs(error: Error): boolean {
  return error instanceof DatavaktError
}

function describeError(error: unknown): Record<string, string> {
  if (!(error instanceof Error)) return { name: typeof error, message: String(error) }
  const d: Record<string, string> = { name: error.name, message: error.message }
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') d.code = code
  if (!isOurs(error) && error.stack) d.stack = error.stack
  return d
}
