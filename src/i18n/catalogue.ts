import type { Finding, MessageParams } from '../domain/finding.js'
import type { Lang } from './lang.js'
import { render, type FindingMessage, type Message } from './message.js'
import { adminMessages } from './messages/admin.js'
import { alertsMessages } from './messages/alerts.js'
import { apiMessages } from './messages/api.js'
import { badgesMessages } from './messages/badges.js'
import { checksMessages } from './messages/checks.js'
import { cliMessages } from './messages/cli.js'
import { commonMessages } from './messages/common.js'
import { configMessages } from './messages/config.js'
import { dbMessages } from './messages/db.js'
import { dumpMessages } from './messages/dump.js'
import { demoMessages } from './messages/demo.js'
import { fetchMessages } from './messages/fetch.js'
import { availabilityFindingMessages } from './messages/findings-availability.js'
import { scoringFindingMessages } from './messages/findings-scoring.js'
import { checksFindingMessages } from './messages/findings-checks.js'
import { columnFindingMessages } from './messages/findings-columns.js'
import { contentFindingMessages } from './messages/findings-content.js'
import { fetchFindingMessages } from './messages/findings-fetch.js'
import { freshnessFindingMessages } from './messages/findings-freshness.js'
import { metadataFindingMessages } from './messages/findings-metadata.js'
import { serviceFindingMessages } from './messages/findings-services.js'
import { harvestMessages } from './messages/harvest.js'
import { pagesMessages } from './messages/pages.js'
import { probeMessages } from './messages/probe.js'
import { scoringMessages } from './messages/scoring.js'
import { validateMessages } from './messages/validate.js'

/**
 * The one message catalogue: every text a person reads, in Swedish and English, keyed by
 * a stable code. Two halves:
 * - finding texts (`findingMessages`), keyed by finding code: what is wrong and how to fix
 *   it. Checks, probes and harvests store codes and params, never words; the words are made
 *   here, in the reader's language, when a finding is shown (page, API, e-mail, CLI).
 * - everything else (`messages`), keyed by a dotted key (`pages.region.title`,
 *   `cli.usage.unknown-option`, `config.must-be-one-of`, ...); each area's keys start with its
 *   file's name (common.ts aside, which holds the words several areas share): its file makes
 *   its table with `defineMessages('<area>', {...})` (message.ts), which refuses any other key.
 * Each area keeps its texts in its own file under messages/; a key may appear in one file
 * only (test/i18n/catalogue.test.ts checks that, and that no text is empty or missing a
 * language). The files are tables: one entry a line, its languages side by side (a
 * finding's message and hint on the same line), so a key's words are read and changed
 * together; only a text that is a small program (nested conditions) takes more lines.
 */

/** The finding texts' files, by area: every finding code's words. */
const findingAreas = {
  'probe': probeMessages,
  'findings-fetch': fetchFindingMessages,
  'findings-checks': checksFindingMessages,
  'findings-content': contentFindingMessages,
  'findings-columns': columnFindingMessages,
  'findings-freshness': freshnessFindingMessages,
  'findings-metadata': metadataFindingMessages,
  'findings-services': serviceFindingMessages,
  'findings-availability': availabilityFindingMessages,
  'findings-scoring': scoringFindingMessages,
} as const satisfies Record<string, Readonly<Record<string, FindingMessage>>>

/** The other texts' files, by area. */
const messageAreas = {
  'common': commonMessages,
  'fetch': fetchMessages,
  'db': dbMessages,
  'dump': dumpMessages,
  'config': configMessages,
  'harvest': harvestMessages,
  'checks': checksMessages,
  'scoring': scoringMessages,
  'validate': validateMessages,
  'api': apiMessages,
  'pages': pagesMessages,
  'badges': badgesMessages,
  'cli': cliMessages,
  'demo': demoMessages,
  'alerts': alertsMessages,
  'admin': adminMessages,
} as const satisfies Record<string, Readonly<Record<string, Message>>>

/** One table holding every area's entries: each area's keys, with their exact types. */
type Joined<Areas> = UnionToIntersection<Areas[keyof Areas]>
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never

/** The areas' tables as one (a key lives in one area only: test/i18n/catalogue.test.ts checks that). */
function joined<Areas extends Record<string, object>>(areas: Areas): Joined<Areas> {
  return Object.assign({}, ...Object.values(areas)) as Joined<Areas>
}

/** Every finding code's words. */
export const findingMessages = joined(findingAreas)

/** A finding code that has words in the catalogue. */
export type FindingCode = keyof typeof findingMessages

/** Every other text, by key. */
export const messages = joined(messageAreas)

/** The key of a text in the catalogue. */
export type MessageKey = keyof typeof messages

/** The catalogue's files by area, for the completeness test. */
export const catalogueAreas: Readonly<Record<string, Readonly<Record<string, Message | FindingMessage>>>> = { ...findingAreas, ...messageAreas }

/** The text of `key` in `lang`, made with `params`. */
export function t(lang: Lang, key: MessageKey, params?: MessageParams): string {
  return render(messages[key], lang, params)
}

/** True when `key` names a text of the catalogue (not a finding code). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(messages, key)
}

/** True when `code` has words in the catalogue. */
export function isFindingCode(code: string): code is FindingCode {
  return Object.prototype.hasOwnProperty.call(findingMessages, code)
}

/**
 * A stored finding as it may come back from the database: a current one carries params;
 * one stored before the catalogue existed carries its words (`message`, `hint`) instead.
 */
export type ShownFinding = Pick<Finding, 'code' | 'params'> & { message?: string; hint?: string }

/**
 * What a finding says, in `lang`: its message and, when the catalogue has one, how to fix
 * it. A code the catalogue does not know (one stored by an older version) shows the words
 * it was stored with, or else the code itself: never nothing.
 */
export function describeFinding(f: ShownFinding, lang: Lang): { message: string; hint?: string } {
  if (isFindingCode(f.code) && (f.params !== undefined || f.message === undefined)) {
    const m: FindingMessage = findingMessages[f.code]
    const params = f.params ?? {}
    return m.hint ? { message: render(m.message, lang, params), hint: render(m.hint, lang, params) } : { message: render(m.message, lang, params) }
  }
  return f.hint ? { message: f.message ?? f.code, hint: f.hint } : { message: f.message ?? f.code }
}
