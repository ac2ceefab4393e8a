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

/** One catalogue file's table of texts: an area's keys with their words. */
type MessageTable = Readonly<Record<string, Message>>

/**
 * One catalogue file's table of texts (see catalogue.ts): every entry checked to be a
 * Message, the keys and words kept as written, so that the catalogue's MessageKey knows
 * each key. Given its area (the file's name), every key must start with `<area>.`: a key
 * that does not is a compile error. Only common.ts, the words several areas share, has none.
 */
export function defineMessages<const T extends MessageTable>(table: T): T
export function defineMessages<A extends string, const T extends MessageTable & { readonly [K in keyof T]: K extends `${A}.${string}` ? Message : never }>(area: A, table: T): T
export function defineMessages(...args: [MessageTable] | [string, MessageTable]): MessageTable {
  return args.length === 1 ? args[0] : args[1]
}

/** One catalogue file's table of finding texts (finding code to its words), as defineMessages. */
export function defineFindingMessages<const T extends Readonly<Record<string, FindingMessage>>>(table: T): T {
  return table
}

/**
 * Words for the values of a vocabulary (column types, EU frequencies, ...), by value, in every
 * language. Given the vocabulary's type (`Words<ColumnType>`), every value must have words.
 */
export type Words<V extends string = string> = Readonly<Record<V, Readonly<Record<Lang, string>>>>

/** The words for `value` in `lang`, or the value itself when the table has none for it. */
export function wordFor(words: Words, lang: Lang, value: unknown): string {
  const key = String(value ?? '')
  return Object.prototype.hasOwnProperty.call(words, key) ? words[key]![lang] : key
}

/** Renders one message in a language with its params. */
export function render(m: Message, lang: Lang, params: MessageParams = {}): string {
  const text = m[lang]
  return typeof text === 'function' ? text(params) : text
}
