import type { Db } from '../db/database.js'
import { pickLang } from '../domain/lang-text.js'
import type { Lang } from '../i18n/lang.js'
import { isUnknownOrganisation, organisationKeyOf } from './organisation-key.js'

/** An organisation a catalogue source publishes for. */
export interface SourceOrganisation {
  iri: string
  /** Its name in the reader's language, else its IRI; null for datasets that name no organisation. */
  name: string | null
}

/**
 * The organisations each catalogue source publishes for, by source id: the one its
 * configuration names first, then those of its live datasets, the most datasets first.
 * What lets a page name a catalogue by its publishers rather than its source id. `only`
 * narrows it to those sources (an organisation's page needs its own few, and counting the
 * whole region's datasets for them cost more than the rest of its catalogue section).
 */
export async function getSourceOrganisations(db: Db, lang: Lang, only?: readonly string[]): Promise<Map<string, SourceOrganisation[]>> {
  if (only?.length === 0) return new Map()
  const [sources, counts, orgs] = await Promise.all([
    db
      .selectFrom('catalogue_sources')
      .select(['id', 'organisation'])
      .$if(only !== undefined, (q) => q.where('id', 'in', only!))
      .execute(),
    db
      .selectFrom('datasets as ds')
      .select((eb) => ['ds.source_id', organisationKeyOf('ds').as('org'), eb.fn.countAll<number>().as('n')])
      .where('ds.withdrawn_at', 'is', null)
      .$if(only !== undefined, (q) => q.where('ds.source_id', 'in', only!))
      .groupBy(['ds.source_id', organisationKeyOf('ds')])
      .execute(),
    db.selectFrom('organisations').select(['iri', 'name']).execute(),
  ])
  const names = new Map(orgs.map((o) => [o.iri, pickLang(o.name, lang)]))
  const of = (iri: string): SourceOrganisation => ({ iri, name: isUnknownOrganisation(iri) ? null : names.get(iri) || iri })
  const out = new Map<string, SourceOrganisation[]>()
  const sorted = [...counts].sort((a, b) => Number(b.n) - Number(a.n) || a.org.localeCompare(b.org))
  for (const s of sources) {
    const iris = [...(s.organisation ? [s.organisation] : []), ...sorted.filter((c) => c.source_id === s.id).map((c) => c.org)]
    out.set(s.id, [...new Set(iris)].map(of))
  }
  return out
}
