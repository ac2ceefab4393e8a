import { defineMessages } from '../message.js'
import { commonMessages } from './common.js'

/** A dimension badge's label: the dimension's name (common.ts, `dimension.*`) in lower case. */
function dimensionLabel(dimension: 'availability' | 'conformance') {
  const name = commonMessages[`dimension.${dimension}`]
  return { sv: name.sv.toLocaleLowerCase('sv'), en: name.en.toLocaleLowerCase('en') }
}

/** Texts of the public SVG badges, keyed by a stable dotted key starting with "badges.". */
export const badgesMessages = defineMessages('badges', {
  'badges.label': { sv: 'datakvalitet', en: 'data quality' },
  /** Known (harvested) but without a score yet: not the same as a score of 0. */
  'badges.not-scored': { sv: 'ej bedömd', en: 'not scored' },
  /** The IRI names nothing datavakt has harvested. */
  'badges.unknown': { sv: 'okänd', en: 'unknown' },
  'badges.label-availability': dimensionLabel('availability'),
  'badges.label-conformance': dimensionLabel('conformance'),
  'badges.conformance.valid': { sv: 'giltig', en: 'valid' },
  'badges.conformance.invalid': { sv: 'ogiltig', en: 'invalid' },
  'badges.conformance.error': { sv: 'fel vid kontroll', en: 'error' },
  'badges.conformance.unknown': { sv: 'okänd', en: 'unknown' },
  'badges.checked-at': { sv: (p) => `senast kontrollerad ${p.time}`, en: (p) => `last checked ${p.time}` },
  'badges.never-checked': { sv: 'aldrig kontrollerad', en: 'never checked' },
})
