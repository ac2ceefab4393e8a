import { sql } from 'kysely'
import type { Db } from './database.js'
import type { ProbeResult } from '../fetch/probe-types.js'
import type { Selectable } from 'kysely'
import type { AvailabilityStateTable } from './tables/availability.js'
import {
  initialAvailabilityState,
  nextAvailabilityState,
  type AvailabilityState,
  type BrokenPolicy,
} from '../availability/next-availability-state.js'

/**
 * Store functions of the availability part: the URLs a host still owes a sweep, writing
 * probes with the state machine applied, summaries, uptime. They never call the network.
 */

/** A distribution due in a sweep, with the validators for a conditional request. */
export interface DueDistribution {
  iri: string
  url: string
  etag: string | null
  lastModified: string | null
}

/** The SQL expression of the URL that is probed: the download URL, else the access URL. */
const probedUrl = sql<string>`coalesce(d.download_url, d.access_url)`

/**
 * The distributions of `host` that have no probe in `sweepId` yet: after a take-over,
 * only what the crashed worker did not record is redone. Host '' stands for
 * distributions without a parseable host (they are probed and come out invalid-url).
 *
 * In IRI order, a page at a time: the host's next `limit` distributions after `after`
 * (the previous page's `next`), of which those already probed in the sweep are left out,
 * so a page may hold fewer than `limit`, or none, while `next` is not null. A worker
 * holds hundreds of hosts at once, and their whole lists were the largest thing a sweep
 * kept alive. The page is cut before the probes and states are looked up, so each look-up
 * is done once per distribution, not once per page. The host is compared as the column
 * itself (not coalesced) so the host index finds its rows.
 */
export async function dueDistributions(
  db: Db,
  sweepId: number,
  host: string,
  page: { after?: string; limit: number },
): Promise<{ due: DueDistribution[]; next: string | null }> {
  const ofHost = host === '' ? sql`(d.host is null or d.host = '')` : sql`d.host = ${host}`
  const after = page.after === undefined ? sql`` : sql`and d.iri > ${page.after}`
  const { rows } = await sql<{ iri: string; url: string; etag: string | null; last_modified: string | null; probed: boolean }>`
    select d.iri, d.url, s.last_etag as etag, s.last_modified,
      exists (select 1 from probes p where p.sweep_id = ${sweepId} and p.distribution_iri = d.iri) as probed
    from (
      select d.iri, ${probedUrl} as url
      from distributions d
      where ${ofHost}
        and d.withdrawn_at is null
        and ${probedUrl} is not null
        ${after}
      order by d.iri
      limit ${page.limit}
    ) d
    left join availability_state s on s.distribution_iri = d.iri
    order by d.iri`.execute(db)
  const due: DueDistribution[] = []
  for (const r of rows) if (!r.probed) due.push({ iri: r.iri, url: r.url, etag: r.etag, lastModified: r.last_modified })
  return { due, next: rows.length < page.limit ? null : rows[rows.length - 1]!.iri }
}

/** One probe to store. `at` overrides the probe's own time (tests simulating days). */
export interface ProbeToRecord {
  distributionIri: string
  host: string
  result: ProbeResult
  at?: Date
}

/** What recording a batch did. */
export interface RecordedProbes {
  /** Probes written now (a probe already in this sweep is not written again). */
  inserted: number
  /** Probes refused because the sweep already had one for that distribution. */
  duplicates: number
  newlyBroken: string[]
  healed: string[]
}

function rowToState(r: Selectable<AvailabilityStateTable> | undefined): AvailabilityState {
  if (!r) return initialAvailabilityState()
  const d = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string))
  return {
    state: r.state,
    consecutiveFailures: r.consecutive_failures,
    firstFailureAt: d(r.first_failure_at),
    lastOkAt: d(r.last_ok_at),
    lastProbeAt: d(r.last_probe_at),
    lastOutcome: r.last_outcome,
    lastCode: r.last_code,
    lastHttpStatus: r.last_http_status,
    lastEtag: r.last_etag,
    lastModified: r.last_modified,
    stateSince: d(r.state_since),
  }
}

/**
 * Writes a batch of probes of one sweep in one transaction and moves each distribution's
 * state. The unique (sweep_id, distribution_iri) key makes a second write of the same
 * probe (a slow worker whose lease was taken over) a no-op, and only probes actually
 * written move the state, so nothing is counted twice. State rows are locked in a fixed
 * order (no deadlocks between workers). Probes are applied in time order.
 */
export async function recordProbes(
  db: Db,
  sweepId: number | null,
  workerId: string,
  probes: ProbeToRecord[],
  policy: BrokenPolicy,
): Promise<RecordedProbes> {
  const out: RecordedProbes = { inserted: 0, duplicates: 0, newlyBroken: [], healed: [] }
  if (probes.length === 0) return out
  // Each probe's time, computed once (not in every comparison of the sort).
  const timed = probes.map((p) => ({ p, at: p.at ?? new Date(p.result.at) }))
  timed.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.p.distributionIri < b.p.distributionIri ? -1 : 1))
  const iris = [...new Set(timed.map((x) => x.p.distributionIri))].sort()
  await db.transaction().execute(async (trx) => {
    // Lock the existing state rows: a concurrent batch touching the same distribution
    // (only possible from two different sweeps running at once) waits here and then reads
    // the state this one wrote. A distribution never probed has no row to lock; two first
    // probes racing in two sweeps could lose one count, which the next probe corrects.
    // The keys go as one JSON parameter: a batch is hundreds of rows, and one parameter
    // per value made compiling and sending the statement cost more than running it.
    // `= any (array(...))` and not `in (select ...)`: the latter is planned as a hash join
    // over every state row (measured 14 ms per batch at 20,000 rows, growing with them).
    
    const { rows: current } = await sql<Selectable<AvailabilityStateTable>>`
      select * from availability_state
      where distribution_iri = any (array(select jsonb_array_elements_text(${jsonParam(iris)})))
      order by distribution_iri
      for update`.execute(trx)
    const states = new Map<string, AvailabilityState>(current.map((r) => [r.distribution_iri, rowToState(r)]))
    // Chain in time order: a distribution probed twice in one batch (only possible
    // without a sweep) sees its own earlier probe.
    const rows = timed.map(({ p, at }) => {
      const before = states.get(p.distributionIri) ?? initialAvailabilityState()
      const r = p.result
      const t = nextAvailabilityState(
        before,
        { outcome: r.outcome, code: r.code, httpStatus: r.httpStatus, etag: r.etag, lastModified: r.lastModified, at },
        policy,
      )
      states.set(p.distributionIri, t.next)
      return { p, at, before, t }
    })
    // Insert first, then apply only what was inserted. One JSON document holds the rows
    // (see above); jsonb_to_recordset types each field as its column is typed.
    const { rows: inserted } = await sql<{ distribution_iri: string }>`
      insert into probes (sweep_id, distribution_iri, url, host, at, outcome, code, http_status, final_url,
        redirect_count, redirect_chain, elapsed_ms, content_type, content_length, etag, last_modified,
        tls_valid_to, tls_days_left, bytes_read, retry_after_seconds, findings, worker_id, state_before, state_after)
      select ${sweepId}::bigint, x.distribution_iri, x.url, x.host, x.at, x.outcome, x.code, x.http_status, x.final_url,
        x.redirect_count, x.redirect_chain, x.elapsed_ms, x.content_type, x.content_length, x.etag, x.last_modified,
        x.tls_valid_to, x.tls_days_left, x.bytes_read, x.retry_after_seconds, x.findings, ${workerId}::text, x.state_before, x.state_after
      from jsonb_to_recordset(${jsonParam(
        rows.map(({ p, at, before, t }) => {
          const r = p.result
          return {
            distribution_iri: p.distributionIri,
            url: r.url,
            host: p.host,
            at,
            outcome: r.outcome,
            code: r.code,
            http_status: r.httpStatus,
            final_url: r.finalUrl,
            redirect_count: r.redirects,
            redirect_chain: r.redirectChain,
            elapsed_ms: Math.round(r.elapsedMs),
            content_type: r.contentType,
            content_length: r.contentLength,
            etag: r.etag,
            last_modified: r.lastModified,
            tls_valid_to: r.tlsValidTo,
            tls_days_left: r.tlsDaysLeft,
            bytes_read: r.bytesRead,
            retry_after_seconds: r.retryAfterSeconds,
            findings: r.findings,
            state_before: before.state,
            state_after: t.next.state,
          }
        }),
      )}) as x(distribution_iri text, url text, host text, at timestamptz, outcome text, code text, http_status integer,
        final_url text, redirect_count integer, redirect_chain jsonb, elapsed_ms integer, content_type text,
        content_length bigint, etag text, last_modified text, tls_valid_to timestamptz, tls_days_left integer,
        bytes_read integer, retry_after_seconds integer, findings jsonb, state_before text, state_after text)
      on conflict (sweep_id, distribution_iri) do nothing
      returning distribution_iri`.execute(trx)
    const written = new Set(inserted.map((r) => r.distribution_iri))
    out.inserted = inserted.length
    out.duplicates = rows.length - inserted.length
    // Only what was written moves the state: a refused duplicate was counted by the
    // worker that wrote it first.
    const finalState = new Map<string, AvailabilityState>()
    for (const { p, t } of rows) {
      if (!written.has(p.distributionIri)) continue
      finalState.set(p.distributionIri, t.next)
      if (t.newlyBroken) out.newlyBroken.push(p.distributionIri)
      if (t.healed) out.healed.push(p.distributionIri)
    }
    if (finalState.size === 0) return
    await sql`
      insert into availability_state (distribution_iri, state, consecutive_failures, first_failure_at, last_ok_at,
        last_probe_at, last_outcome, last_code, last_http_status, last_etag, last_modified, state_since)
      select x.distribution_iri, x.state, x.consecutive_failures, x.first_failure_at, x.last_ok_at,
        x.last_probe_at, x.last_outcome, x.last_code, x.last_http_status, x.last_etag, x.last_modified, x.state_since
      from jsonb_to_recordset(${jsonParam(
        [...finalState.keys()].sort().map((iri) => {
          const s = finalState.get(iri)!
          return {
            distribution_iri: iri,
            state: s.state,
            consecutive_failures: s.consecutiveFailures,
            first_failure_at: s.firstFailureAt,
            last_ok_at: s.lastOkAt,
            last_probe_at: s.lastProbeAt,
            last_outcome: s.lastOutcome,
            last_code: s.lastCode,
            last_http_status: s.lastHttpStatus,
            last_etag: s.lastEtag,
            last_modified: s.lastModified,
            state_since: s.stateSince,
          }
        }),
      )}) as x(distribution_iri text, state text, consecutive_failures integer, first_failure_at timestamptz,
        last_ok_at timestamptz, last_probe_at timestamptz, last_outcome text, last_code text, last_http_status integer,
        last_etag text, last_modified text, state_since timestamptz)
      on conflict (distribution_iri) do update set
        state = excluded.state,
        consecutive_failures = excluded.consecutive_failures,
        first_failure_at = excluded.first_failure_at,
        last_ok_at = excluded.last_ok_at,
        last_probe_at = excluded.last_probe_at,
        last_outcome = excluded.last_outcome,
        last_code = excluded.last_code,
        last_http_status = excluded.last_http_status,
        last_etag = excluded.last_etag,
        last_modified = excluded.last_modified,
        state_since = excluded.state_since,
        updated_at = now()`.execute(trx)
  })
  return out
}

/**
 * A value bound as one jsonb parameter (sent as text and cast, as `json()` explains).
 * Dates become ISO strings, which timestamptz fields of jsonb_to_recordset read exactly.
 */
function jsonParam(value: unknown) {
  return sql`cast(cast(${JSON.stringify(value)} as text) as jsonb)`
}

/** Counts of one sweep, for the progress bar and the closing summary. */
export interface SweepSummary {
  sweepId: number
  status: 'running' | 'done' | 'cancelled'
  urls: number
  hosts: number
  probed: number
  byOutcome: Record<string, number>
  byCode: Record<string, number>
  /** Distributions that became broken in this sweep. */
  newlyBroken: number
  /** Distributions that were degraded or broken and are ok again. */
  healed: number
  createdAt: Date
  finishedAt: Date | null
}

/** How far a sweep has come: probes written and URLs it had when created. */
export async function sweepProgress(db: Db, sweepId: number): Promise<{ probed: number; urls: number; status: string }> {
  const s = await db.selectFrom('sweeps').select(['urls', 'status']).where('id', '=', sweepId).executeTakeFirstOrThrow()
  const p = await db
    .selectFrom('probes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sweep_id', '=', sweepId)
    .executeTakeFirstOrThrow()
  return { probed: Number(p.n), urls: s.urls, status: s.status }
}

/** The closing summary of a sweep: counts per outcome and per code, transitions. */
export async function sweepSummary(db: Db, sweepId: number): Promise<SweepSummary> {
  const s = await db.selectFrom('sweeps').selectAll().where('id', '=', sweepId).executeTakeFirstOrThrow()
  const codes = await db
    .selectFrom('probes')
    .select(['outcome', 'code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('sweep_id', '=', sweepId)
    .groupBy(['outcome', 'code'])
    .execute()
  const { rows } = await sql<{ newly_broken: number; healed: number }>`
    select count(*) filter (where state_after = 'broken' and coalesce(state_before, 'unknown') <> 'broken')::int as newly_broken,
           count(*) filter (where state_after = 'ok' and state_before in ('degraded', 'broken'))::int as healed
    from probes where sweep_id = ${sweepId}`.execute(db)
  const byOutcome: Record<string, number> = {}
  const byCode: Record<string, number> = {}
  let probed = 0
  for (const c of codes) {
    const n = Number(c.n)
    probed += n
    byOutcome[c.outcome] = (byOutcome[c.outcome] ?? 0) + n
    byCode[c.code] = (byCode[c.code] ?? 0) + n
  }
  return {
    sweepId,
    status: s.status,
    urls: s.urls,
    hosts: s.hosts,
    probed,
    byOutcome,
    byCode,
    newlyBroken: Number(rows[0]?.newly_broken ?? 0),
    healed: Number(rows[0]?.healed ?? 0),
    createdAt: new Date(s.created_at),
    finishedAt: s.finished_at ? new Date(s.finished_at) : null,
  }
}

/** Uptime of one distribution over a window: ok / (ok + failing); unverified excluded. */
export interface Uptime {
  distributionIri: string
  ok: number
  failing: number
  unverified: number
  /** null when no probe in the window counted (only unverified, or none). */
  ratio: number | null
}

/**
 * Uptime over the `days` before `now` for the given distributions (all probed ones when
 * omitted). `now` is a parameter so reports and tests can look at any day.
 */
export async function uptime(db: Db, opts: { days: number; now?: Date; distributionIris?: string[] }): Promise<Map<string, Uptime>> {
  const now = opts.now ?? new Date()
  const from = new Date(now.getTime() - opts.days * 86_400_000)
  let q = db
    .selectFrom('probes')
    .select((eb) => [
      'distribution_iri',
      sql<number>`count(*) filter (where outcome = 'ok')::int`.as('ok'),
      sql<number>`count(*) filter (where outcome = 'failing')::int`.as('failing'),
      sql<number>`count(*) filter (where outcome = 'unverified')::int`.as('unverified'),
      eb.fn.countAll<number>().as('n'),
    ])
    .where('at', '>', from)
    .where('at', '<=', now)
    .groupBy('distribution_iri')
  if (opts.distributionIris) {
    if (opts.distributionIris.length === 0) return new Map()
    q = q.where('distribution_iri', 'in', opts.distributionIris)
  }
  const rows = await q.execute()
  const out = new Map<string, Uptime>()
  for (const r of rows) {
    const ok = Number(r.ok)
    const failing = Number(r.failing)
    out.set(r.distribution_iri, {
      distributionIri: r.distribution_iri,
      ok,
      failing,
      unverified: Number(r.unverified),
      ratio: ok + failing === 0 ? null : ok / (ok + failing),
    })
  }
  return out
}

/** The stored state of one distribution, or the initial state when never probed. */
export async function availabilityStateOf(db: Db, distributionIri: string): Promise<AvailabilityState> {
  const r = await db.selectFrom('availability_state').selectAll().where('distribution_iri', '=', distributionIri).executeTakeFirst()
  return rowToState(r)
}

/** The latest probe of a distribution with its state over time (fits checks' ProbeSummary). */
export interface LatestProbe {
  distributionIri: string
  url: string
  outcome: 'ok' | 'failing' | 'unverified'
  code: string
  httpStatus: number | null
  finalUrl: string | null
  contentType: string | null
  contentLength: number | null
  etag: string | null
  lastModified: string | null
  at: string
  state: 'unknown' | 'ok' | 'degraded' | 'broken'
  consecutiveFailures: number
  failingSince: string | null
  findings: { code: string; message: string }[]
  tlsDaysLeft: number | null
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
    ? sql`where s.distribution_iri = any (array(select jsonb_array_elements_text(${jsonParam(distributionIris)})))`
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
    findings: { code: string; message: string }[]
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
