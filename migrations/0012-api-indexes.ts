import { sql, type Kysely } from 'kysely'

/**
 * Indexes the organisation page and API need at 50,000 files (found with EXPLAIN under
 * `npm run bench:api`): an organisation's problems read its files' current scores by
 * organisation (was a sequential scan of every score, 114 ms), and its datasets are found by
 * the organisation they count under, `coalesce(organisation_iri, publisher_iri, <unknown>)`
 * (src/read-model/organisation-key.ts; was a sequential scan of every dataset, 35 ms). The
 * expression must stay the very one organisationKeyOf writes, UNKNOWN_ORGANISATION
 * included, or the planner no longer uses it. Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('scores_organisation_idx').on('scores').columns(['organisation_iri', 'scoring_version']).execute()
  await db.schema
    .createIndex('datasets_organisation_key_idx')
    .on('datasets')
    .expression(sql`coalesce(organisation_iri, publisher_iri, 'urn:datavakt:unknown-organisation')`)
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('datasets_organisation_key_idx').execute()
  await db.schema.dropIndex('scores_organisation_idx').execute()
}
