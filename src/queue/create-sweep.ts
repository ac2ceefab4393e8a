import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { dueHostCounts } from '../db/due-distributions.js'

/** A sweep as created: its id and how much work it queued. */
export interface CreatedSweep {
  sweepId: number
  hosts: number
  urls: number
  /** True when an already running sweep was returned instead (`reuseRunning`). */
  reused: boolean
}

/** What to sweep: who asked, and whether only what is due. */
export interface CreateSweepOptions {
  /** 'schedule', 'cli', 'api', 'test': who asked for it. */
  trigger: string
  /** Return a running sweep instead of stacking a second one (the scheduler's choice). */
  reuseRunning?: boolean
  /**
   * Only the distributions due by this time (their stored next_check_at): the scheduled
   * sweep, with the database's clock (`'now'`) or a given one (tests). Without it, every
   * distribution (`datavakt sweep`, benchmarks).
   */
  dueBy?: Date | 'now'
}

/**
 * Creates an availability sweep of every non-withdrawn distribution that has a URL and
 * every data service that has an endpoint (or, with `dueBy`, of those due by then:
 * src/db/due-distributions.ts), and queues one work row per host (the unit of work). Distributions without a parseable host are queued under host '' and come out
 * `invalid-url`. A due sweep reads only the due rows through their index, never every
 * distribution; its cut-off is stored (sweeps.due_before) and the workers read the same.
 *
 * With `reuseRunning` (the scheduler's choice) it refuses to stack a second sweep on a
 * running one and returns that one instead, so a region too big for the interval never
 * piles up sweeps. A sweep with nothing to do is created already done.
 */
export async function createSweep(db: Db, opts: CreateSweepOptions): Promise<CreatedSweep> {
  return db.transaction().execute(async (trx) => {
    if (opts.reuseRunning) {
      const running = await trx
        .selectFrom('sweeps')
        .select(['id', 'hosts', 'urls'])
        .where('status', '=', 'running')
        .where('kind', '=', 'availability')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst()
      if (running) return { sweepId: Number(running.id), hosts: running.hosts, urls: running.urls, reused: true }
    }
    const cutOff = opts.dueBy === undefined ? null : opts.dueBy === 'now' ? sql<Date>`now()` : opts.dueBy
    const sweep = await trx
      .insertInto('sweeps')
      .values({ status: 'running', trigger: opts.trigger, due_before: cutOff })
      .returning(['id', 'due_before'])
      .executeTakeFirstOrThrow()
    const sweepId = Number(sweep.id)
    const dueBefore = sweep.due_before === null ? null : new Date(sweep.due_before)
    await sql`
      insert into sweep_hosts (sweep_id, host, status, urls)
      select ${sweepId}, c.host, 'pending', c.urls from (${dueHostCounts(dueBefore)}) c`.execute(trx)
    const totals = await trx
      .selectFrom('sweep_hosts')
      .select((eb) => [eb.fn.countAll<number>().as('hosts'), eb.fn.coalesce(eb.fn.sum<number>('urls'), sql<number>`0`).as('urls')])
      .where('sweep_id', '=', sweepId)
      .executeTakeFirstOrThrow()
    const hosts = Number(totals.hosts)
    const urls = Number(totals.urls)
    await trx
      .updateTable('sweeps')
      .set({ hosts, urls, ...(hosts === 0 ? { status: 'done' as const, finished_at: sql<Date>`now()` } : {}) })
      .where('id', '=', sweepId)
      .execute()
    return { sweepId, hosts, urls, reused: false }
  })
}
