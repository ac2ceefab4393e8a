/**
 * The `metadata` check (dataset level): is the dataset described well enough to be found
 * and reused? Three parts, each in its own module under metadata/:
 * 1. An MQA-compatible score (metadata/mqa-score.ts): data.europa.eu's Metadata Quality
 *    Assessment indicators and points. Its two reachability indicators read the
 *    availability verdict of each URL, the same one the availability dimension shows.
 * 2. DCAT-AP-SE's mandatory (errors) and recommended (warnings) properties
 *    (metadata/dcat-ap-se.ts).
 * 3. High-value datasets (metadata/hvd.ts): the HVD rules when the dataset names
 *    regulation 2023/138.
 *
 * Findings are codes and params (words in src/i18n/messages/findings-metadata.ts): the
 * DCAT-AP-SE and HVD codes listed in their modules, and one `mqa-<indicator>` warning per
 * MQA indicator that lost points (params `points`, `max`, `gain`), e.g. `mqa-keyword`.
 * Status: fail on an error, warn on a warning, pass otherwise.
 *
 * Metrics: `mqa.total`, `mqa.findability`, `mqa.accessibility`, `mqa.interoperability`,
 * `mqa.reusability`, `mqa.contextuality`, and `mqa.indicator.<id>` per indicator (points
 * awarded, possibly fractional; scoring reads these). Facts: mqaRating
 * ('excellent'|'good'|'sufficient'|'bad'), mqaVersion, mqaAccessibilityMeasured,
 * dcatApSeMandatory (all mandatory present), hvd (the dataset is under the HVD
 * regulation), hvdCompliant (null when not HVD).
 */
import { dcatApSeFindings } from './metadata/dcat-ap-se.js'
import { hvdFindings, isHighValueDataset } from './metadata/hvd.js'
import { computeMqaScore, mqaFindings, type MqaScore } from './metadata/mqa-score.js'
import { statusOf } from './status-of.js'
import type { Check, CheckResult, CheckTarget, Finding } from './types.js'

// The score is part of this check's contract: callers and tests read it from here.
export { computeMqaScore, type MqaScore }

function metricsOf(score: MqaScore, started: number): Record<string, number> {
  const metrics: Record<string, number> = {
    'mqa.total': score.total,
    'mqa.findability': score.dimensions.findability,
    'mqa.accessibility': score.dimensions.accessibility,
    'mqa.interoperability': score.dimensions.interoperability,
    'mqa.reusability': score.dimensions.reusability,
    'mqa.contextuality': score.dimensions.contextuality,
    elapsedMs: Date.now() - started,
  }
  for (const [id, pts] of Object.entries(score.indicators)) metrics[`mqa.indicator.${id}`] = pts
  return metrics
}

/** See the module comment. */
export const metadataCheck: Check = {
  id: 'metadata',
  dimension: 'metadata',
  appliesTo(target: CheckTarget): boolean {
    return target.distribution === undefined
  },
  async run(target: CheckTarget): Promise<CheckResult> {
    const started = Date.now()
    const dcat = dcatApSeFindings(target)
    const mandatoryOk = !dcat.some((f) => f.severity === 'error')
    const hvd = isHighValueDataset(target)
    const hvdList = hvd ? hvdFindings(target) : []
    const score = computeMqaScore(target, mandatoryOk)
    const findings = [...dcat, ...hvdList, ...mqaFindings(score)]
    return {
      status: statusOf(findings),
      findings,
      metrics: metricsOf(score, started),
      facts: {
        mqaRating: score.rating,
        mqaVersion: score.version,
        mqaAccessibilityMeasured: score.accessibilityMeasured,
        dcatApSeMandatory: mandatoryOk,
        hvd,
        hvdCompliant: hvd ? !hvdList.some((f) => f.severity === 'error') : null,
      },
    }
  },
}
