import { sql, type RawBuilder } from 'kysely'
import { UNKNOWN_ORGANISATION } from '../scoring/score-region.js'

/**
 * The organisation a dataset counts under, as SQL over the datasets table aliased `alias`:
 * its organisation, else its publisher, else scoring's UNKNOWN_ORGANISATION. The same key
 * scoring writes into scores and rollups, so a page's dataset list and its scores agree.
 */
export function organisationKeyOf(alias: string): RawBuilder<string> {
  return sql<string>`coalesce(${sql.ref(`${alias}.organisation_iri`)}, ${sql.ref(`${alias}.publisher_iri`)}, ${sql.lit(UNKNOWN_ORGANISATION)})`
}

/** True for the key of the datasets that name neither an organisation nor a publisher. */
export function isUnknownOrganisation(iri: string): boolean {
  return iri === UNKNOWN_ORGANISATION
}
