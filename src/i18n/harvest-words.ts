import type { HarvestFailure } from '../domain/harvest-failure.js'
import type { HarvestProgress } from '../domain/harvest-progress.js'
import type { HarvestWarning } from '../domain/harvest-warning.js'
import { t } from './catalogue.js'
import type { Lang } from './lang.js'

/** A warning of a harvest in `lang`: "<subject>: <what>". */
export function describeHarvestWarning(w: HarvestWarning, lang: Lang): string {
  return `${w.subject}: ${t(lang, `harvest.warning.${w.code}`, w.params)}`
}

/** A step of a harvest in `lang` (the CLI's progress lines on standard error). */
export function describeHarvestProgress(p: HarvestProgress, lang: Lang): string {
  return t(lang, `harvest.progress.${p.code}`, p.params)
}

/** Where in the document a failure is ("rad 120, kolumn 4" / "line 120, column 4"), or null. */
export function describeHarvestPosition(f: HarvestFailure, lang: Lang): string | null {
  const { line, column, byte } = f.params
  if (line !== undefined && line !== null && column !== undefined && column !== null) return t(lang, 'harvest.position.line-column', { line, column })
  if (line !== undefined && line !== null) return t(lang, 'harvest.position.line', { line })
  if (byte !== undefined && byte !== null) return t(lang, 'harvest.position.byte', { byte })
  return null
}

/**
 * Why a harvest failed, in `lang`, with where in the document when known. The parsing
 * library's own message (`params.detail`) is not part of the words: it is English data,
 * kept for the JSON answers and the logs.
 */
export function describeHarvestError(f: HarvestFailure, lang: Lang): string {
  const text = t(lang, `harvest.error.${f.code}`, f.params)
  const where = describeHarvestPosition(f, lang)
  return where ? `${text} (${where})` : text
}
