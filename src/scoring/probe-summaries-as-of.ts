import { sql } from 'kysely'
import type { ProbeSummary } from '../../checks/types.js'
import type { Db } from '../db/database.js'

/** A row as the query names it: the summary's own fields, and what still needs converting. */
type Row = Omit<ProbeSummary, 'at' | 'contentLength' | 'state' | 'consecutiveFailures' | 'failingSince' | 'findings'> & {
  distributionIri: string
  at: Date | string
  contentLength: number | string | null
  stateAfter: ProbeSummary['state'] | null
  findings: ProbeSummary['findings'] | null
  failures: number | null
  since: Date | string | null
}

/** The state a probe left; for rows stored without one, what its outcome alone says. */
function stateOf(outcome: ProbeSummary['outcome'], stateAfter: ProbeSummary['state'] | null): ProbeSummary['state'] {
  if (stateAfter) return stateAfter
  return outcome === 'ok' ? 'ok' : outcome === 'failing' ? 'degraded' : 'unknown'
}

/**
 * The probe summary of every probed distribution as it stood at `asOf`: its latest probe
 * up to then with the availability state that probe left (`state_after`, written by the
 * state machine), and the current run of failures (failing probes since the last ok one,
 * unverified ones neither counting nor breaking it, as src/availability counts them).
 * The same shape the content sweep hands the availability check, so scoring judges the
 * same verdict. Distributions never probed by then are absent. Reads only.
 *
 * Driven by the harvested distributions and the state rows (every distribution the probe
 * writer ever probed), each finding its latest probe up to `asOf` through the
 * (distribution_iri, at) index: a DISTINCT ON over the probes read and sorted the whole
 * history, and the daily rollup grew with every month of it (`npm run bench:storage`).
 */
export async function probeSummariesAsOf(db: Db, asOf: Date): Promise<Map<string, ProbeSummary>> {
  const at = asOf.toISOString()
  const { rows } = await sql<Row>`
    with latest as (
      select l.*
      from (select iri as distribution_iri from distributions union select distribution_iri from availability_state) k
      cross join lateral (
        select * from probes p where p.distribution_iri = k.distribution_iri and p.at <= ${at}::timestamptz
        order by p.at desc, p.id desc limit 1
      ) l
    )
    select l.distribution_iri as "distributionIri", l.outcome, l.code, l.http_status as "httpStatus", l.final_url as "finalUrl",
           l.content_type as "contentType", l.content_length as "contentLength", l.etag, l.last_modified as "lastModified", l.at,
           l.state_after as "stateAfter", l.findings, l.tls_days_left as "tlsDaysLeft", run.failures, run.since
    from latest l
    left join lateral (
      select count(*)::int as failures, min(f.at) as since
      from probes f
      where f.distribution_iri = l.distribution_iri and f.outcome = 'failing' and f.at <= l.at
        and coalesce(l.state_after, case when l.outcome = 'failing' then 'degraded' end) in ('degraded', 'broken')
        and f.at > coalesce(
          (select max(o.at) from probes o where o.distribution_iri = l.distribution_iri and o.outcome = 'ok' and o.at <= l.at),
          '-infinity'::timestamptz)
    ) run on true`.execute(db)
  const out = new Map<string, ProbeSummary>()
  for (const { distributionIri, stateAfter, failures, since, ...r } of rows) {
    out.set(distributionIri, {
      ...r,
      at: new Date(r.at).toISOString(),
      contentLength: r.contentLength === null ? null : Number(r.contentLength),
      state: stateOf(r.outcome, stateAfter),
      consecutiveFailures: failures ?? 0,
      failingSince: since ? new Date(since).toISOString() : null,
      findings: Array.isArray(r.findings) ? r.findings : [],
    })
  }
  return out
}
