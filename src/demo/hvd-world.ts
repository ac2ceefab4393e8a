import { rand01, Salt } from './hash32.js'
import type { WorldModel } from './world-model.js'

/**
 * The high-value datasets of the simulated region (regulation (EU) 2023/138): most
 * datasets with a data service declare the regulation, on the dataset, its distributions
 * and its service. Some meet every obligation; others, drawn from the seed, miss one:
 * - an HVD category outside the EU vocabulary (a data theme instead), 15 %;
 * - no English title or description, 25 %;
 * - a JSON API whose endpointDescription is its data file, not an OpenAPI document, 25 %;
 * - and whatever the files themselves do (a missing licence, no bulk download beside a
 *   WMS, a file that breaks).
 * The others describe their API with an OpenAPI document the world serves at
 * `<service IRI>/openapi.json` (WMS services give their GetCapabilities URL).
 */

export const HVD_LEGISLATION = 'http://data.europa.eu/eli/reg_impl/2023/138/oj'
const GEOSPATIAL = 'http://data.europa.eu/bna/c_ac64a52d'
const STATISTICS = 'http://data.europa.eu/bna/c_e1da4e07'
/** A data theme where an HVD category belongs: not in the HVD vocabulary. */
const NOT_A_CATEGORY = 'http://publications.europa.eu/resource/authority/data-theme/REGI'

/** How one HVD dataset of the world is described. */
export interface HvdTraits {
  category: string
  english: boolean
  /** The JSON API's description is an OpenAPI document (else its data file). */
  openApi: boolean
}

/** The traits of dataset `ds`, or null when it is not a high-value dataset. */
export function hvdTraits(m: WorldModel, ds: number, hasWms: boolean): HvdTraits | null {
  if (!m.datasetIsHvd(ds)) return null
  const draw = (k: number) => rand01(m.seed, ds, Salt.hvdVariant, k)
  return {
    category: draw(1) < 0.15 ? NOT_A_CATEGORY : hasWms ? GEOSPATIAL : STATISTICS,
    english: draw(2) >= 0.25,
    openApi: draw(3) >= 0.25,
  }
}

/** The RDF/XML lines that put a record under the regulation, with its category. */
export function hvdXml(category: string | null): string[] {
  return [`\t<dcatap:applicableLegislation rdf:resource="${HVD_LEGISLATION}"/>`, ...(category ? [`\t<dcatap:hvdCategory rdf:resource="${category}"/>`] : [])]
}

/** The OpenAPI 3 document of a JSON data service: one GET operation on its data. */
export function openApiDocument(title: string, endpoint: string): Buffer {
  const doc = {
    openapi: '3.0.3',
    info: { title, version: '1.0' },
    servers: [{ url: endpoint.replace(/\/[^/]*$/, '') }],
    paths: { [`/${endpoint.split('/').pop()}`]: { get: { summary: title, responses: { 200: { description: 'The data as JSON.' } } } } },
  }
  return Buffer.from(JSON.stringify(doc, null, 2))
}
