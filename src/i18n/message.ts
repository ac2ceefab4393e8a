import type { MessageParams } from '../domain/finding.js'
import type { Lang } from './lang.js'

/** Words in one language: fixed, or made from the message's params. */
export type Text = string | ((p: MessageParams) => string)

/** One message of the catalogue: the same words in every language datavakt speaks. */
export type Message = { readonly [L in Lang]: Text }

/** What a finding code says: what is wrong, and (usually) how to fix it. */
export interface FindingMessage {
  readonly message: Message
  readonly hint?: Message
}

/** Renders one message in a language with its params. */
export function render(m: Message, lang: Lang, params: MessageParams = {}): string {
  const text = m[lang]
  return typeof text === 'function' ? text(params) : text
}
