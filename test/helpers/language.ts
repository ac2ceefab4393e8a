/**
 * Heuristics that tell Swedish text from English, for the tests that fail when a page, a
 * message or an error shows the wrong language. They look at datavakt's own words only:
 * strip data (titles, URLs, values from files) before asking.
 */

/** Common Swedish words and letters that English text never has. */
const SWEDISH = /[åäöÅÄÖ]|\b(och|inte|eller|filen|filer|saknas|finns|kontrollen|kolumn|kolumnen|raden|rader|värdet|ange|för|med|till|som|att|är|har|ska|kan|den|det|en fil|sedan|poäng|datamängd|datamängder|organisation(?:er)?en)\b/

/** Common English words that Swedish text does not use. */
const ENGLISH = /\b(the|and|not|file|files|missing|should|must|with|from|this|that|which|could|cannot|column|row|rows|value|check|points|dataset|datasets|is|are|was|were)\b/i

/** True when `text` has Swedish words or letters. */
export function looksSwedish(text: string): boolean {
  return SWEDISH.test(text)
}

/** True when `text` has common English words. */
export function looksEnglish(text: string): boolean {
  return ENGLISH.test(text)
}

/** The Swedish words found in `text`, for a readable failure. */
export function swedishWords(text: string): string[] {
  return [...text.matchAll(new RegExp(SWEDISH.source, 'g'))].map((m) => m[0])
}

/** The English words found in `text`, for a readable failure. */
export function englishWords(text: string): string[] {
  return [...text.matchAll(new RegExp(ENGLISH.source, 'gi'))].map((m) => m[0])
}
