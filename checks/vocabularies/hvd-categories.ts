/**
 * High-value datasets (HVD): the legislation IRI and the six thematic categories of
 * Commission Implementing Regulation (EU) 2023/138, Annex (ELI
 * http://data.europa.eu/eli/reg_impl/2023/138/oj).
 *
 * The category IRIs are those of the EU Vocabularies "High-value dataset categories" table
 * (https://op.europa.eu/en/web/eu-vocabularies/dataset/-/resource?uri=http://publications.europa.eu/resource/dataset/high-value-dataset-category),
 * which DCAT-AP HVD 2.2 (https://semiceu.github.io/DCAT-AP/releases/2.2.0-hvd/) prescribes
 * for dcatap:hvdCategory. The vocabulary also has sub-categories (e.g. addresses under
 * geospatial); we do not carry them, so a sub-category is reported as "not verified",
 * never as invalid.
 */

/** The ELI of regulation 2023/138, as dcatap:applicableLegislation names it. */
export const HVD_LEGISLATION = 'http://data.europa.eu/eli/reg_impl/2023/138/oj'

/** The six top-level categories (their names are the catalogue's, src/i18n/messages/findings-metadata.ts). */
const HVD_CATEGORY_IRIS: ReadonlySet<string> = new Set([
  'http://data.europa.eu/bna/c_ac64a52d', // geospatial
  'http://data.europa.eu/bna/c_dd313021', // earth observation and environment
  'http://data.europa.eu/bna/c_164e0bf5', // meteorological
  'http://data.europa.eu/bna/c_e1da4e07', // statistics
  'http://data.europa.eu/bna/c_a9135398', // companies and company ownership
  'http://data.europa.eu/bna/c_b79e35eb', // mobility
])

function norm(iri: string): string {
  return iri.trim().replace(/^https:/, 'http:').replace(/\/+$/, '')
}

/** True when the IRI names the HVD regulation (http or https, with or without trailing slash). */
export function isHvdLegislation(iri: string): boolean {
  const n = norm(iri)
  return n === HVD_LEGISLATION || n === 'http://data.europa.eu/eli/reg_impl/2023/138'
}

/** 'valid' = one of the six; 'unverified' = another IRI of the bna vocabulary (a sub-category?); 'invalid' otherwise. */
export function classifyHvdCategory(iri: string): 'valid' | 'unverified' | 'invalid' {
  const n = norm(iri)
  if (HVD_CATEGORY_IRIS.has(n)) return 'valid'
  if (/^http:\/\/data\.europa\.eu\/bna\/c_[0-9a-z_]+$/.test(n)) return 'unverified'
  return 'invalid'
}
