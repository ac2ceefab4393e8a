/**
 * The point table of data.europa.eu's Metadata Quality Assessment (MQA), pinned.
 *
 * Source: "Metadata Quality Assessment methodology", https://data.europa.eu/mqa/methodology
 * (also published in the data.europa.eu data provider manual,
 * https://dataeuropa.gitlab.io/data-provider-manual/metadata-quality-dashboard/), and the
 * reference implementation piveau-metrics (io.piveau.vocabularies.PiveauScoring for the
 * rating bands). Five dimensions derived from FAIR, 405 points in all:
 *
 * | dimension        | indicator                                   | points |
 * | ---------------- | ------------------------------------------- | ------ |
 * | findability      | dcat:keyword                                | 30     |
 * |                  | dcat:theme (categories)                     | 30     |
 * |                  | dct:spatial (geo search)                    | 20     |
 * |                  | dct:temporal (time-based search)            | 20     |
 * | accessibility    | dcat:accessURL answers 200 (2xx)            | 50     |
 * |                  | dcat:downloadURL present                    | 20     |
 * |                  | dcat:downloadURL answers 200 (2xx)          | 30     |
 * | interoperability | dct:format present                          | 20     |
 * |                  | dcat:mediaType present                      | 10     |
 * |                  | format / media type from a vocabulary       | 10     |
 * |                  | format non-proprietary (EDP list)           | 20     |
 * |                  | format machine-readable (EDP list)          | 20     |
 * |                  | DCAT-AP compliance                          | 30     |
 * | reusability      | dct:license present                         | 20     |
 * |                  | licence from a vocabulary                   | 10     |
 * |                  | dct:accessRights present                    | 10     |
 * |                  | access rights from a vocabulary             | 5      |
 * |                  | dcat:contactPoint                           | 20     |
 * |                  | dct:publisher                               | 10     |
 * | contextuality    | dct:rights                                  | 5      |
 * |                  | dcat:byteSize                               | 5      |
 * |                  | dct:issued                                  | 5      |
 * |                  | dct:modified                                | 5      |
 *
 * Ratings (methodology): Excellent 351–405, Good 221–350, Sufficient 121–220, Bad 0–120.
 * (piveau's code puts exactly 120 in Sufficient; we follow the published methodology.)
 *
 * Distribution-level indicators score the share of distributions that meet them
 * (points × met / all), as data.europa.eu does when it aggregates: a dataset is judged by
 * all its distributions, not only its best one. "DCAT-AP compliance" is awarded when the
 * dataset passes our DCAT-AP-SE mandatory-property check (MQA runs the DCAT-AP SHACL
 * shapes; we do not).
 */

export const MQA_POINTS_VERSION = 'mqa-methodology-2024 (data.europa.eu MQA, 405 points, 23 indicators)'

export type MqaDimension = 'findability' | 'accessibility' | 'interoperability' | 'reusability' | 'contextuality'

export type MqaRating = 'excellent' | 'good' | 'sufficient' | 'bad'

export interface MqaIndicator {
  /** Stable id, used in metric names (`mqa.<id>`) and finding codes (`mqa-<id>`). */
  id: string
  dimension: MqaDimension
  points: number
  /** The DCAT property it reads. */
  property: string
  level: 'dataset' | 'distribution'
  label: { sv: string; en: string }
}

function ind(id: string, dimension: MqaDimension, points: number, property: string, level: 'dataset' | 'distribution', sv: string, en: string): MqaIndicator {
  return { id, dimension, points, property, level, label: { sv, en } }
}

export const MQA_INDICATORS: readonly MqaIndicator[] = [
  ind('keyword', 'findability', 30, 'dcat:keyword', 'dataset', 'nyckelord', 'keywords'),
  ind('theme', 'findability', 30, 'dcat:theme', 'dataset', 'kategori (tema)', 'categories (theme)'),
  ind('spatial', 'findability', 20, 'dct:spatial', 'dataset', 'geografisk täckning', 'spatial coverage'),
  ind('temporal', 'findability', 20, 'dct:temporal', 'dataset', 'tidsperiod', 'temporal coverage'),
  ind('access-url-status', 'accessibility', 50, 'dcat:accessURL', 'distribution', 'åtkomstadressen svarar', 'access URL answers'),
  ind('download-url', 'accessibility', 20, 'dcat:downloadURL', 'distribution', 'nedladdningsadress', 'download URL'),
  ind('download-url-status', 'accessibility', 30, 'dcat:downloadURL', 'distribution', 'nedladdningsadressen svarar', 'download URL answers'),
  ind('format', 'interoperability', 20, 'dct:format', 'distribution', 'format', 'format'),
  ind('media-type', 'interoperability', 10, 'dcat:mediaType', 'distribution', 'mediatyp', 'media type'),
  ind('format-vocabulary', 'interoperability', 10, 'dct:format', 'distribution', 'format eller mediatyp från vokabulär', 'format or media type from a vocabulary'),
  ind('non-proprietary', 'interoperability', 20, 'dct:format', 'distribution', 'icke-proprietärt format', 'non-proprietary format'),
  ind('machine-readable', 'interoperability', 20, 'dct:format', 'distribution', 'maskinläsbart format', 'machine-readable format'),
  ind('dcat-ap-compliance', 'interoperability', 30, 'dcat:Dataset', 'dataset', 'följer DCAT-AP(-SE)', 'DCAT-AP compliance'),
  ind('license', 'reusability', 20, 'dct:license', 'distribution', 'licens', 'licence'),
  ind('license-vocabulary', 'reusability', 10, 'dct:license', 'distribution', 'licens från vokabulär', 'licence from a vocabulary'),
  ind('access-rights', 'reusability', 10, 'dct:accessRights', 'dataset', 'åtkomsträttigheter', 'access rights'),
  ind('access-rights-vocabulary', 'reusability', 5, 'dct:accessRights', 'dataset', 'åtkomsträttigheter från vokabulär', 'access rights from a vocabulary'),
  ind('contact-point', 'reusability', 20, 'dcat:contactPoint', 'dataset', 'kontaktuppgift', 'contact point'),
  ind('publisher', 'reusability', 10, 'dct:publisher', 'dataset', 'utgivare', 'publisher'),
  ind('rights', 'contextuality', 5, 'dct:rights', 'distribution', 'rättighetsinformation', 'rights'),
  ind('byte-size', 'contextuality', 5, 'dcat:byteSize', 'distribution', 'filstorlek', 'file size'),
  ind('issued', 'contextuality', 5, 'dct:issued', 'dataset', 'utgivningsdatum', 'date of issue'),
  ind('modified', 'contextuality', 5, 'dct:modified', 'dataset', 'ändringsdatum', 'modification date'),
]

/** Maximum points per dimension (sums of the table above). */
export const MQA_DIMENSION_MAX: Readonly<Record<MqaDimension, number>> = {
  findability: 100,
  accessibility: 100,
  interoperability: 110,
  reusability: 75,
  contextuality: 20,
}

export const MQA_MAX = 405

/** The rating for a total, per the methodology's bands. */
export function mqaRating(total: number): MqaRating {
  if (total >= 351) return 'excellent'
  if (total >= 221) return 'good'
  if (total >= 121) return 'sufficient'
  return 'bad'
}
