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
 * | accessibility    | dcat:accessURL answers (see below)          | 50     |
 * |                  | dcat:downloadURL present                    | 20     |
 * |                  | dcat:downloadURL answers (see below)        | 30     |
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
 *
 * "Answers" is read from datavakt's availability verdict of the URL (state ok:
 * checks/availability-verdict.ts), not from one raw status code: MQA's own checker asks for
 * a 200, but a 304 to a conditional request, a 206 to a Range request and a followed
 * redirect all deliver the file. A URL whose availability is not known yet is left out.
 */

/**
 * The two indicators that read whether a URL answers. They stay in the MQA score (so it
 * matches data.europa.eu's), but scoring charges them nothing in the metadata dimension:
 * the availability dimension already charges a file that does not answer, and a broken
 * file is not a metadata problem. So the metadata score moves only when a catalogue does.
 */
export const MQA_REACHABILITY_INDICATORS: ReadonlySet<string> = new Set(['access-url-status', 'download-url-status'])

/** The version of the table above, stored with every MQA score (fact `mqaVersion`). */
export const MQA_POINTS_VERSION = 'mqa-methodology-2024 (data.europa.eu MQA, 405 points, 23 indicators)'

/** MQA's five dimensions. */
export type MqaDimension = 'findability' | 'accessibility' | 'interoperability' | 'reusability' | 'contextuality'

/** MQA's rating bands. */
export type MqaRating = 'excellent' | 'good' | 'sufficient' | 'bad'

/** One MQA indicator: what it reads and what it is worth. */
export interface MqaIndicator {
  /** Stable id, used in metric names (`mqa.<id>`) and finding codes (`mqa-<id>`). */
  id: string
  dimension: MqaDimension
  points: number
  /** The DCAT property it reads. */
  property: string
  level: 'dataset' | 'distribution'
}

/** One row of the table. Its words (name, how to gain its points) are the catalogue's, under the finding code `mqa-<id>`. */
function ind(id: string, dimension: MqaDimension, points: number, property: string, level: 'dataset' | 'distribution'): MqaIndicator {
  return { id, dimension, points, property, level }
}

/** The 23 indicators, in the methodology's order. */
export const MQA_INDICATORS: readonly MqaIndicator[] = [
  ind('keyword', 'findability', 30, 'dcat:keyword', 'dataset'),
  ind('theme', 'findability', 30, 'dcat:theme', 'dataset'),
  ind('spatial', 'findability', 20, 'dct:spatial', 'dataset'),
  ind('temporal', 'findability', 20, 'dct:temporal', 'dataset'),
  ind('access-url-status', 'accessibility', 50, 'dcat:accessURL', 'distribution'),
  ind('download-url', 'accessibility', 20, 'dcat:downloadURL', 'distribution'),
  ind('download-url-status', 'accessibility', 30, 'dcat:downloadURL', 'distribution'),
  ind('format', 'interoperability', 20, 'dct:format', 'distribution'),
  ind('media-type', 'interoperability', 10, 'dcat:mediaType', 'distribution'),
  ind('format-vocabulary', 'interoperability', 10, 'dct:format', 'distribution'),
  ind('non-proprietary', 'interoperability', 20, 'dct:format', 'distribution'),
  ind('machine-readable', 'interoperability', 20, 'dct:format', 'distribution'),
  ind('dcat-ap-compliance', 'interoperability', 30, 'dcat:Dataset', 'dataset'),
  ind('license', 'reusability', 20, 'dct:license', 'distribution'),
  ind('license-vocabulary', 'reusability', 10, 'dct:license', 'distribution'),
  ind('access-rights', 'reusability', 10, 'dct:accessRights', 'dataset'),
  ind('access-rights-vocabulary', 'reusability', 5, 'dct:accessRights', 'dataset'),
  ind('contact-point', 'reusability', 20, 'dcat:contactPoint', 'dataset'),
  ind('publisher', 'reusability', 10, 'dct:publisher', 'dataset'),
  ind('rights', 'contextuality', 5, 'dct:rights', 'distribution'),
  ind('byte-size', 'contextuality', 5, 'dcat:byteSize', 'distribution'),
  ind('issued', 'contextuality', 5, 'dct:issued', 'dataset'),
  ind('modified', 'contextuality', 5, 'dct:modified', 'dataset'),
]

/** Maximum points per dimension (sums of the table above). */
export const MQA_DIMENSION_MAX: Readonly<Record<MqaDimension, number>> = {
  findability: 100,
  accessibility: 100,
  interoperability: 110,
  reusability: 75,
  contextuality: 20,
}

/** The most points a dataset can get. */
export const MQA_MAX = 405

/** The rating for a total, per the methodology's bands. */
export function mqaRating(total: number): MqaRating {
  if (total >= 351) return 'excellent'
  if (total >= 221) return 'good'
  if (total >= 121) return 'sufficient'
  return 'bad'
}
