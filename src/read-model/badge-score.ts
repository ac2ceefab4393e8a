import type { Db } from '../db/database.js'
import { getLatestRollup } from './rollup-row.js'

/** What a badge shows of an organisation or dataset. */
export interface BadgeScore {
  /** The latest total (0–100); null when it is known but not scored yet. */
  total: number | null
  /** The day of that rollup (YYYY-MM-DD); null when not scored. */
  day: string | null
}

/**
 * The score a badge shows: the latest rollup's total of the organisation or dataset.
 * Undefined when the IRI names no harvested organisation or dataset and has no rollup,
 * so a badge can tell "unknown" from "not scored yet".
 */
export async function getBadgeScore(db: Db, level: 'organisation' | 'dataset', iri: string): Promise<BadgeScore | undefined> {
  const rollup = await getLatestRollup(db, level, iri)
  if (rollup) return { total: rollup.total, day: rollup.day }
  const known =
    level === 'organisation'
      ? await db.selectFrom('organisations').select('iri').where('iri', '=', iri).executeTakeFirst()
      : await db.selectFrom('datasets').select('iri').where('iri', '=', iri).executeTakeFirst()
  return known ? { total: null, day: null } : undefined
}
