import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { datasetRow, serviceRow } from '../../src/db/harvest-rows.js'
import type { DataService, Dataset } from '../../src/domain/catalogue-records.js'

const sha = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex')

const dataset: Dataset = {
  iri: 'urn:d', publisherIri: 'urn:p', title: { sv: 'T' }, description: {}, contactEmail: 'a@b', contactName: 'N', license: 'L', accessRights: null, rights: 'R',
  accrualPeriodicity: 'F', conformsTo: ['c'], spatial: [], temporal: [{ start: '2020' }], keywords: [{ sv: 'k' }], themes: ['t'], landingPage: 'http://x', issued: null,
  modified: '2026', hvdCategories: [], applicableLegislation: ['l'],
}
const service: DataService = {
  iri: 'urn:s', publisherIri: null, title: {}, description: { en: 'D' }, endpointUrls: ['http://e'], endpointDescription: 'ed', contactEmail: null, license: 'L',
  accessRights: 'A', conformsTo: [], servesDatasets: ['urn:d'], hvdCategories: ['h'], applicableLegislation: [],
}

/**
 * A stored record is unchanged when its record_hash is: the hash must not move when the
 * code that builds a row does (the shared columns of datasets and services), or every
 * record would count as changed on the next harvest. Pinned to the row as it was written
 * before, in column order.
 */
describe('record_hash', () => {
  it('is the hash of the row in column order, as stored by earlier versions', () => {
    const d = dataset
    expect(datasetRow(d, 's', 'urn:o').record_hash).toBe(
      sha({ iri: d.iri, source_id: 's', organisation_iri: 'urn:o', publisher_iri: d.publisherIri, title: d.title, description: d.description, contact_email: d.contactEmail,
        contact_name: d.contactName, license: d.license, access_rights: d.accessRights, rights: d.rights, accrual_periodicity: d.accrualPeriodicity, conforms_to: d.conformsTo,
        spatial: d.spatial, temporal: d.temporal, keywords: d.keywords, themes: d.themes, landing_page: d.landingPage, issued: d.issued, modified: d.modified,
        hvd_categories: d.hvdCategories, applicable_legislation: d.applicableLegislation }),
    )
    const s = service
    expect(serviceRow(s, 's', null).record_hash).toBe(
      sha({ iri: s.iri, source_id: 's', organisation_iri: null, publisher_iri: s.publisherIri, title: s.title, description: s.description, endpoint_urls: s.endpointUrls,
        endpoint_description: s.endpointDescription, contact_email: s.contactEmail, license: s.license, access_rights: s.accessRights, conforms_to: s.conformsTo,
        serves_datasets: s.servesDatasets, hvd_categories: s.hvdCategories, applicable_legislation: s.applicableLegislation }),
    )
  })
})
