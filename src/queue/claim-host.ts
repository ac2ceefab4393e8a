import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { countLeaseExpiry } from '../telemetry/instruments.js'

/** A host claimed by a worker: the lease is held until `releaseHost` or expiry. */
export interface ClaimedHost {
  sweepId: number
  host: string
  workerId: string
  /** How many times this host has been claimed in this sweep (1 = first). */
  attempts: number
  /** The sweep's cut-off: only URLs due by then are probed (null: every URL of the host). */
  dueBefore: Date | null
}

/**
 * Claims up to `limit` hosts of running sweeps: pending ones, or ones whose lease expired
 * (their worker died). `FOR UPDATE SKIP LOCKED` lets any number of workers claim at once
 * without waiting for or taking each other's rows; the lease (database time, so clocks of
 * the worker machines do not matter) is what keeps a host with one worker. Hosts with the
 * most URLs go first so the longest hosts do not end up as the sweep's tail, and they come
 * back in that order. Hosts with a `not_before` in the future (long Retry-After) are
 * skipped. Returns none when there is nothing to claim. `sweepId` limits the claim to one
 * sweep. One statement for many hosts: a worker starting on a sweep took 2.3 s to claim
 * its first 64 hosts one by one, in a busy process, while their connections stood idle.
 */
export async function claimHosts(
  db: Db,
  opts: { workerId: string; leaseSeconds: number; sweepId?: number; limit: number },
): Promise<ClaimedHost[]> {
  const onlySweep = opts.sweepId === undefined ? sql`true` : sql`h.sweep_id = ${opts.sweepId}`
  const { rows } = await sql<{ sweep_id: number; host: string; attempts: number; was: string; due_before: Date | string | null; urls: number }>`
    update sweep_hosts as t
    set status = 'leased',
        leased_by = ${opts.workerId},
        lease_until = now() + make_interval(secs => ${opts.leaseSeconds}),
        attempts = t.attempts + 1,
        started_at = coalesce(t.started_at, now())
    from (
      select h.sweep_id, h.host, h.status as was, s.due_before
      from sweep_hosts h
      join sweeps s on s.id = h.sweep_id
      where s.status = 'running'
        and ${onlySweep}
        and (h.status = 'pending' or (h.status = 'leased' and h.lease_until < now()))
        and (h.not_before is null or h.not_before <= now())
      order by h.sweep_id, h.urls desc, h.host
      limit ${Math.max(1, Math.floor(opts.limit))}
      for update of h skip locked
    ) as c
    where t.sweep_id = c.sweep_id and t.host = c.host
    returning t.sweep_id, t.host, t.attempts, t.urls, c.was, c.due_before`.execute(db)
  // RETURNING keeps no order: put the claims back in the claim's.
  rows.sort((a, b) => Number(a.sweep_id) - Number(b.sweep_id) || b.urls - a.urls || (a.host < b.host ? -1 : a.host > b.host ? 1 : 0))
  return rows.map((r) => {
    if (r.was === 'leased') countLeaseExpiry('taken-over')
    const dueBefore = r.due_before === null ? null : new Date(r.due_before)
    return { sweepId: Number(r.sweep_id), host: r.host, workerId: opts.workerId, attempts: r.attempts, dueBefore }
  })
}

/** Claims one host (see claimHosts); null when there is nothing to claim. */
export async function claimHost(db: Db, opts: { workerId: string; leaseSeconds: number; sweepId?: number }): Promise<ClaimedHost | null> {
  return (await claimHosts(db, { ...opts, limit: 1 }))[0] ?? null
}

/**
 * Extends the lease of a claimed host. Returns false when the lease is no longer ours
 * (it expired and another worker took the host): the caller must stop working on it.
 */
export async function renewLease(db: Db, claim: ClaimedHost, leaseSeconds: number): Promise<boolean> {
  const r = await sql`
    update sweep_hosts set lease_until = now() + make_interval(secs => ${leaseSeconds})
    where sweep_id = ${claim.sweepId} and host = ${claim.host} and status = 'leased' and leased_by = ${claim.workerId}`.execute(db)
  return Number(r.numAffectedRows ?? 0n) === 1
}

/**
 * Gives a host back. `done`: every URL of it has a probe in the sweep. Otherwise it goes
 * back to pending (a worker stopping, or a long Retry-After: `notBefore`), and whoever
 * claims it next probes only what is still missing. Does nothing if the lease is no
 * longer ours. When the last host of a sweep is done, the sweep is marked done.
 */
export async function releaseHost(
  db: Db,
  claim: ClaimedHost,
  opts: { done: boolean; notBefore?: Date | null },
): Promise<void> {
  if (opts.done) {
    await sql`
      update sweep_hosts set status = 'done', lease_until = null, finished_at = now()
      where sweep_id = ${claim.sweepId} and host = ${claim.host} and status = 'leased' and leased_by = ${claim.workerId}`.execute(db)
    await finishSweepIfComplete(db, claim.sweepId)
  } else {
    await sql`
      update sweep_hosts set status = 'pending', leased_by = null, lease_until = null, not_before = ${opts.notBefore ?? null}
      where sweep_id = ${claim.sweepId} and host = ${claim.host} and status = 'leased' and leased_by = ${claim.workerId}`.execute(db)
  }
}

/** Marks a running sweep done when none of its hosts is open. Returns true if it is done. */
export async function finishSweepIfComplete(db: Db, sweepId: number): Promise<boolean> {
  await sql`
    update sweeps set status = 'done', finished_at = now()
    where id = ${sweepId} and status = 'running'
      and not exists (select 1 from sweep_hosts where sweep_id = ${sweepId} and status <> 'done')`.execute(db)
  const s = await db.selectFrom('sweeps').select('status').where('id', '=', sweepId).executeTakeFirst()
  return s?.status === 'done'
}
