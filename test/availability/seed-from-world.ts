import type { Db } from '../../src/db/database.js'
import type { GroundTruthEntry } from '../../src/demo/start-world.js'
import { seedDistributions } from './seed-distributions.js'

/**
 * Puts a world's distributions straight into the database from its ground truth, with
 * no harvest: a sweep then probes exactly the URLs the truth speaks about. Used by the
 * accuracy test and the sweep benchmark.
 */
export async function seedFromWorld(db: Db, truth: Iterable<GroundTruthEntry>): Promise<GroundTruthEntry[]> {
  const entries = [...truth]
  const items = entries.map((e) => ({ iri: e.distributionIri, url: e.url, dataset: e.datasetIri, organisation: e.organisationIri, format: e.declaredFormat, landingPage: e.landingPage }))
  await seedDistributions(db, items, { id: 'world', url: 'http://127.0.0.1/world' })
  return entries
}
