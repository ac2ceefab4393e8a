import type { Db } from '../../src/db/database.js'
import { json } from '../../src/db/json.js'
import type { GroundTruthEntry } from '../../src/demo/start-world.js'
import { emptyDatasetColumns } from '../helpers/empty-dataset-columns.js'

/**
 * Puts a world's distributions straight into the database from its ground truth, with
 * no harvest: a sweep then probes exactly the URLs the truth speaks about. Used by the
 * accuracy test and the sweep benchmark.
 */
export async function seedFromWorld(db: Db, truth: Iterable<GroundTruthEntry>): Promise<GroundTruthEntry[]> {
  const entries = [...truth]
  await db
    .insertInto('catalogue_sources')
    .values({ id: 'world', kind: 'dcat', url: 'http://127.0.0.1/world' })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
  // The jsonb columns a distribution row needs.
  const empty = { title: json({}), description: json({}), conforms_to: json([]) }
  const datasets = [...new Map(entries.map((e) => [e.datasetIri, e])).values()]
  const landingPages = new Map(entries.filter((e) => e.landingPage).map((e) => [e.datasetIri, e.url]))
  for (let i = 0; i < datasets.length; i += 500) {
    await db
      .insertInto('datasets')
      .values(
        datasets.slice(i, i + 500).map((e) => ({
          iri: e.datasetIri,
          source_id: 'world',
          organisation_iri: e.organisationIri,
          record_hash: 'seed',
          ...emptyDatasetColumns(),
          // A landing page is given as the dataset's, so the sweep knows a page there is no failure.
          landing_page: landingPages.get(e.datasetIri) ?? null,
        })),
      )
      .onConflict((oc) => oc.column('iri').doNothing())
      .execute()
  }
  for (let i = 0; i < entries.length; i += 500) {
    await db
      .insertInto('distributions')
      .values(
        entries.slice(i, i + 500).map((e) => ({
          iri: e.distributionIri,
          dataset_iri: e.datasetIri,
          download_url: e.landingPage ? null : e.url,
          access_url: e.url,
          host: new URL(e.url).host.toLowerCase(),
          format: e.declaredFormat,
          record_hash: 'seed',
          ...empty,
        })),
      )
      .execute()
  }
  return entries
}
