import type { DistKind } from './topics.js'

/**
 * Every defect the simulated region can have, with what one availability probe must
 * say about it and which content findings it should cause. Names are stable: tests,
 * benchmarks and ground-truth files refer to them.
 */
export const defectNames = [
  'http-404',
  'http-410',
  'http-500',
  'http-502',
  'http-503-retry-after',
  'http-429-retry-after',
  'bot-challenge',
  'login-wall',
  'forbidden',
  'timeout',
  'no-response',
  'refused',
  'reset',
  'redirect-chain',
  'redirect-loop',
  'too-many-redirects',
  'head-405',
  'head-501',
  'head-lies-404',
  'truncated',
  'empty-body',
  'huge-body',
  'gzip-bomb',
  'ogc-exception',
  'soft-404-html',
  'declared-csv-serves-xlsx',
  'declared-json-serves-html',
  'csv-latin1',
  'csv-semicolon-decimal-comma',
  'csv-ragged',
  'csv-blank-header',
  'csv-duplicate-header',
  'csv-bom',
  'spec-type-error',
  'spec-extra-column',
  'stale',
  'missing-license',
  'missing-contact',
  'missing-format',
  'redirect-raw-utf8',
  'redirect-raw-latin1',
  'sign-in-redirect',
  'portal-front-page',
  'modified-claims-update',
  'modified-behind-change',
  'access-url-landing-page',
] as const

/** A defect name from the table in the world contract. */
export type DefectName = (typeof defectNames)[number]

/** Who a defect can be given to. */
export interface DefectRule {
  outcome: 'ok' | 'failing' | 'unverified'
  code: string
  /** Content finding codes expected while the defect is active (see contentFindingsFor for the spec-dependent one). */
  content: string[]
  metadata: string[]
  /** File kinds the defect applies to (undefined = any). */
  kinds?: DistKind[]
  /** Needs a dataset claiming a world spec (true), or one that does not (false), or either (undefined). */
  spec?: boolean
  /** Needs a DAILY dataset. */
  daily?: boolean
  /** Needs a file that last changed at least 3 days before day 0 and does not change in this many days from it. */
  unchangedDays?: number
  /** Can come and go across days; false = present on every day (the URL itself encodes it). */
  varies: boolean
  /** Default relative weight within the defect rate. */
  weight: number
}

const csv: DistKind[] = ['csv']
const files: DistKind[] = ['csv', 'json', 'xlsx', 'geojson', 'pdf']

/**
 * A rule: what one probe must say (outcome, code) and its weight, with what most rules
 * share: no content or metadata findings expected, coming and going across days. `more`
 * gives the rest (kinds, spec, ...) and overrides those defaults.
 */
function rule(outcome: DefectRule['outcome'], code: string, weight: number, more: Partial<DefectRule> = {}): DefectRule {
  return { outcome, code, content: [], metadata: [], varies: true, weight, ...more }
}

/** The contract table as data: a defect's outcome, probe code and weight, then what differs from rule's defaults. */
export const defectRules: Record<DefectName, DefectRule> = {
  'http-404': rule('failing', 'http-404', 8),
  'http-410': rule('failing', 'http-410', 2),
  'http-500': rule('failing', 'http-5xx', 3),
  'http-502': rule('failing', 'http-5xx', 2),
  'http-503-retry-after': rule('unverified', 'rate-limited', 2),
  'http-429-retry-after': rule('unverified', 'rate-limited', 2),
  'bot-challenge': rule('unverified', 'blocked', 2),
  'login-wall': rule('failing', 'login-required', 2),
  forbidden: rule('failing', 'forbidden', 2),
  timeout: rule('failing', 'timeout', 1),
  'no-response': rule('failing', 'timeout', 1),
  refused: rule('failing', 'refused', 2, { varies: false }),
  reset: rule('failing', 'reset', 2),
  'redirect-chain': rule('ok', 'redirected', 4),
  'redirect-loop': rule('failing', 'redirect-loop', 1),
  'too-many-redirects': rule('failing', 'too-many-redirects', 1),
  'head-405': rule('ok', 'ok', 2),
  'head-501': rule('ok', 'ok', 1),
  'head-lies-404': rule('ok', 'ok', 1),
  truncated: rule('failing', 'truncated', 2, { kinds: files }),
  'empty-body': rule('failing', 'empty-body', 2, { kinds: files }),
  'huge-body': rule('ok', 'ok', 0.3, { kinds: csv, spec: false, varies: false }),
  'gzip-bomb': rule('ok', 'ok', 0.3, { kinds: csv, spec: false, varies: false }),
  'ogc-exception': rule('failing', 'api-error', 25, { kinds: ['wms'] }),
  // A web page where the catalogue promises a data file: the file cannot be downloaded.
  'soft-404-html': rule('failing', 'soft-404', 3, { content: ['soft-404'], kinds: csv }),
  'declared-csv-serves-xlsx': rule('ok', 'ok', 2, { content: ['format-mismatch'], kinds: csv, spec: false, varies: false }),
  'declared-json-serves-html': rule('failing', 'landing-page', 2, { content: ['format-mismatch'], kinds: ['json'] }),
  'csv-latin1': rule('ok', 'ok', 3, { content: ['encoding-error'], kinds: csv, spec: false }),
  'csv-semicolon-decimal-comma': rule('ok', 'ok', 3, { kinds: csv }),
  'csv-ragged': rule('ok', 'ok', 2, { content: ['extra-cell', 'missing-cell'], kinds: csv, spec: false }),
  'csv-blank-header': rule('ok', 'ok', 2, { content: ['blank-label'], kinds: csv, spec: false }),
  'csv-duplicate-header': rule('ok', 'ok', 2, { content: ['duplicate-label'], kinds: csv, spec: false }),
  'csv-bom': rule('ok', 'ok', 2, { kinds: csv }),
  'spec-type-error': rule('ok', 'ok', 12, { content: ['type-error'], kinds: csv, spec: true }),
  'spec-extra-column': rule('ok', 'ok', 8, { content: ['extra-label'], kinds: csv, spec: true }),
  stale: rule('ok', 'ok', 3, { kinds: files, daily: true, varies: false }),
  'missing-license': rule('ok', 'ok', 3, { metadata: ['missing-license'], varies: false }),
  'missing-contact': rule('ok', 'ok', 3, { metadata: ['missing-contact-point'], varies: false }),
  'missing-format': rule('ok', 'ok', 3, { metadata: ['missing-format'], varies: false }),
  // Browsers follow a Location of raw bytes (web-page-defects.ts); so must datavakt.
  'redirect-raw-utf8': rule('ok', 'redirected', 2, { kinds: csv }),
  'redirect-raw-latin1': rule('ok', 'redirected', 1, { kinds: csv }),
  // A sign-in form or a portal page where the catalogue promises a file.
  'sign-in-redirect': rule('failing', 'login-wall', 2, { content: ['format-mismatch'], kinds: csv }),
  'portal-front-page': rule('failing', 'landing-page', 2, { content: ['format-mismatch'], kinds: csv }),
  // What the catalogue says against what happened (catalogue-claims.ts): a dct:modified of
  // day 0 on a file that has not changed for days, and "2023" on a file that changes daily.
  'modified-claims-update': rule('ok', 'ok', 2, { kinds: files, unchangedDays: 60, varies: false }),
  'modified-behind-change': rule('ok', 'ok', 2, { kinds: files, daily: true, varies: false }),
  // An accessURL that is the dataset's dcat:landingPage: a web page by design, no downloadURL.
  'access-url-landing-page': rule('ok', 'ok', 2, { content: ['access-url-landing-page'], kinds: csv, spec: false, varies: false }),
}
