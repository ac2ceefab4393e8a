import { sql } from 'kysely'
import type { Db } from './database.js'

/**
 * The monthly partitions of the probe history (migrations/0015-partition-probes.ts):
 * one table `probes_YYYY_MM` per UTC month, and `probes_default` for any probe outside them.
 * The one home of the partition names and bounds; retention (src/db/probe-retention.ts)
 * reads them from here.
 */

/** One monthly partition: its table and the first instant of its month and of the next. */
export interface ProbePartition {
  table: string
  from: Date
  to: Date
}

/** The default partition: probes of months that have no partition of their own. */
export const DEFAULT_PROBE_PARTITION = 'probes_default'

/** The UTC month that `at` falls in, as its first instant. */
export function monthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1))
}

/** The partition of the UTC month beginning at `from` (a month start). */
export function partitionOfMonth(from: Date): ProbePartition {
  const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1))
  const table = `probes_${from.getUTCFullYear()}_${String(from.getUTCMonth() + 1).padStart(2, '0')}`
  return { table, from, to }
}

/** The monthly partitions that exist now, oldest first (the default partition left out). */
export async function probePartitions(db: Db): Promise<ProbePartition[]> {
  const { rows } = await sql<{ table: string }>`
    select c.relname as table from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'probes'::regclass and c.relname ~ '^probes_[0-9]{4}_[0-9]{2}$'`.execute(db)
  return rows
    .map((r) => partitionOfMonth(new Date(Date.UTC(Number(r.table.slice(7, 11)), Number(r.table.slice(12, 14)) - 1, 1))))
    .sort((a, b) => a.from.getTime() - b.from.getTime())
}

/**
 * Makes sure a partition exists for the month of `now` and the `monthsAhead` months after
 * it, and for every month that has probes in the default partition (those rows are moved
 * into their month's new partition). Returns the tables it made. Safe to run from several
 * processes at once (a transaction-level advisory lock serialises them).
 */
export async function ensureProbePartitions(db: Db, now: Date = new Date(), monthsAhead = 2): Promise<string[]> {
  const made: string[] = []
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('datavakt.probe-partitions'))`.execute(trx)
    const existing = new Set((await probePartitions(trx)).map((p) => p.table))
    const { rows: stray } = await sql<{ month: Date | string }>`
      select distinct date_trunc('month', at, 'UTC') as month from ${sql.table(DEFAULT_PROBE_PARTITION)}`.execute(trx)
    const months = new Map<string, ProbePartition>()
    const first = monthStart(now)
    for (let i = 0; i <= monthsAhead; i++) {
      const p = partitionOfMonth(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + i, 1)))
      months.set(p.table, p)
    }
    for (const r of stray) {
      const p = partitionOfMonth(monthStart(new Date(r.month)))
      months.set(p.table, p)
    }
    for (const p of months.values()) {
      if (existing.has(p.table)) continue
      await createPartition(trx, p)
      made.push(p.table)
    }
  })
  return made.sort()
}

/**
 * Creates one month's partition: a table shaped like `probes`, filled with that month's rows
 * from the default partition, then attached (which builds its indexes). Attaching checks
 * the default partition holds no row of the month any more.
 */
async function createPartition(trx: Db, p: ProbePartition): Promise<void> {
  const table = sql.table(p.table)
  const from = p.from.toISOString()
  const to = p.to.toISOString()
  await sql`create table ${table} (like probes including defaults including constraints)`.execute(trx)
  await sql`
    with moved as (
      delete from ${sql.table(DEFAULT_PROBE_PARTITION)} where at >= ${from}::timestamptz and at < ${to}::timestamptz returning *
    )
    insert into ${table} select * from moved`.execute(trx)
  await sql`alter table probes attach partition ${table} for values from (${sql.lit(from)}) to (${sql.lit(to)})`.execute(trx)
}
