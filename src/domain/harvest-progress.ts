import type { MessageParams } from './finding.js'

/**
 * How far a harvest has come, as data: a stable code and the values its words need. The
 * harvest reports it (`HarvestDeps.onProgress`); the words are made from the code by the
 * message catalogue (`describeHarvestProgress` in src/i18n/harvest-words.ts), in the
 * operator's language, as for warnings and failures.
 */
export const HARVEST_PROGRESS_CODES = [
  'source', // {id, kind, url, publisher}: a configured source is being read
  'dcat-document', // {url, datasets, services, allDatasets, allServices}: one DCAT document read
  'ckan-page', // {site, from, to, count}: one page of CKAN packages read
  'entryscape-page', // {base, offset, entries, total}: one EntryScape search page read
] as const

export type HarvestProgressCode = (typeof HARVEST_PROGRESS_CODES)[number]

/** One step of a harvest. */
export interface HarvestProgress {
  code: HarvestProgressCode
  params: MessageParams
}
