import { sql, type Selectable } from 'kysely'
import type { Db } from './database.js'
import { json } from './json.js'
import type { AvailabilityStateTable } from './tables/availability.js'
import type { ProbeRecord } from '../domain/probe-record.js'
import { probedUrlOf } from './probed-url.js'
import {
  initialAvailabilityState,
  type AvailabilityState,
  type AvailabilityStep,
} from '../domain/availability-state.js'

/**
 * Writing probes with the state machine applied (the caller gives the step), and reading a
 * distribution's stored availability state back. Never calls the network.
 */

/** One probe to store. `at` overrides the probe's own time (tests simulating days). */
export interface ProbeToRecord {
  distributionIri: string
  host: string
  result: ProbeRecord
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
 * state and next check by `step` (the availability state machine and the scheduling rule,
 * given by the caller: the store only keeps states, it does not decide them). One probe per
 * distribution per sweep: a second write of the same probe (a slow worker whose lease was
 * taken over) is a no-op, and only probes actually written move the state, so nothing is
 * counted twice. The probe history is partitioned by month, so no unique index can say so
 * across months: the check runs under the distribution's state-row lock, which every
 * writer of it takes first (in a fixed order, so workers never deadlock). Probes are
 * applied in time order. A probe of a URL the distribution no longer has (the harvest
 * moved it while the probe was in flight) is history only: it is stored, but it moves
 * neither the state nor the next check, which belong to the new URL.
 */
export async function recordProbes(
  db: Db,
  sweepId: number | null,
  workerId: string,
  probes: ProbeToRecord[],
  step: AvailabilityStep,
): Promise<RecordedProbes> {
  const out: RecordedProbes = { inserted: 0, duplicates: 0, newlyBroken: [], healed: [] }
  if (probes.length === 0) return out
  // Each probe's time, computed once (not in every comparison of the sort).
  const all = probes.map((p) => ({ p, at: p.at ?? new Date(p.result.at) }))
  all.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.p.distributionIri < b.p.distributionIri ? -1 : 1))
  // In a sweep, a distribution's first probe of the batch is its one; a later one is a duplicate.
  const seen = new Set<string>()
  const timed = sweepId === null ? all : all.filter(({ p }) => !seen.has(p.distributionIri) && seen.add(p.distributionIri))
  const iris = [...new Set(timed.map((x) => x.p.distributionIri))].sort()
  const urlOf = new Map(timed.map(({ p }) => [p.distributionIri, p.result.url]))
  await db.transaction().execute(async (trx) => {
    const states = await lockStates(trx, iris)
    const moved = await movedAway(trx, timed.map(({ p }) => p))
    // Chain in time order: a distribution probed twice in one batch (only possible
    // without a sweep) sees its own earlier probe.
    const rows = timed.map(({ p, at }) => {
      const before = states.get(p.distributionIri) ?? initialAvailabilityState()
      const r = p.result
      const t = step(before, { outcome: r.outcome, code: r.code, httpStatus: r.httpStatus, etag: r.etag, lastModified: r.lastModified, at })
      states.set(p.distributionIri, t.next)
      return { p, at, before, t }
    })
    // Insert first, then apply only what was inserted.
    const had = sweepId === null ? new Set<string>() : await probedInSweep(trx, sweepId, iris)
    const written = await insertProbes(trx, sweepId, workerId, had.size === 0 ? rows : rows.filter(({ p }) => !had.has(p.distributionIri)))
    out.inserted = sweepId === null ? rows.length : written.size
    out.duplicates = probes.length - out.inserted
    // Only what was written moves the state: a refused duplicate was counted by the
    // worker that wrote it first.
    const finalState = new Map<string, AvailabilityState>()
    const nextChecks = new Map<string, Date>()
    for (const { p, t } of rows) {
      if (!written.has(p.distributionIri) || moved.has(p.distributionIri)) continue
      finalState.set(p.distributionIri, t.next)
      nextChecks.set(p.distributionIri, t.nextCheckAt)
      if (t.newlyBroken) out.newlyBroken.push(p.distributionIri)
      if (t.healed) out.healed.push(p.distributionIri)
    }
    if (finalState.size > 0) {
      await writeStates(trx, finalState)
      await writeNextChecks(trx, nextChecks, urlOf)
    }
    await dropUnwrittenStates(trx, iris, finalState)
  })
  return out
}

/** A probe of the batch with the state it found and the step it made. */
interface SteppedProbe {
  p: ProbeToRecord
  at: Date
  before: AvailabilityState
  t: ReturnType<AvailabilityStep>
}

/** Locks and reads the state rows of `iris` (in a fixed order, so workers never deadlock). */
async function lockStates(trx: Db, iris: string[]): Promise<Map<string, AvailabilityState>> {
  // Lock the state rows: a concurrent batch touching the same distribution (a slow worker
  // of the same sweep, or another sweep) waits here and then reads the state, and the
  // probes, this one wrote. A distribution never probed gets its row first (the initial
  // state, overwritten below in this transaction), so there is always a row to lock:
  // a concurrent insert of the same row waits for this transaction, then does nothing.
  await sql`
    insert into availability_state (distribution_iri, state)
    select k, 'unknown' from jsonb_array_elements_text(${json(iris)}) as k
    on conflict (distribution_iri) do nothing`.execute(trx)
  // The keys go as one JSON parameter: a batch is hundreds of rows, and one parameter
  // per value made compiling and sending the statement cost more than running it.
  // `= any (array(...))` and not `in (select ...)`: the latter is planned as a hash join
  // over every state row (measured 14 ms per batch at 20,000 rows, growing with them).
  const { rows: current } = await sql<Selectable<AvailabilityStateTable>>`
    select * from availability_state
    where distribution_iri = any (array(select jsonb_array_elements_text(${json(iris)})))
    order by distribution_iri
    for update`.execute(trx)
  return new Map<string, AvailabilityState>(current.map((r) => [r.distribution_iri, rowToState(r)]))
}

/**
 * The distributions of the batch whose probed URL is no longer the one probed (read after
 * the state rows are locked: the harvest drops a moved distribution's state under that
 * lock, so a move committed before this read is seen here, and one committed after it
 * drops the state this batch writes). Data services are not compared.
 */
async function movedAway(trx: Db, probes: ProbeToRecord[]): Promise<Set<string>> {
  const { rows } = await sql<{ iri: string }>`
    select d.iri from distributions d
    join jsonb_to_recordset(${json(probes.map((p) => ({ iri: p.distributionIri, url: p.result.url })))}) as x(iri text, url text)
      on d.iri = x.iri
    where ${probedUrlOf('d')} is distinct from x.url`.execute(trx)
  return new Set(rows.map((r) => r.iri))
}

/**
 * The distributions of `iris` that already have a probe in the sweep (read under their
 * state-row locks, so no writer of the sweep can add one before this batch commits). The
 * keys go as one array, so the (sweep_id, distribution_iri) index of each monthly
 * partition finds only this batch's. As a `not exists` in the insert, the look-up ran once
 * per row, each a search of every monthly partition, or, where the planner had no
 * statistics on the probes, as a hash join over every probe the sweep already had:
 * storing 20,000 probes through recordProbes took a fifth longer; through the whole probe
 * writer the difference is within noise (docs/benchmarks.md).
 */
async function probedInSweep(trx: Db, sweepId: number, iris: string[]): Promise<Set<string>> {
  const { rows } = await sql<{ distribution_iri: string }>`
    select distribution_iri from probes
    where sweep_id = ${sweepId}::bigint
      and distribution_iri = any (array(select jsonb_array_elements_text(${json(iris)})))`.execute(trx)
  return new Set(rows.map((r) => r.distribution_iri))
}

/**
 * Inserts the probes (the caller has left out those the sweep already has: probedInSweep);
 * one JSON document holds the rows (see lockStates), and jsonb_to_recordset types each
 * field as its column is typed. Returns the distributions whose probe was written.
 */
async function insertProbes(trx: Db, sweepId: number | null, workerId: string, rows: SteppedProbe[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set()
  const { rows: inserted } = await sql<{ distribution_iri: string }>`
    insert into probes (sweep_id, distribution_iri, url, host, at, outcome, code, http_status, final_url,
      redirect_count, redirect_chain, elapsed_ms, content_type, content_length, etag, last_modified,
      tls_valid_to, tls_days_left, bytes_read, retry_after_seconds, findings, worker_id, state_before, state_after)
    select ${sweepId}::bigint, x.distribution_iri, x.url, x.host, x.at, x.outcome, x.code, x.http_status, x.final_url,
      x.redirect_count, x.redirect_chain, x.elapsed_ms, x.content_type, x.content_length, x.etag, x.last_modified,
      x.tls_valid_to, x.tls_days_left, x.bytes_read, x.retry_after_seconds, x.findings, ${workerId}::text, x.state_before, x.state_after
    from jsonb_to_recordset(${json(
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
    returning distribution_iri`.execute(trx)
  return new Set(inserted.map((r) => r.distribution_iri))
}

/**
 * Removes the initial state rows lockStates made for distributions of which no probe was
 * written after all (their only probe was a duplicate): a state row stands for a probe.
 */
async function dropUnwrittenStates(trx: Db, iris: string[], written: Map<string, AvailabilityState>): Promise<void> {
  const unwritten = iris.filter((iri) => !written.has(iri))
  if (unwritten.length === 0) return
  await sql`
    delete from availability_state s
    where s.distribution_iri = any (array(select jsonb_array_elements_text(${json(unwritten)})))
      and s.last_probe_at is null and s.state = 'unknown'
      and not exists (select 1 from probes p where p.distribution_iri = s.distribution_iri)`.execute(trx)
}

/** Writes each distribution's state after the batch. */
async function writeStates(trx: Db, finalState: Map<string, AvailabilityState>): Promise<void> {
  await sql`
    insert into availability_state (distribution_iri, state, consecutive_failures, first_failure_at, last_ok_at,
      last_probe_at, last_outcome, last_code, last_http_status, last_etag, last_modified, state_since)
    select x.distribution_iri, x.state, x.consecutive_failures, x.first_failure_at, x.last_ok_at,
      x.last_probe_at, x.last_outcome, x.last_code, x.last_http_status, x.last_etag, x.last_modified, x.state_since
    from jsonb_to_recordset(${json(
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
}

/**
 * Stores when each distribution is due again (distributions.next_check_at, read by the
 * scheduled sweep through its index). In IRI order, like the state rows. Only while the
 * distribution still has the URL probed: a harvest that moves it in the meantime has made
 * it due at once, and the row is re-read after waiting for that harvest's lock. A probed
 * IRI is a distribution's or a data service's (src/db/due-distributions.ts): one statement
 * updates both tables, so the rows are sent and parsed once.
 */
async function writeNextChecks(trx: Db, nextChecks: Map<string, Date>, urlOf: Map<string, string>): Promise<void> {
  const rows = json([...nextChecks.keys()].sort().map((iri) => ({ iri, url: urlOf.get(iri), next_check_at: nextChecks.get(iri) })))
  await sql`
    with x as materialized (
      select * from jsonb_to_recordset(${rows}) as x(iri text, url text, next_check_at timestamptz)
    ), services as (
      update data_services v set next_check_at = x.next_check_at from x where v.iri = x.iri
    )
    update distributions d set next_check_at = x.next_check_at
    from x
    where d.iri = x.iri and ${probedUrlOf('d')} = x.url`.execute(trx)
}

/** The stored state of one distribution, or the initial state when never probed. */
export async function availabilityStateOf(db: Db, distributionIri: string): Promise<AvailabilityState> {
  const r = await db.selectFrom('availability_state').selectAll().where('distribution_iri', '=', distributionIri).executeTakeFirst()
  return rowToState(r)
}
