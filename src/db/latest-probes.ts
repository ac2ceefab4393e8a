import { sql } from 'kysely'
import type { Db } from './database.js'
import { json } from './json.js'
import type { StoredProbeFinding } from './tables/availability.js'
import type { ProbeSummary } from '../domain/probe-summary.js'

/** The latest probe of a distribution with its state over time: the one probe summary, with its distribution and URL. */
export interface LatestProbe extends ProbeSummary {
  distributionIri: string
  url: string
}

/**
 * The latest probe of each distribution (all, or the given ones) joined with its
 * availability state: what the availability check and the dashboards need.
 *
 * Driven by the state rows (one per distribution ever probed: recordProbes writes the
 * state with every probe it stores), each finding its latest probe through the
 * (distribution_iri, at) index. A DISTINCT ON over the probes table read and sorted the
 * whole history, which grows by a row per distribution per sweep, forever.
 */
export async function latestProbes(db: Db, distributionIris?: string[]): Promise<Map<string, LatestProbe>> {
  if (distributionIris && distributionIris.length === 0) return new Map()
  const only = distributionIris
    ? sql`where s.distribution_iri = any (array(select jsonb_array_elements_text(${json(distributionIris)})))`
    : sql``
  const { rows } = await sql<{
    distribution_iri: string
    url: string
    outcome: LatestProbe['outcome']
    code: string
    http_status: number | null
    final_url: string | null
    content_type: string | null
    content_length: number | null
    etag: string | null
    last_modified: string | null
    at: Date | string
    findings: StoredProbeFinding[]
    tls_days_left: number | null
    state: LatestProbe['state'] | null
    consecutive_failures: number | null
    first_failure_at: Date | string | null
  }>`
    select p.distribution_iri, p.url, p.outcome, p.code, p.http_status, p.final_url, p.content_type, p.content_length,
           p.etag, p.last_modified, p.at, p.findings, p.tls_days_left,
           s.state, s.consecutive_failures, s.first_failure_at
    from availability_state s
    cross join lateral (
      select * from probes p where p.distribution_iri = s.distribution_iri order by p.at desc, p.id desc limit 1
    ) p
    ${only}`.execute(db)
  const out = new Map<string, LatestProbe>()
  for (const r of rows) {
    out.set(r.distribution_iri, {
      distributionIri: r.distribution_iri,
      url: r.url,
      outcome: r.outcome,
      code: r.code,
      httpStatus: r.http_status,
      finalUrl: r.final_url,
      contentType: r.content_type,
      contentLength: r.content_length === null ? null : Number(r.content_length),
      etag: r.etag,
      lastModified: r.last_modified,
      at: new Date(r.at).toISOString(),
      state: r.state ?? 'unknown',
      consecutiveFailures: r.consecutive_failures ?? 0,
      failingSince: r.first_failure_at ? new Date(r.first_failure_at).toISOString() : null,
      findings: r.findings ?? [],
      tlsDaysLeft: r.tls_days_left,
    })
  }
  return out
}
