import type { MessageParams } from '../domain/finding.js'
import { t, type MessageKey } from './catalogue.js'
import type { Lang } from './lang.js'

/**
 * The base of every error datavakt throws on purpose: a stable `code` that names its text
 * in the message catalogue, the `params` that text needs, and the `cause` when another
 * error led to it. Code that handles an error matches on the class or on `code`, never on
 * the message. `message` is the English text (for logs and stack traces); what a person
 * reads comes from `describe(lang)`.
 */
export class DatavaktError extends Error {
  override name = 'DatavaktError'
  readonly code: MessageKey
  readonly params: MessageParams

  constructor(code: MessageKey, params: MessageParams = {}, options?: { cause?: unknown }) {
    super(t('en', code, params), options)
    this.code = code
    this.params = params
  }

  /** The error's text in `lang`. */
  describe(lang: Lang): string {
    return t(lang, this.code, this.params)
  }
}

/** What went wrong, in `lang`: a DatavaktError's words from the catalogue, any other error's own message. */
export function errorText(err: unknown, lang: Lang): string {
  if (err instanceof DatavaktError) return err.describe(lang)
  return err instanceof Error ? err.message : String(err)
}
