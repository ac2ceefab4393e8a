import type { ParamValue } from '../domain/finding.js'
import type { Lang } from './lang.js'

/**
 * Formatting helpers for the catalogue's texts: numbers, counts with their noun in the
 * right plural, lists and dates, each as a reader of the language expects them
 * ("1 rad", "2 rader", "1 000 rader"; "1 row", "1,000 rows").
 */

const LOCALE: Record<Lang, string> = { sv: 'sv-SE', en: 'en-GB' }
const plurals = { sv: new Intl.PluralRules('sv-SE'), en: new Intl.PluralRules('en-GB') }

/** One formatter per language and number of decimals: making an Intl.NumberFormat (which toLocaleString does on every call) costs far more than using one. */
const numberFormats = new Map<string, Intl.NumberFormat>()

/** A number as the language writes it, with at most `digits` decimals. */
export function num(lang: Lang, value: ParamValue | undefined, digits = 1): string {
  const n = Number(value)
  if (!Number.isFinite(n)) return String(value ?? '')
  const key = `${lang}:${digits}`
  let f = numberFormats.get(key)
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: digits })))
  return f.format(n)
}

/** A count with its noun: `count('sv', 2, 'rad', 'rader')` → "2 rader". */
export function count(lang: Lang, value: ParamValue | undefined, one: string, other: string): string {
  const n = Number(value)
  return `${num(lang, n, 0)} ${plurals[lang].select(n) === 'one' ? one : other}`
}

/** A list in running text: "a, b och c" / "a, b and c". Long lists end in "…" after `max`. */
export function list(lang: Lang, value: ParamValue | undefined, max = 10): string {
  const items = (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).map(String)
  const shown = items.length > max ? [...items.slice(0, max), '…'] : items
  return new Intl.ListFormat(LOCALE[lang], { type: 'conjunction' }).format(shown)
}

/** A date (YYYY-MM-DD or an ISO time) in words: "3 december 2026" / "3 December 2026". */
export function date(lang: Lang, value: ParamValue | undefined): string {
  if (typeof value !== 'string' && typeof value !== 'number') return ''
  const d = new Date(typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value)
  if (Number.isNaN(d.getTime())) return String(value)
  return d.toLocaleDateString(LOCALE[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Stockholm' })
}

/**
 * A date that may name only a year or a month, with its preposition: "den 14 mars 2023" /
 * "on 14 March 2023", "i maj 2023" / "in May 2023", "år 2023" / "in 2023".
 */
export function dateOrPeriod(lang: Lang, value: ParamValue | undefined): string {
  const v = String(value ?? '')
  if (/^\d{4}$/.test(v)) return lang === 'sv' ? `år ${v}` : `in ${v}`
  if (/^\d{4}-\d{2}$/.test(v)) {
    const month = new Date(`${v}-15T12:00:00Z`).toLocaleDateString(LOCALE[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' })
    return lang === 'sv' ? `i ${month}` : `in ${month}`
  }
  return lang === 'sv' ? `den ${date(lang, v)}` : `on ${date(lang, v)}`
}

/** A byte count in the largest sensible unit: "12 MB", "640 kB". */
export function bytes(lang: Lang, value: ParamValue | undefined): string {
  const n = Number(value)
  if (!Number.isFinite(n)) return String(value ?? '')
  if (n >= 1_048_576) return `${num(lang, n / 1_048_576, n >= 10_485_760 ? 0 : 1)} MB`
  if (n >= 1024) return `${num(lang, n / 1024, 0)} kB`
  return count(lang, n, lang === 'sv' ? 'byte' : 'byte', lang === 'sv' ? 'byte' : 'bytes')
}

/** A value from the data, quoted and cut to `max` characters so a long cell cannot flood a message. */
export function quote(value: ParamValue | undefined, max = 60): string {
  const s = String(value ?? '')
  return `"${s.length > max ? s.slice(0, max - 1) + '…' : s}"`
}
