import { json } from '../../src/db/json.js'

/**
 * The jsonb columns of a `datasets` row, empty, for tests that insert datasets directly:
 * spread it and set what the test is about.
 */
export function emptyDatasetColumns() {
  return {
    title: json({}),
    description: json({}),
    conforms_to: json([]),
    spatial: json([]),
    temporal: json([]),
    keywords: json([]),
    themes: json([]),
    hvd_categories: json([]),
    applicable_legislation: json([]),
  }
}

/** The jsonb columns a `distributions` row needs, empty, for tests that insert distributions directly. */
export function emptyDistributionColumns() {
  return { title: json({}), description: json({}), conforms_to: json([]) }
}
