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

/** The IRI of describedDataset. */
const DESCRIBED_DATASET = 'http://127.0.0.1/dataset/1'

/**
 * A dataset on loopback that says what a check not about metadata takes for granted: its
 * Swedish title and description, a publisher and a contact; `over` on top.
 */
export function describedDataset(title: string, description: string, over: Partial<DatasetInfo> = {}): DatasetInfo {
  return datasetRecord({
    iri: DESCRIBED_DATASET,
    title: { sv: title },
    description: { sv: description },
    publisherIri: 'http://127.0.0.1/org/1',
    contactEmail: 'oppnadata@example.org',
    ...over,
  })
}

/** The one distribution of describedDataset: its file at `url`, as both access and download URL; `over` on top. */
export function describedDistribution(url: string, over: Partial<DistributionInfo> = {}): DistributionInfo {
  return distributionRecord({ iri: 'http://127.0.0.1/dist/1', datasetIri: DESCRIBED_DATASET, accessUrl: url, downloadUrl: url, ...over })
}
