import { t } from '../src/i18n/catalogue.js'
import type { Lang } from '../src/i18n/lang.js'
import type { BadgeScore } from '../src/read-model/badge-score.js'
import { badgeSvg, scoreColour } from './badge-svg.js'

/**
 * The public quality badge of an organisation or dataset in `lang`: "datakvalitet | 87/100",
 * grey "ej bedömd" when it is known but not scored yet, grey "okänd" when the IRI names
 * nothing harvested (`score` undefined).
 */
export function qualityBadge(score: BadgeScore | undefined, lang: Lang): string {
  const total = score?.total ?? null
  const value = !score ? t(lang, 'badges.unknown') : total === null ? t(lang, 'badges.not-scored') : `${Math.round(total)}/100`
  return badgeSvg(t(lang, 'badges.label'), value, scoreColour(total))
}
