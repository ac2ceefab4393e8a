import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { UNKNOWN_ORGANISATION } from '../../src/scoring/score-region.js'

describe('the index on the organisation a dataset counts under (migrations/0012-api-indexes.ts)', () => {
  it('names the same unknown organisation as organisationKeyOf, or the planner would not use it', () => {
    const migration = readFileSync(new URL('../../migrations/0012-api-indexes.ts', import.meta.url), 'utf8')
    expect(migration).toContain(`coalesce(organisation_iri, publisher_iri, '${UNKNOWN_ORGANISATION}')`)
  })
})
