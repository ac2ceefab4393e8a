/**
 * What the parts of the metadata check (MQA score, DCAT-AP-SE, HVD) read from a dataset
 * target alike: whether a text has words, the dataset's distributions, and whether a URL
 * answers, as the availability verdict sees it.
 */
import { reachabilityOf, type Reachability } from '../availability-verdict.js'
import { MQA_REACHABILITY_INDICATORS } from '../vocabularies/mqa-points.js'
import type { CheckTarget, DistributionInfo, LangText, ProbeSummary } from '../types.js'

/** True when the text has words in some language. */
export function hasText(text: LangText | undefined): boolean {
  return text !== undefined && Object.values(text).some((v) => v.trim() !== '')
}

/** Every distribution of the dataset (or the lone one of a distribution target). */
export function distributionsOf(target: CheckTarget): DistributionInfo[] {
  if (target.distributions) return target.distributions
  return target.distribution ? [target.distribution] : []
}

function probeFor(target: CheckTarget, url: string): ProbeSummary | undefined {
  const p = target.probesByUrl?.[url]
  if (p) return p
  const d = target.distribution
  if (target.probe && (target.probe.finalUrl === url || d?.accessUrl === url || d?.downloadUrl === url)) return target.probe
  return undefined
}

/**
 * Whether `url` answers: the availability verdict (state) of the distribution probed at
 * that URL. Unknown when no URL, or the URL was never probed or only probed unverified.
 */
export function reachabilityOfUrl(target: CheckTarget, url: string | null): Reachability {
  return url ? reachabilityOf(probeFor(target, url)) : 'unknown'
}

/**
 * The metadata check's findings that say a URL does not answer, read from the availability
 * verdict through reachabilityOfUrl: MQA's two reachability indicators, and HVD's bulk
 * download and data service endpoint. They are shown (MQA's score and the HVD obligations
 * need them), but scoring charges them nothing in the metadata dimension
 * (src/scoring/score-region.ts): the availability dimension already charges a file that does
 * not answer, so the metadata score moves only when a catalogue changes.
 */
export const REACHABILITY_FINDINGS: ReadonlySet<string> = new Set([
  ...[...MQA_REACHABILITY_INDICATORS].map((id) => `mqa-${id}`),
  'hvd-bulk-download-unreachable',
  'hvd-endpoint-unreachable',
])
