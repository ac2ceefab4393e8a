/**
 * The MQA-compatible score of one dataset: data.europa.eu's Metadata Quality Assessment
 * indicators and points (405 in all; table and version pinned in
 * ../vocabularies/mqa-points.ts), and one finding per indicator that lost points.
 *
 * Distribution-level indicators count the share of distributions that meet them. The two
 * reachability indicators read the availability verdict of each URL (state ok: reachable;
 * degraded or broken: not), never a raw status code, so the metadata score agrees with
 * the availability the same pages show. A URL not known yet is left out of its share:
 * - access-url-status: the distributions whose access URL (else download URL) was judged;
 * - download-url-status: the distributions that have a download URL that was judged (a
 *   missing download URL costs `download-url`, not a second time here).
 * When nothing could be judged the indicator gives no finding (and no points): the fact
 * `mqaAccessibilityMeasured` is false.
 */
import { FILE_TYPES, resolveDeclaredFileType } from '../vocabularies/file-types.js'
import { isVocabularyAccessRight, isVocabularyLicence } from '../vocabularies/licences.js'
import { MQA_DIMENSION_MAX, MQA_INDICATORS, MQA_MAX, MQA_POINTS_VERSION, mqaRating, type MqaDimension, type MqaRating } from '../vocabularies/mqa-points.js'
import type { Reachability } from '../availability-verdict.js'
import type { CheckTarget, DistributionInfo, Finding } from '../types.js'
import { distributionsOf, hasText, reachabilityOfUrl } from './dataset-parts.js'

/** The MQA score of one dataset: points per indicator and dimension, total and rating. */
export interface MqaScore {
  version: string
  indicators: Record<string, number>
  dimensions: Record<MqaDimension, number>
  total: number
  max: number
  rating: MqaRating
  /** True when some access or download URL's availability was known. */
  accessibilityMeasured: boolean
  /** Indicators that could not be judged (no URL's availability known): no finding for them. */
  unmeasured: string[]
}

const MEDIA_TYPE = /^(application|text|image|audio|video|font|model|multipart|message)\/[A-Za-z0-9!#$&^_.+\-]+$/

function mediaTypeFromVocabulary(mt: string | null): boolean {
  if (!mt) return false
  const v = mt.trim().replace(/^https?:\/\/(www\.)?iana\.org\/assignments\/media-types\//, '').split(';')[0].trim()
  return MEDIA_TYPE.test(v)
}

function formatFromVocabulary(f: string | null): boolean {
  return f !== null && /^https?:\/\/publications\.europa\.eu\/resource\/authority\/file-type\/[A-Z0-9_]+\/?$/.test(f.trim())
}

/** A share met/of, with 0 when there is nothing to count. */
function share(met: number, of: number): number {
  return of === 0 ? 0 : met / of
}

/** The share of judged URLs that are reachable, and whether any was judged. */
function reachableShare(states: Reachability[]): { fraction: number; measured: boolean } {
  const judged = states.filter((s) => s !== 'unknown')
  return { fraction: share(judged.filter((s) => s === 'reachable').length, judged.length), measured: judged.length > 0 }
}

/** The fraction (0..1) each indicator meets, and which could not be judged. */
function indicatorFractions(target: CheckTarget, dcatApCompliant: boolean): { fraction: Record<string, number>; unmeasured: string[] } {
  const ds = target.dataset
  const dists = distributionsOf(target)
  const n = dists.length
  const count = (pred: (d: DistributionInfo) => boolean): number => dists.filter(pred).length
  const fileType = (d: DistributionInfo) => FILE_TYPES[resolveDeclaredFileType(d.format) ?? '']
  const access = reachableShare(dists.map((d) => reachabilityOfUrl(target, d.accessUrl ?? d.downloadUrl)))
  const download = reachableShare(dists.filter((d) => d.downloadUrl).map((d) => reachabilityOfUrl(target, d.downloadUrl)))
  const fraction: Record<string, number> = {
    keyword: ds.keywords.some((k) => hasText(k)) ? 1 : 0,
    theme: ds.themes.length > 0 ? 1 : 0,
    spatial: ds.spatial.length > 0 ? 1 : 0,
    temporal: ds.temporal.some((p) => p.start || p.end) ? 1 : 0,
    'access-url-status': access.fraction,
    'download-url': share(count((d) => Boolean(d.downloadUrl)), n),
    'download-url-status': download.fraction,
    format: share(count((d) => Boolean(d.format)), n),
    'media-type': share(count((d) => Boolean(d.mediaType)), n),
    'format-vocabulary': share(count((d) => formatFromVocabulary(d.format)) + count((d) => mediaTypeFromVocabulary(d.mediaType)), 2 * n),
    'non-proprietary': share(count((d) => fileType(d)?.mqaNonProprietary === true), n),
    'machine-readable': share(count((d) => fileType(d)?.mqaMachineReadable === true), n),
    'dcat-ap-compliance': dcatApCompliant ? 1 : 0,
    license: share(count((d) => Boolean(d.license ?? ds.license)), n),
    'license-vocabulary': share(count((d) => isVocabularyLicence(d.license ?? ds.license)), n),
    'access-rights': ds.accessRights ? 1 : 0,
    'access-rights-vocabulary': isVocabularyAccessRight(ds.accessRights) ? 1 : 0,
    'contact-point': ds.contactEmail ? 1 : 0,
    publisher: ds.publisherIri ? 1 : 0,
    rights: share(count((d) => Boolean(d.rights)), n),
    'byte-size': share(count((d) => d.byteSize !== null), n),
    issued: ds.issued ? 1 : 0,
    modified: ds.modified ? 1 : 0,
  }
  const unmeasured = [...(access.measured ? [] : ['access-url-status']), ...(download.measured ? [] : ['download-url-status'])]
  return { fraction, unmeasured }
}

const round2 = (v: number) => Math.round(v * 100) / 100

/**
 * Computes the MQA-compatible score (see the module comment). `dcatApCompliant` comes
 * from the DCAT-AP-SE mandatory-property check. Pure; refuses nothing.
 */
export function computeMqaScore(target: CheckTarget, dcatApCompliant: boolean): MqaScore {
  const { fraction, unmeasured } = indicatorFractions(target, dcatApCompliant)
  const indicators: Record<string, number> = {}
  const dimensions: Record<MqaDimension, number> = { findability: 0, accessibility: 0, interoperability: 0, reusability: 0, contextuality: 0 }
  for (const ind of MQA_INDICATORS) {
    const pts = round2(ind.points * (fraction[ind.id] ?? 0))
    indicators[ind.id] = pts
    dimensions[ind.dimension] += pts
  }
  for (const k of Object.keys(dimensions) as MqaDimension[]) dimensions[k] = Math.min(MQA_DIMENSION_MAX[k], round2(dimensions[k]))
  const total = round2(Object.values(dimensions).reduce((a, b) => a + b, 0))
  return {
    version: MQA_POINTS_VERSION,
    indicators,
    dimensions,
    total,
    max: MQA_MAX,
    rating: mqaRating(total),
    accessibilityMeasured: unmeasured.length < 2,
    unmeasured,
  }
}

/**
 * One warning per indicator that lost points (`mqa-<indicator>`, params `points`, `max`,
 * `gain`), pointing at the property it reads. Warnings, not information: each costs the
 * metadata dimension what MQA says it costs, so a page that shows the score shows why.
 * Indicators that could not be judged give none.
 */
export function mqaFindings(score: MqaScore): Finding[] {
  const out: Finding[] = []
  for (const ind of MQA_INDICATORS) {
    const got = score.indicators[ind.id]
    const gain = round2(ind.points - got)
    if (gain <= 0 || score.unmeasured.includes(ind.id)) continue
    out.push({ code: `mqa-${ind.id}`, severity: 'warning', params: { points: got, max: ind.points, gain }, location: { property: ind.property } })
  }
  return out
}
