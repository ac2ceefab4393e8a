import type { DatasetInfo, DistributionInfo } from '../../checks/types.js'

/**
 * The dataset and distribution records the checks read, for tests: every field empty (no
 * words, no lists, null) unless `over` sets it, so a test names only what it is about.
 */

/** A dataset record with `over` on top of empty fields. */
export function datasetRecord(over: Partial<DatasetInfo> & Pick<DatasetInfo, 'iri'>): DatasetInfo {
  return {
    title: {},
    description: {},
    publisherIri: null,
    contactEmail: null,
    license: null,
    accessRights: null,
    rights: null,
    accrualPeriodicity: null,
    conformsTo: [],
    spatial: [],
    temporal: [],
    keywords: [],
    themes: [],
    landingPage: null,
    issued: null,
    modified: null,
    hvdCategories: [],
    applicableLegislation: [],
    ...over,
  }
}

/** A distribution record of dataset `datasetIri` with `over` on top of empty fields. */
export function distributionRecord(over: Partial<DistributionInfo> & Pick<DistributionInfo, 'iri' | 'datasetIri'>): DistributionInfo {
  return {
    title: {},
    description: {},
    accessUrl: null,
    downloadUrl: null,
    format: null,
    mediaType: null,
    byteSize: null,
    license: null,
    accessRights: null,
    rights: null,
    conformsTo: [],
    accessServiceIri: null,
    issued: null,
    modified: null,
    hvdCategories: [],
    applicableLegislation: [],
    ...over,
  }
}
