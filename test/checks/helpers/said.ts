import type { Finding } from '../../../src/domain/finding.js'
import { describeFinding } from '../../../src/i18n/catalogue.js'
import type { Lang } from '../../../src/i18n/lang.js'

/** What a finding says to a reader in `lang` (the catalogue's words for its code and params). */
export function said(f: Finding | undefined, lang: Lang = 'sv'): { message: string; hint?: string } {
  if (!f) throw new Error('no finding')
  return describeFinding(f, lang)
}
