import { sql } from 'kysely'
import type { ProbeSummary } from '../../checks/types.js'
import type { Db } from '../db/database.js'

interface Row {
  distribution_iri: string
  outcome: ProbeSummary['outcome']
  code: string
  http_status: number | null
  final_url: string | null
  content_type: string | null
  content_length: number | string | null
  etag: string | null
  last_modified: string | null
  at: Date | string
  state_after: ProbeSummary['state'] | null
  findings: ProbeSummary['findings'] | null
  tls_days_left: number | null
  failures: number | null
  since: Date | string | null
}

/** The state a probe left; for rows stored without one, what its outcome alone says. */
function stateOf(r: Row): ProbeSummary['state'] {
  if (r.state_after) return r.state_after
  return r.outcome === 'ok' ? 'ok' : r.outcome === 'failing' ? 'degraded' : 'unknown'
}

/**
 * The probe summary of every probed distribution as it stood at `asOf`: its latest probe
 * up to then with the availability state that probe left (`state_after`, written by the
 * state machine), and the current run of failures (failing probes since the last ok one,
 * unverified ones neither counting nor breaking it, as src/availability counts them).
 * The same shape the content sweep hands the availability check, so scoring judges the
 * same verdict. Distributions never probed by then are absent. Reads only.
 */
export async function probeSummariesAsOf(db: Db, asOf: Date): Promise<Map<string, ProbeSummary>> {
  const at = asOf.toISOString()
  const { rows } = await sql<Row>`
    with latest as (
      select distinct on (distribution_iri) distribution_iri, outcome, code, http_status, final_url, content_type,
             content_length, etag, last_modified, at, state_after, findings, tls_days_left
      from probes
      where at <= ${at}::timestamptz
      order by distribution_iri, at desc, id desc
    )
    select l.*, run.failures, run.since
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
  for (const r of rows) {
    out.set(r.distribution_iri, {
      outcome: r.outcome,
      code: r.code,
      httpStatus: r.http_status,
      finalUrl: r.final_url,
      contentType: r.content_type,
      contentLength: r.content_length === null ? null : Number(r.content_length),
      etag: r.etag,
      lastModified: r.last_modified,
      at: new Date(r.at).toISOString(),
      state: stateOf(r),
      consecutiveFailures: r.failures ?? 0,
      failingSince: r.since ? new Date(r.since).toISOString() : null,
      findings: Array.isArray(r.findings) ? r.findings : [],
      tlsDaysLeft: r.tls_days_left,
    })
  }
  return out
}
