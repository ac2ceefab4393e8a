import type { CodedText } from './finding.js'

/**
 * Stable reasons a harvest fails, stored in harvest_runs.error_code (with the params in
 * error_params), so pages, the API and the CLI explain a failure in the reader's language
 * (`describeHarvestError` in src/i18n/harvest-words.ts).
 */
export const HARVEST_ERROR_REASONS = [
  'fetch-failed', // no answer: refused, reset, DNS, TLS
  'timeout', // one document: the catalogue server was too slow or hung
  'deadline', // the whole harvest took longer than harvest.deadlineMs (endless paging)
  'http-error', // an answer, but not 2xx
  'too-large', // body over harvest.maxCatalogueBytes
  'html-page', // an HTML page, whatever its Content-Type says
  'empty-body', // nothing at all
  'not-rdf', // a syntax datavakt cannot tell
  'no-statements', // RDF without a single statement
  'doctype-refused', // RDF/XML with a DOCTYPE / ENTITY declarations
  'truncated', // the document stops half way
  'parse-error', // syntax error
  'not-json', // CKAN / EntryScape did not answer JSON
  'bad-response', // CKAN / EntryScape JSON not of the expected shape
  'too-many-pages', // paging did not end
  'dataset-drop', // would withdraw more than harvest.maxDropShare of the datasets, not yet confirmed
  'unexpected', // an error datavakt did not foresee
  'interrupted', // the process running it is gone (killed mid-harvest)
  'legacy-text', // {text}: a failure stored as words by an older version, shown as it was
] as const

export type HarvestErrorReason = (typeof HARVEST_ERROR_REASONS)[number]

/**
 * Why one harvest failed, as data. Params: `url` (the document being read), `status` (its
 * HTTP status), `line`/`column`/`byte` (where in the document), `detail` (the parsing
 * library's own message: data for the JSON answers, never part of the words), and what
 * each reason's text names (limit, ms, max, ...).
 */
export type HarvestFailure = CodedText<HarvestErrorReason>
