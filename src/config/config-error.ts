import type { MessageParams } from '../domain/finding.js'
import { t, type MessageKey } from '../i18n/catalogue.js'
import { DatavaktError } from '../i18n/datavakt-error.js'
import type { Lang } from '../i18n/lang.js'

/** One mistake in a configuration: where (a JSON path such as `/sources/0/kind`) and what. */
export interface ConfigProblem {
  path: string
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
    return [head, ...this.problems.map((p) => `  ${p.path}: ${t(lang, p.code, p.params)}`)].join('\n')
  }
}
