import type { Db } from '../db/database.js'
import { DatavaktError } from '../i18n/datavakt-error.js'
import { scoreRegion } from './score-region.js'
import { writeDay, type ScoreSummary } from './write-rollups.js'

/** Thrown for a day that is not YYYY-MM-DD (`scoring.not-a-day`) or lies in the future (`scoring.day-not-begun`). */
export class RollupDayError extends DatavaktError {
  override name = 'RollupDayError'
}

/**
 * Writes the rollups of one UTC day (YYYY-MM-DD) for every distribution, dataset and
 * organisation and the region, from the results as they stood at the end of that day (or
 * now, for today). Idempotent: running it twice leaves the same rows (upsert on
 * level, key, day, scoring version). Refuses a malformed day or one in the future.
 */
export async function rollupDay(opts: { db: Db; day: string; now?: Date; regionId?: string }): Promise<ScoreSummary> {
  const { db, day } = opts
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    throw new RollupDayError('scoring.not-a-day', { day })
  }
  const now = opts.now ?? new Date()
  const start = new Date(`${day}T00:00:00.000Z`)
  if (start > now) throw new RollupDayError('scoring.day-not-begun', { day })
  const end = new Date(`${day}T23:59:59.999Z`)
  const asOf = end < now ? end : now
  const scoring = await scoreRegion(db, { asOf, regionId: opts.regionId })
  return writeDay(db, scoring, day, asOf)
}
