import { sql } from 'kysely'
import type { Db } from '../db/database.js'

/** A sweep as created: its id and how much work it queued. */
export interface CreatedSweep {
  sweepId: number
  hosts: number
  urls: number
  /** True when an already running sweep was returned instead (`reuseRunning`). */
  reused: boolean
}

/**
 * Creates an availability sweep of every non-withdrawn distribution that has a URL, and
 * queues one work row per host (the unit of work). Distributions without a parseable host
 * are queued under host '' and come out `invalid-url`.
 *
 * With `reuseRunning` (the scheduler's choice) it refuses to stack a second sweep on a
 * running one and returns that one instead, so a region too big for the interval never
 * piles up sweeps. A sweep with nothing to do is created already done.
 */
export async function createSweep(db: Db, opts: { trigger: string; reuseRunning?: boolean }): Promise<CreatedSweep> {
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
    const sweep = await trx
      .insertInto('sweeps')
      .values({ status: 'running', trigger: opts.trigger })
      .returning('id')
      .executeTakeFirstOrThrow()
    const sweepId = Number(sweep.id)
    await sql`
      insert into sweep_hosts (sweep_id, host, status, urls)
      select ${sweepId}, coalesce(host, ''), 'pending', count(*)::int
      from distributions
      where withdrawn_at is null and coalesce(download_url, access_url) is not null
      group by coalesce(host, '')`.execute(trx)
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
