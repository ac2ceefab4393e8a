import { describeFinding } from '../i18n/catalogue.js'
import type { Lang } from '../i18n/lang.js'

/**
 * The words of a probe code in `lang` (an unknown code gives the code itself).
 *
 * @deprecated Probe codes live in src/domain/probe-codes.ts and their words in the message
 * catalogue: call `describeFinding({ code }, lang)` from src/i18n/catalogue.ts. This
 * wrapper stays only until its last callers (checks/availability.ts,
 * src/scoring/availability-result.ts) are rewritten; then delete this file.
 */
export function describeOutcomeCode(code: string, lang: Lang = 'sv'): string {
  return describeFinding({ code }, lang).message
}
