import { readFileSync, existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { Ajv } from 'ajv'
import { Cron } from 'croner'
import { defaultConfig, type Config, type ScheduleConfig } from './config.js'
import { configSchema } from './config-schema.js'
import { ConfigError, schemaProblem, type ConfigProblem } from './config-error.js'

export { ConfigError } from './config-error.js'

const ajv = new Ajv({ allErrors: true, strict: false })
const validate = ajv.compile(configSchema)

/** A deep partial of Config, as written in the file or passed by a caller. */
export type ConfigInput = {
  [K in keyof Config]?: Config[K] extends unknown[] ? Config[K] : Config[K] extends object ? Partial<Config[K]> : Config[K]
}

/**
 * Validates `input` against the config schema and merges it over the defaults.
 * Refuses unknown keys and wrong types with a ConfigError naming the JSON path and what
 * was expected, e.g. `/sources/0/kind: must be one of dcat, ckan, entryscape`.
 */
export function parseConfig(input: unknown, origin?: string): Config {
  if (!validate(input)) throw new ConfigError('config.invalid', { origin }, (validate.errors ?? []).map(schemaProblem))
  const given = input as ConfigInput
  const merged = mergeOver(defaultConfig, given) as Config
  const problems: ConfigProblem[] = []
  const ids = new Set<string>()
  merged.sources.forEach((s, i) => {
    if (ids.has(s.id)) problems.push({ path: `/sources/${i}/id`, code: 'config.problem.duplicate-source', params: { id: s.id } })
    ids.add(s.id)
  })
  problems.push(...scheduleProblems(merged.schedule))
  const quiet = merged.alerts.quietHours
  if (quiet && !validTimeZone(quiet.timeZone)) {
    problems.push({ path: '/alerts/quietHours/timeZone', code: 'config.problem.timezone', params: { value: quiet.timeZone } })
  }
  if (problems.length) throw new ConfigError('config.invalid', { origin }, problems)
  return merged
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** `given` over `base`, object by object at every depth (`web.rateLimit.burst` alone keeps the other defaults); arrays and values replace. */
function mergeOver(base: unknown, given: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(given)) return given === undefined ? base : given
  const out: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(given)) if (value !== undefined) out[key] = mergeOver(base[key], value)
  return out
}

/** True when Intl knows the IANA time zone. */
function validTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone })
    return true
  } catch {
    return false
  }
}

/**
 * The schedule's time zone and cron patterns, checked here so that a mistake stops a
 * command at once (exit 2) instead of when the scheduler starts.
 */
function scheduleProblems(schedule: ScheduleConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  let timezone: string | undefined = schedule.timezone
  if (!validTimeZone(timezone)) {
    problems.push({ path: '/schedule/timezone', code: 'config.problem.timezone', params: { value: timezone } })
    timezone = undefined
  }
  for (const name of ['harvest', 'availabilitySweep', 'contentChecks', 'rollups', 'alerts', 'regionalSummary', 'alertsOutbox', 'retention'] as const) {
    try {
      new Cron(schedule[name], { timezone, paused: true }).stop()
    } catch {
      problems.push({ path: `/schedule/${name}`, code: 'config.problem.cron', params: { value: schedule[name] } })
    }
  }
  return problems
}

/**
 * Loads the configuration: the file named by DATAVAKT_CONFIG, else `./datavakt.config.json`
 * if it exists, else the defaults. DATAVAKT_DATA_DIR overrides `dataDir`.
 * Throws ConfigError for a missing explicit file (saying what named it: `namedBy`, e.g.
 * `--config`), bad JSON (with line and column) or a schema violation.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd(), namedBy = 'DATAVAKT_CONFIG'): Config {
  const explicit = env.DATAVAKT_CONFIG
  const path = resolve(cwd, explicit ?? 'datavakt.config.json')
  let config: Config
  if (!existsSync(path)) {
    if (explicit) throw new ConfigError('config.not-found', { path, namedBy })
    config = { ...defaultConfig }
  } else {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (err) {
      throw new ConfigError('config.unreadable', { path, reason: (err as NodeJS.ErrnoException).code ?? 'EIO' }, [], { cause: err })
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (err) {
      throw new ConfigError('config.not-json', { path, ...jsonErrorPlace(text, err as Error) }, [], { cause: err })
    }
    config = parseConfig(json, path)
  }
  if (env.DATAVAKT_DATA_DIR) config = { ...config, dataDir: env.DATAVAKT_DATA_DIR }
  return config
}

/** Line and column (from 1) of a JSON.parse error when V8 gives its position; `end` when the text ends too early. */
function jsonErrorPlace(text: string, err: Error): { line?: number; column?: number; end?: boolean } {
  const at = /position (\d+)/.exec(err.message)
  if (!at) return /end of JSON/.test(err.message) ? { end: true } : {}
  const before = text.slice(0, Number(at[1]))
  const lines = before.split('\n')
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 }
}
