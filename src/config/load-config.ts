import { readFileSync, existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { Ajv } from 'ajv'
import { defaultConfig, type Config } from './config.js'
import { configSchema } from './config-schema.js'

/** Thrown when the configuration file cannot be read or does not validate. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

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
export function parseConfig(input: unknown, origin = 'configuration'): Config {
  if (!validate(input)) {
    const lines = (validate.errors ?? []).map((e) => {
      const path = e.instancePath || '/'
      if (e.keyword === 'additionalProperties') return `${path}: unknown key "${String(e.params.additionalProperty)}"`
      if (e.keyword === 'enum') return `${path}: must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`
      if (e.keyword === 'required') return `${path}: missing required key "${String(e.params.missingProperty)}"`
      return `${path}: ${e.message ?? 'invalid'}`
    })
    throw new ConfigError(`Invalid ${origin}:\n  ${lines.join('\n  ')}`)
  }
  const given = input as ConfigInput
  const merged: Config = { ...defaultConfig }
  for (const key of Object.keys(given) as (keyof Config)[]) {
    const value = given[key]
    const base = defaultConfig[key]
    if (value !== undefined && base && typeof base === 'object' && !Array.isArray(base)) {
      ;(merged as unknown as Record<string, unknown>)[key] = { ...base, ...(value as object) }
    } else if (value !== undefined) {
      ;(merged as unknown as Record<string, unknown>)[key] = value
    }
  }
  const ids = new Set<string>()
  merged.sources.forEach((s, i) => {
    if (ids.has(s.id)) throw new ConfigError(`Invalid ${origin}:\n  /sources/${i}/id: duplicate source id "${s.id}"`)
    ids.add(s.id)
  })
  return merged
}

/**
 * Loads the configuration: the file named by DATAVAKT_CONFIG, else `./datavakt.config.json`
 * if it exists, else the defaults. DATAVAKT_DATA_DIR overrides `dataDir`.
 * Throws ConfigError for a missing explicit file, bad JSON (with line and column) or a
 * schema violation.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const explicit = env.DATAVAKT_CONFIG
  const path = resolve(cwd, explicit ?? 'datavakt.config.json')
  let config: Config
  if (!existsSync(path)) {
    if (explicit) throw new ConfigError(`Configuration file not found: ${path} (from DATAVAKT_CONFIG)`)
    config = { ...defaultConfig }
  } else {
    const text = readFileSync(path, 'utf8')
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (err) {
      throw new ConfigError(`${path} is not valid JSON: ${(err as Error).message}`, { cause: err })
    }
    config = parseConfig(json, path)
  }
  if (env.DATAVAKT_DATA_DIR) config = { ...config, dataDir: env.DATAVAKT_DATA_DIR }
  return config
}
