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

/** The contract table as data. */
export const defectRules: Record<DefectName, DefectRule> = {
  'http-404': { outcome: 'failing', code: 'http-404', content: [], metadata: [], varies: true, weight: 8 },
  'http-410': { outcome: 'failing', code: 'http-410', content: [], metadata: [], varies: true, weight: 2 },
  'http-500': { outcome: 'failing', code: 'http-5xx', content: [], metadata: [], varies: true, weight: 3 },
  'http-502': { outcome: 'failing', code: 'http-5xx', content: [], metadata: [], varies: true, weight: 2 },
  'http-503-retry-after': { outcome: 'unverified', code: 'rate-limited', content: [], metadata: [], varies: true, weight: 2 },
  'http-429-retry-after': { outcome: 'unverified', code: 'rate-limited', content: [], metadata: [], varies: true, weight: 2 },
  'bot-challenge': { outcome: 'unverified', code: 'blocked', content: [], metadata: [], varies: true, weight: 2 },
  'login-wall': { outcome: 'failing', code: 'login-required', content: [], metadata: [], varies: true, weight: 2 },
  forbidden: { outcome: 'failing', code: 'forbidden', content: [], metadata: [], varies: true, weight: 2 },
  timeout: { outcome: 'failing', code: 'timeout', content: [], metadata: [], varies: true, weight: 1 },
  'no-response': { outcome: 'failing', code: 'timeout', content: [], metadata: [], varies: true, weight: 1 },
  refused: { outcome: 'failing', code: 'refused', content: [], metadata: [], varies: false, weight: 2 },
  reset: { outcome: 'failing', code: 'reset', content: [], metadata: [], varies: true, weight: 2 },
  'redirect-chain': { outcome: 'ok', code: 'redirected', content: [], metadata: [], varies: true, weight: 4 },
  'redirect-loop': { outcome: 'failing', code: 'redirect-loop', content: [], metadata: [], varies: true, weight: 1 },
  'too-many-redirects': { outcome: 'failing', code: 'too-many-redirects', content: [], metadata: [], varies: true, weight: 1 },
  'head-405': { outcome: 'ok', code: 'ok', content: [], metadata: [], varies: true, weight: 2 },
  'head-501': { outcome: 'ok', code: 'ok', content: [], metadata: [], varies: true, weight: 1 },
  'head-lies-404': { outcome: 'ok', code: 'ok', content: [], metadata: [], varies: true, weight: 1 },
  truncated: { outcome: 'failing', code: 'truncated', content: [], metadata: [], kinds: files, varies: true, weight: 2 },
  'empty-body': { outcome: 'failing', code: 'empty-body', content: [], metadata: [], kinds: files, varies: true, weight: 2 },
  'huge-body': { outcome: 'ok', code: 'ok', content: [], metadata: [], kinds: csv, spec: false, varies: false, weight: 0.3 },
  'gzip-bomb': { outcome: 'ok', code: 'ok', content: [], metadata: [], kinds: csv, spec: false, varies: false, weight: 0.3 },
  'ogc-exception': { outcome: 'failing', code: 'api-error', content: [], metadata: [], kinds: ['wms'], varies: true, weight: 25 },
  // A web page where the catalogue promises a data file: the file cannot be downloaded.
  'soft-404-html': { outcome: 'failing', code: 'soft-404', content: ['soft-404'], metadata: [], kinds: csv, varies: true, weight: 3 },
  'declared-csv-serves-xlsx': { outcome: 'ok', code: 'ok', content: ['format-mismatch'], metadata: [], kinds: csv, spec: false, varies: false, weight: 2 },
  'declared-json-serves-html': { outcome: 'failing', code: 'landing-page', content: ['format-mismatch'], metadata: [], kinds: ['json'], varies: true, weight: 2 },
  'csv-latin1': { outcome: 'ok', code: 'ok', content: ['encoding-error'], metadata: [], kinds: csv, spec: false, varies: true, weight: 3 },
  'csv-semicolon-decimal-comma': { outcome: 'ok', code: 'ok', content: [], metadata: [], kinds: csv, varies: true, weight: 3 },
  'csv-ragged': { outcome: 'ok', code: 'ok', content: ['extra-cell', 'missing-cell'], metadata: [], kinds: csv, spec: false, varies: true, weight: 2 },
  'csv-blank-header': { outcome: 'ok', code: 'ok', content: ['blank-label'], metadata: [], kinds: csv, spec: false, varies: true, weight: 2 },
  'csv-duplicate-header': { outcome: 'ok', code: 'ok', content: ['duplicate-label'], metadata: [], kinds: csv, spec: false, varies: true, weight: 2 },
  'csv-bom': { outcome: 'ok', code: 'ok', content: [], metadata: [], kinds: csv, varies: true, weight: 2 },
  'spec-type-error': { outcome: 'ok', code: 'ok', content: ['type-error'], metadata: [], kinds: csv, spec: true, varies: true, weight: 12 },
  'spec-extra-column': { outcome: 'ok', code: 'ok', content: ['extra-label'], metadata: [], kinds: csv, spec: true, varies: true, weight: 8 },
  stale: { outcome: 'ok', code: 'ok', content: [], metadata: [], kinds: files, daily: true, varies: false, weight: 3 },
  'missing-license': { outcome: 'ok', code: 'ok', content: [], metadata: ['missing-license'], varies: false, weight: 3 },
  'missing-contact': { outcome: 'ok', code: 'ok', content: [], metadata: ['missing-contact-point'], varies: false, weight: 3 },
  'missing-format': { outcome: 'ok', code: 'ok', content: [], metadata: ['missing-format'], varies: false, weight: 3 },
  // Browsers follow a Location of raw bytes (web-page-defects.ts); so must datavakt.
  'redirect-raw-utf8': { outcome: 'ok', code: 'redirected', content: [], metadata: [], kinds: csv, varies: true, weight: 2 },
  'redirect-raw-latin1': { outcome: 'ok', code: 'redirected', content: [], metadata: [], kinds: csv, varies: true, weight: 1 },
  // A sign-in form or a portal page where the catalogue promises a file.
  'sign-in-redirect': { outcome: 'failing', code: 'login-wall', content: ['format-mismatch'], metadata: [], kinds: csv, varies: true, weight: 2 },
  'portal-front-page': { outcome: 'failing', code: 'landing-page', content: ['format-mismatch'], metadata: [], kinds: csv, varies: true, weight: 2 },
  // What the catalogue says against what happened (catalogue-claims.ts): a dct:modified of
  // day 0 on a file that has not changed for days, and "2023" on a file that changes daily.
  'modified-claims-update': { outcome: 'ok', code: 'ok', content: [], metadata: [], kinds: files, unchangedDays: 60, varies: false, weight: 2 },
  'modified-behind-change': { outcome: 'ok', code: 'ok', content: [], metadata: [], kinds: files, daily: true, varies: false, weight: 2 },
  // An accessURL that is the dataset's dcat:landingPage: a web page by design, no downloadURL.
  'access-url-landing-page': { outcome: 'ok', code: 'ok', content: ['access-url-landing-page'], metadata: [], kinds: csv, spec: false, varies: false, weight: 2 },
}
