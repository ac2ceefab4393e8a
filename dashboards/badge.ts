import { scoreBand, type ScoreBand } from './score-band.js'
import { t, type MessageKey } from '../src/i18n/catalogue.js'
import { num } from '../src/i18n/format.js'
import type { Lang } from '../src/i18n/lang.js'
import type { BadgeReading, BadgeVariant, Conformance } from '../src/read-model/badge-variants.js'
import { badgeSvg } from './badge-svg.js'

/**
 * A badge's colours, each pair with a text contrast of at least 4.5:1 (WCAG AA): white on
 * the dark green and red, near-black on the lighter bands and on grey.
 */
export interface BadgeColours {
  fill: string
  text: string
}
const DARK = '#1d1d1f'
const WHITE = '#ffffff'
const GOOD: BadgeColours = { fill: '#2e7d32', text: WHITE }
const FAIR: BadgeColours = { fill: '#8bc34a', text: DARK }
const MIDDLING: BadgeColours = { fill: '#f9a825', text: DARK }
const POOR: BadgeColours = { fill: '#fb8c00', text: DARK }
const BAD: BadgeColours = { fill: '#c62828', text: WHITE }
const NONE: BadgeColours = { fill: '#bdbdbd', text: DARK }
const BAND_COLOURS: Record<ScoreBand, BadgeColours> = { top: GOOD, good: FAIR, fair: MIDDLING, poor: POOR, bad: BAD, none: NONE }
/** The label half of every badge. */
export const LABEL_COLOURS: BadgeColours = { fill: '#555555', text: WHITE }

/** The colours of a 0–100 value, in the dashboard's bands; null: not measured. */
export function valueColours(v: number | null): BadgeColours {
  return BAND_COLOURS[scoreBand(v)]
}

const CONFORMANCE_COLOURS: Record<Conformance, BadgeColours> = { valid: GOOD, invalid: BAD, error: POOR, unknown: NONE }
const LABEL: Record<BadgeVariant, MessageKey> = { overall: 'badges.label', availability: 'badges.label-availability', conformance: 'badges.label-conformance' }

/** What one badge says: label, value and colours, and its title (which names the time of the last check). */
export interface BadgeFace {
  label: string
  message: string
  colours: BadgeColours
  title: string
}

const utcTime = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`

/**
 * The face of a badge in `lang`. `reading` undefined: the IRI names nothing harvested, and
 * the badge says "okänd / unknown" (distinct from "not scored", a known IRI without a value).
 */
export function badgeFace(reading: BadgeReading | undefined, variant: BadgeVariant, lang: Lang): BadgeFace {
  const label = t(lang, LABEL[variant])
  if (!reading) return { label, message: t(lang, 'badges.unknown'), colours: NONE, title: `${label}: ${t(lang, 'badges.unknown')}` }
  const v = reading.value
  let message: string
  let colours: BadgeColours
  if (typeof v === 'string') {
    message = t(lang, `badges.conformance.${v}`)
    colours = CONFORMANCE_COLOURS[v]
  } else if (v === null) {
    message = t(lang, 'badges.not-scored')
    colours = NONE
  } else {
    message = variant === 'availability' ? `${num(lang, v)} %` : `${Math.round(v)}/100`
    colours = valueColours(v)
  }
  const when = reading.checkedAt ? t(lang, 'badges.checked-at', { time: utcTime(reading.checkedAt) }) : t(lang, 'badges.never-checked')
  return { label, message, colours, title: `${label}: ${message} (${when})` }
}

/** The badge as SVG. */
export function qualityBadge(reading: BadgeReading | undefined, variant: BadgeVariant, lang: Lang): string {
  const face = badgeFace(reading, variant, lang)
  return badgeSvg(face.label, face.message, face.colours, face.title)
}

/** The badge as a shields.io endpoint answer (https://shields.io/badges/endpoint-badge). */
export function shieldsJson(reading: BadgeReading | undefined, variant: BadgeVariant, lang: Lang) {
  const face = badgeFace(reading, variant, lang)
  return { schemaVersion: 1, label: face.label, message: face.message, color: face.colours.fill, labelColor: LABEL_COLOURS.fill }
}
