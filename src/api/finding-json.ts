import type { MessageParams } from '../domain/finding.js'
import { describeFinding, type ShownFinding } from '../i18n/catalogue.js'
import type { Lang } from '../i18n/lang.js'

/** A finding or score reason as the API sends it: its own fields, its `params`, and its words in the requested language. */
export type FindingJson<F extends ShownFinding> = Omit<F, 'message' | 'hint' | 'params'> & { params: MessageParams; message: string; hint?: string }

/**
 * A stored finding or score reason with its words made in `lang` (`describeFinding`): the
 * client gets the stable `code` and `params` to act on, and `message`/`hint` to show.
 * A row stored before findings became codes has no params (sent as `{}`); its stored words
 * are sent as they are.
 */
export function findingJson<F extends ShownFinding>(f: F, lang: Lang): FindingJson<F> {
  const { message, hint } = describeFinding(f, lang)
  const { message: _m, hint: _h, params, ...rest } = f
  return hint ? { ...rest, params: params ?? {}, message, hint } : { ...rest, params: params ?? {}, message }
}
