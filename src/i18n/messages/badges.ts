import type { Message } from '../message.js'

/** Texts of the public SVG badges, keyed by a stable dotted key starting with "badges.". */
export const badgesMessages = {
  'badges.label': { sv: 'datakvalitet', en: 'data quality' },
  /** Known (harvested) but without a score yet: not the same as a score of 0. */
  'badges.not-scored': { sv: 'ej bedömd', en: 'not scored' },
  /** The IRI names nothing datavakt has harvested. */
  'badges.unknown': { sv: 'okänd', en: 'unknown' },
} as const satisfies Record<string, Message>
