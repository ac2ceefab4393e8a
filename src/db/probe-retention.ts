import { sql } from 'kysely'
import type { Db } from './database.js'
import type { RetentionConfig } from '../config/config.js'
import { DEFAULT_PROBE_PARTITION, ensureProbePartitions, probePartitions } from './probe-partitions.js'

/**
 * Tiered retention of the probe history (config `retention`):
 *
 * 1. every probe younger than `allProbesDays` (whole UTC days) is kept;
 * 2. from then until `dailyProbesDays` old, per distribution and UTC day its last probe of
 *    the day and every probe that changed its state (state_after ≠ state_before);
 * 3. older than that, nothing: the daily rollups tell that history.
 *
 * Whatever the tier, what the current scores and pages read is never dropped: each
 * distribution's latest probe, and while that probe leaves it degraded or broken, its run of
 * failures back to its last ok probe (src/scoring/probe-summaries-as-of.ts counts that run).
 * A probe of a distribution without an availability state row is kept (it was not written
 * by the probe writer; nothing says what it is for). A month older than tier 2 that holds
 * nothing to keep is dropped whole, which is why the history is partitioned by month.
 * Each run thins only the days that entered tier 2 since the last run (`probe_retention`).
 */

/** What one retention pass did. */
export interface RetentionResult {
  /** Probes deleted row by row (tier 2 thinning, and tier 3 rows of months that hold something to keep). */
  deleted: number
  /** Monthly partitions dropped whole. */
  droppedPartitions: string[]
  /** Where tier 1 and tier 2 end (the oldest instant each keeps). */
  allSince: Date
  dailySince: Date
}

const DAY_MS = 86_400_000

/**
 * The scheduled retention job (`schedule.retention`): the partitions of this month and the
 * next two, then the tiers. Returns the partitions it made and what retention did.
 */
export async function maintainProbeHistory(db: Db, config: RetentionConfig, now: Date = new Date()): Promise<RetentionResult & { madePartitions: string[] }> {
  const madePartitions = await ensureProbePartitions(db, now)
  return { ...(await applyProbeRetention(db, config, now)), madePartitions }
}

/** The start of the UTC day `days` days before `now`: tiers end on whole days, so a day is never half thinned. */
function dayStartBefore(now: Date, days: number): Date {
  const t = now.getTime() - days * DAY_MS
  return new Date(t - (((t % DAY_MS) + DAY_MS) % DAY_MS))
}

/** Applies the retention tiers as of `now`. Runs on one connection (it uses a temporary table). */
export async function applyProbeRetention(db: Db, config: RetentionConfig, now: Date = new Date()): Promise<RetentionResult> {
  const allSince = dayStartBefore(now, config.allProbesDays)
  const dailySince = new Date(Math.min(allSince.getTime(), dayStartBefore(now, config.dailyProbesDays).getTime()))
  const out: RetentionResult = { deleted: 0, droppedPartitions: [], allSince, dailySince }
  const tables = [...(await probePartitions(db)).filter((p) => p.from < allSince).map((p) => ({ table: p.table, from: p.from, to: p.to })), { table: DEFAULT_PROBE_PARTITION, from: null, to: null }]
  // The middle tier thins only the days it has not thinned yet (see probe_retention).
  const done = await db.selectFrom('probe_retention').select('thinned_until').executeTakeFirst()
  const thinFrom = new Date(Math.max(dailySince.getTime(), done ? new Date(done.thinned_until).getTime() : -Infinity))
  await db.connection().execute(async (conn) => {
    await computeKept(conn)
    try {
      for (const p of tables) {
        if (p.to && p.to <= dailySince && !(await holdsKept(conn, p.table))) {
          await sql`drop table ${sql.table(p.table)}`.execute(conn)
          out.droppedPartitions.push(p.table)
          continue
        }
        out.deleted += await dropOlder(conn, p.table, dailySince)
        out.deleted += await thinToDaily(conn, p.table, thinFrom, allSince)
      }
      await sql`
        insert into probe_retention (id, thinned_until) values (1, ${allSince.toISOString()}::timestamptz)
        on conflict (id) do update set thinned_until = greatest(probe_retention.thinned_until, excluded.thinned_until)`.execute(conn)
    } finally {
      await sql`drop table if exists retention_kept`.execute(conn)
    }
  })
  return out
}

/**
 * A temporary table: per distribution, the instant from which its probes must all be kept
 * (`kept_from`): its latest probe's time, or while that probe leaves it degraded or broken,
 * its last ok probe's time (-infinity when it never had one). Read through the state rows,
 * each finding its latest probe by the (distribution_iri, at) index.
 */
async function computeKept(conn: Db): Promise<void> {
  await sql`drop table if exists retention_kept`.execute(conn)
  await sql`
    create temporary table retention_kept as
    select s.distribution_iri,
      case when coalesce(l.state_after, case when l.outcome = 'failing' then 'degraded' end) in ('degraded', 'broken')
        then coalesce(
          (select max(o.at) from probes o where o.distribution_iri = s.distribution_iri and o.outcome = 'ok' and o.at <= l.at),
          '-infinity'::timestamptz)
        else l.at end as kept_from
    from availability_state s
    cross join lateral (
      select p.at, p.outcome, p.state_after from probes p where p.distribution_iri = s.distribution_iri order by p.at desc, p.id desc limit 1
    ) l`.execute(conn)
  await sql`create index on retention_kept (distribution_iri)`.execute(conn)
  await sql`analyze retention_kept`.execute(conn)
}

/** The condition "this probe row `p` may go": an older probe of a distribution that has a kept_from. */
const mayGo = sql`exists (select 1 from retention_kept k where k.distribution_iri = p.distribution_iri and p.at < k.kept_from)`

/** Whether a partition holds any probe that must be kept. */
async function holdsKept(conn: Db, table: string): Promise<boolean> {
  const { rows } = await sql<{ keep: boolean }>`
    select exists (select 1 from ${sql.table(table)} p where not ${mayGo}) as keep`.execute(conn)
  return rows[0]?.keep === true
}

/** Tier 3: deletes the probes older than `before` that may go. */
async function dropOlder(conn: Db, table: string, before: Date): Promise<number> {
  const r = await sql`delete from ${sql.table(table)} p where p.at < ${before.toISOString()}::timestamptz and ${mayGo}`.execute(conn)
  return Number(r.numAffectedRows ?? 0)
}

/**
 * Tier 2: in [from, to), keeps per distribution and UTC day its last probe and every change
 * of state; deletes the rest that may go. Run again over the same days, it deletes nothing.
 */
async function thinToDaily(conn: Db, table: string, from: Date, to: Date): Promise<number> {
  if (from >= to) return 0
  const f = from.toISOString()
  const t = to.toISOString()
  const r = await sql`
    delete from ${sql.table(table)} p
    using (
      select id, row_number() over (partition by distribution_iri, date_trunc('day', at, 'UTC') order by at desc, id desc) as nth
      from ${sql.table(table)}
      where at >= ${f}::timestamptz and at < ${t}::timestamptz
    ) d
    where p.id = d.id and d.nth > 1 and p.at >= ${f}::timestamptz and p.at < ${t}::timestamptz
      and p.state_after is not distinct from p.state_before
      and ${mayGo}`.execute(conn)
  return Number(r.numAffectedRows ?? 0)
}
