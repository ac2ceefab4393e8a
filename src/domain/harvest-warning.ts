import type { CodedText } from './finding.js'

/**
 * Something in a catalogue a harvest skipped or could not fully understand, as data: a
 * stable code, the record it concerns and the values its text needs. The words are made
 * from the code by the message catalogue (`describeHarvestWarning` in
 * src/i18n/harvest-words.ts) in the reader's language; harvest_runs.warnings stores this shape.
 */
export const HARVEST_WARNING_CODES = [
  'relative-iri', // {iri}: a relative IRI, read against the document's address
  'dataset-blank-node', // a dataset without an IRI: given a synthetic one
  'distribution-literal', // {value}: dcat:distribution is a literal
  'distribution-shared', // {owner}: listed by several datasets; kept under the first
  'distribution-orphan', // a distribution no dataset lists
  'service-blank-node', // a data service without an IRI: skipped
  'distribution-download-only', // no dcat:accessURL; the downloadURL is used
  'distribution-no-url', // neither accessURL nor downloadURL (CKAN: a resource without URL)
  'unknown-format', // {format}
  'bad-media-type', // {value}
  'bad-byte-size', // {value}
  'publisher-blank-node', // dct:publisher is a blank node
  'publisher-literal', // {value}: dct:publisher is a literal
  'url-literal', // {property, value}: a URL given as a literal
  'url-not-absolute', // {property, value}: skipped
  'url-not-http', // {property, value}
  'dataset-not-described', // listed by dcat:dataset, not described: skipped
  'package-no-id', // a CKAN package without id: skipped
  'entry-no-id', // an EntryScape search hit without contextId/entryId: skipped
  'entry-not-dataset', // {entry}: the entry does not describe its dataset as dcat:Dataset
  'entry-not-service', // {entry}: a data-service entry does not describe its resource as dcat:DataService
  'entry-unreadable', // {entry, reason, status}: kept as last harvested
  'datasets-held-elsewhere', // {n}: already harvested from another source
  'legacy-text', // {text}: a warning stored as words by an older version, shown as it was
] as const

export type HarvestWarningCode = (typeof HARVEST_WARNING_CODES)[number]

/** One warning of a harvest. */
export interface HarvestWarning extends CodedText<HarvestWarningCode> {
  /** The IRI (or address) of the record it concerns. */
  subject: string
}
