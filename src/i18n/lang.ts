/** The languages datavakt speaks. Swedish is the default; English is complete too. */
export const LANGS = ['sv', 'en'] as const

/** A language datavakt speaks. */
export type Lang = (typeof LANGS)[number]

/** `value` as a Lang, or null when it is not one of LANGS (case-insensitive, `en-GB` → en). */
export function parseLang(value: string | null | undefined): Lang | null {
  if (!value) return null
  const v = value.trim().toLowerCase().slice(0, 2)
  return (LANGS as readonly string[]).includes(v) ? (v as Lang) : null
}

/** The language DATAVAKT_LANG names, or undefined when it is unset or names none. */
export function envLang(env: NodeJS.ProcessEnv = process.env): Lang | undefined {
  return parseLang(env.DATAVAKT_LANG) ?? undefined
}

/** The default language: DATAVAKT_LANG when it names one, else Swedish. */
export function defaultLang(env: NodeJS.ProcessEnv = process.env): Lang {
  return envLang(env) ?? 'sv'
}
