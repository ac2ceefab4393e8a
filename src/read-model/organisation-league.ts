import type { Db } from '../db/database.js'
import { pickLang } from '../domain/lang-text.js'
import type { Lang } from '../i18n/lang.js'
import { getOrganisationScores } from './organisation-scores.js'
import { isUnknownOrganisation, organisationKeyOf } from './organisation-key.js'
import type { RollupRow } from './rollup-row.js'

/** One organisation in the region's league table. */
export interface OrganisationSummary {
  iri: string
  /**
   * The organisation's name in the reader's language; its IRI when the catalogue gives no
   * name; null for the datasets that name no organisation at all (a reader shows its own
   * words for those).
   */
  name: string | null
  /** Its latest rollup; null when it has none yet. */
  scores: RollupRow | null
  /** Live datasets. */
  datasets: number
  /** Live files whose availability state is broken, and degraded. */
  broken: number
  degraded: number
}

/**
 * Every organisation with live datasets or a rollup, worst total first; organisations
 * without a rollup yet follow the scored ones. Names are picked for `lang`.
 */
export async function getOrganisationLeague(db: Db, lang: Lang): Promise<OrganisationSummary[]> {
  const [scores, orgs, counts, states] = await Promise.all([
    getOrganisationScores(db),
    db.selectFrom('organisations').select(['iri', 'name']).execute(),
    db
      .selectFrom('datasets as ds')
      .select((eb) => [organisationKeyOf('ds').as('org'), eb.fn.countAll<number>().as('n')])
      .where('ds.withdrawn_at', 'is', null)
      .groupBy(organisationKeyOf('ds'))
      .execute(),
    db
      .selectFrom('availability_state as s')
      .innerJoin('distributions as d', 'd.iri', 's.distribution_iri')
      .innerJoin('datasets as ds', 'ds.iri', 'd.dataset_iri')
      .select((eb) => [organisationKeyOf('ds').as('org'), 's.state', eb.fn.countAll<number>().as('n')])
      .where('d.withdrawn_at', 'is', null)
      .where('s.state', 'in', ['broken', 'degraded'])
      .groupBy([organisationKeyOf('ds'), 's.state'])
      .execute(),
  ])
  const names = new Map(orgs.map((o) => [o.iri, pickLang(o.name, lang)]))
  const datasetCount = new Map(counts.map((c) => [c.org, Number(c.n)]))
  const stateCount = new Map(states.map((s) => [`${s.org}|${s.state}`, Number(s.n)]))
  const summary = (iri: string, rollup: RollupRow | null): OrganisationSummary => ({
    iri,
    name: isUnknownOrganisation(iri) ? null : names.get(iri) || iri,
    scores: rollup,
    datasets: datasetCount.get(iri) ?? 0,
    broken: stateCount.get(`${iri}|broken`) ?? 0,
    degraded: stateCount.get(`${iri}|degraded`) ?? 0,
  })
  const seen = new Set(scores.map((r) => r.key))
  const league = scores.map(({ name: _name, ...rollup }) => summary(rollup.key, rollup))
  for (const iri of datasetCount.keys()) if (!seen.has(iri)) league.push(summary(iri, null))
  return league
}
