import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { getLatestCheckResults } from './latest-check-results.js'
import { getLatestRollup } from './rollup-row.js'

/** What a badge shows: the overall score, the uptime over 30 days, or whether the files conform to their specification. */
export type BadgeVariant = 'overall' | 'availability' | 'conformance'
export type Conformance = 'valid' | 'invalid' | 'error' | 'unknown'

/** A badge's value: a number (score or uptime %), a conformance verdict, or null when not measured yet; and when it was last checked. */
export interface BadgeReading {
  value: number | Conformance | null
  /** When the data behind it was last checked (probe, check or rollup), or null. */
  checkedAt: Date | null
}

type Level = 'organisation' | 'dataset'

/** Whether the IRI names a harvested organisation or dataset. */
export async function isKnown(db: Db, level: Level, iri: string): Promise<boolean> {
  const row =
    level === 'organisation'
      ? await db.selectFrom('organisations').select('iri').where('iri', '=', iri).executeTakeFirst()
      : await db.selectFrom('datasets').select('iri').where('iri', '=', iri).executeTakeFirst()
  return row !== undefined || (await getLatestRollup(db, level, iri)) !== undefined
}

/** The share of conclusive probes (ok or failing) that were ok over the last 30 days, over the live files of a dataset or organisation, in %. */
async function uptime(db: Db, level: Level, iri: string, now: Date): Promise<BadgeReading> {
  const since = new Date(now.getTime() - 30 * 86_400_000)
  const owner = level === 'dataset' ? sql`d.dataset_iri = ${iri}` : sql`ds.organisation_iri = ${iri}`
  const { rows } = await sql<{ ok: string | number; n_all: string | number; last: Date | string | null }>`
    select count(*) filter (where p.outcome = 'ok') as ok, count(*) as n_all, max(p.at) as last
    from probes p join distributions d on d.iri = p.distribution_iri join datasets ds on ds.iri = d.dataset_iri
    where ${owner} and d.withdrawn_at is null and p.at >= ${since} and p.outcome <> 'unverified'`.execute(db)
  const all = Number(rows[0]?.n_all ?? 0)
  const last = rows[0]?.last ? new Date(rows[0].last) : null
  return { value: all ? Math.round((Number(rows[0].ok) / all) * 1000) / 10 : null, checkedAt: last }
}

/**
 * Conformance: for a dataset, its files' latest conformance checks (any fail: invalid; else
 * any that could not run: error; else any pass or warn: valid; none: unknown). For an
 * organisation, its latest rollup's conformance score (100: valid; below: invalid; none: unknown).
 */
async function conformance(db: Db, level: Level, iri: string): Promise<BadgeReading> {
  if (level === 'organisation') {
    const r = await getLatestRollup(db, level, iri)
    const c = r?.conformance ?? null
    return { value: c === null ? 'unknown' : c >= 100 ? 'valid' : 'invalid', checkedAt: r ? new Date(r.computed_at) : null }
  }
  const results = (await getLatestCheckResults(db, iri)).filter((r) => r.dimension === 'conformance' && r.status !== 'skipped')
  const checkedAt = results.length ? new Date(Math.max(...results.map((r) => new Date(r.at).getTime()))) : null
  const has = (s: string) => results.some((r) => r.status === s)
  const value: Conformance = has('fail') ? 'invalid' : has('unverified') ? 'error' : results.length ? 'valid' : 'unknown'
  return { value, checkedAt }
}

/** The reading of one badge variant of an organisation or dataset; undefined when the IRI names nothing harvested. */
export async function readBadge(db: Db, level: Level, iri: string, variant: BadgeVariant, now: Date = new Date()): Promise<BadgeReading | undefined> {
  if (!(await isKnown(db, level, iri))) return undefined
  if (variant === 'availability') return uptime(db, level, iri, now)
  if (variant === 'conformance') return conformance(db, level, iri)
  const r = await getLatestRollup(db, level, iri)
  return { value: r?.total ?? null, checkedAt: r ? new Date(r.computed_at) : null }
}
