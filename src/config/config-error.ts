import type { ErrorObject } from 'ajv'
import type { MessageParams } from '../domain/finding.js'
import { t, type MessageKey } from '../i18n/catalogue.js'
import { DatavaktError } from '../i18n/datavakt-error.js'
import type { Lang } from '../i18n/lang.js'

/** One mistake in a configuration: where (a JSON path such as `/sources/0/kind`) and what. */
export interface ConfigProblem {
  path: string
  /** What the path points into, by its own name (a preset row's organisation), said after the path. */
  subject?: string
  code: MessageKey
  params?: MessageParams
}

/**
 * The configuration cannot be read or does not validate. `code` and `params` say what
 * (`config.invalid`, `config.not-json`, ...); `problems` lists each mistake with its JSON
 * path. A command that meets it exits with code 2.
 */
export class ConfigError extends DatavaktError {
  override name = 'ConfigError'
  readonly problems: readonly ConfigProblem[]

  constructor(code: MessageKey, params: MessageParams = {}, problems: readonly ConfigProblem[] = [], options?: { cause?: unknown }) {
    super(code, params, options)
    this.problems = problems
    this.message = this.describe('en')
  }

  override describe(lang: Lang): string {
    const head = t(lang, this.code, this.params)
    return [head, ...this.problems.map((p) => `  ${p.path}${p.subject ? ` (${p.subject})` : ''}: ${t(lang, p.code, p.params)}`)].join('\n')
  }
}

/**
 * One ajv error as a ConfigProblem with its JSON path: the one place a schema violation
 * becomes catalogue words, so that every file checked with ajv says its mistakes alike.
 */
export function schemaProblem(e: ErrorObject): ConfigProblem {
  const path = e.instancePath || '/'
  const p = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'additionalProperties':
      return { path, code: 'config.problem.unknown-key', params: { key: String(p.additionalProperty) } }
    case 'enum':
      return { path, code: 'config.problem.one-of', params: { values: (p.allowedValues as unknown[]).map(String) } }
    case 'required':
      return { path, code: 'config.problem.missing-key', params: { key: String(p.missingProperty) } }
    case 'type':
      return { path, code: 'config.problem.type', params: { type: ([] as unknown[]).concat(p.type).map(String) } }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { path, code: 'config.problem.limit', params: { comparison: String(p.comparison), limit: Number(p.limit) } }
    case 'pattern':
      return { path, code: 'config.problem.pattern', params: { pattern: String(p.pattern) } }
    case 'minLength':
      return { path, code: 'config.problem.empty' }
    default:
      return { path, code: 'config.problem.other', params: { keyword: e.keyword } }
  }
}
