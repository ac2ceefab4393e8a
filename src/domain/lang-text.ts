/**
 * Language-tagged text as catalogues publish it: `{ sv: ..., en: ..., '': untagged }`.
 * This is data (a dataset's title), not datavakt's own words: those live in src/i18n/.
 */
export type LangText = Record<string, string>

/**
 * The best string of a language-tagged text for a reader of `lang`: that language, then
 * Swedish, English, untagged, any. Empty for no text.
 */
export function pickLang(text: LangText | null | undefined, lang: string = 'sv'): string {
  if (!text) return ''
  return text[lang] ?? text.sv ?? text.en ?? text[''] ?? Object.values(text)[0] ?? ''
}
