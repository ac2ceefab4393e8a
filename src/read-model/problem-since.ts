import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import type { Problem } from './problems.js'

/** How far back "since when" looks: a problem older than this says it is at least this old. */
export const SINCE_WINDOW_DAYS = 365

interface SinceRow {
  target: string
  check_id: string
  code: string
  since: Date | string
}

/**
 * When each problem was first seen in its current run: the earliest result of its check on
 * its file (or on its dataset, for dataset-level checks) that had its code, after the last
 * one that did not, within SINCE_WINDOW_DAYS. A check's verdict without a finding counts as
 * scoring's code for it (check-failed, check-warned). A file's availability problem is as
 * old as the file's current failures (availability state). Done in the database, which
 * answers one row per file, check and code. Keyed `target \0 check \0 code`.
 */
async function firstSeenOf(db: Db, problems: readonly Problem[], now: Date): Promise<Map<string, Date>> {
  const out = new Map<string, Date>()
  const datasets = [...new Set(problems.map((p) => p.datasetIri))]
  const wanted = [...new Map(problems.filter((p) => p.checkId !== 'availability').map((p) => [`${p.checkId}\u0000${p.code}`, p])).values()]
  if (wanted.length) {
    const window = new Date(now.getTime() - SINCE_WINDOW_DAYS * 86_400_000)
    const pairs = sql.join(wanted.map((p) => sql`(${p.checkId}::text, ${p.code}::text)`))
    const { rows } = await sql<SinceRow>`
      with w(check_id, code) as (values ${pairs}),
      r as (
        select coalesce(c.distribution_iri, c.dataset_iri) as target, c.check_id, c.at,
          array(select distinct e->>'code' from jsonb_array_elements(c.findings) e)
            || case c.status when 'fail' then array['check-failed'] when 'warn' then array['check-warned'] else array[]::text[] end as codes
        from check_results c
        where c.dataset_iri in (${sql.join(datasets)}) and c.check_id in (select check_id from w) and c.at >= ${window}
      ),
      clean as (
        select r.target, w.check_id, w.code, max(r.at) as at
        from r join w on w.check_id = r.check_id
        where not (w.code = any(r.codes))
        group by 1, 2, 3
      )
      select r.target, w.check_id, w.code, min(r.at) as since
      from r join w on w.check_id = r.check_id
      left join clean on clean.target = r.target and clean.check_id = w.check_id and clean.code = w.code
      where w.code = any(r.codes) and (clean.at is null or r.at > clean.at)
      group by 1, 2, 3`.execute(db)
    for (const r of rows) out.set(`${r.target}\u0000${r.check_id}\u0000${r.code}`, new Date(r.since))
  }
  const broken = await db
    .selectFrom('availability_state')
    .select(['distribution_iri', 'first_failure_at', 'state_since'])
    .where('distribution_iri', 'in', [...new Set(problems.filter((p) => p.checkId === 'availability').map((p) => p.distributionIri)), ''])
    .execute()
  for (const b of broken) {
    const at = b.first_failure_at ?? b.state_since
    if (at) out.set(`${b.distribution_iri}\u0000availability`, new Date(at))
  }
  return out
}

/** The problems, each with `firstSeen` (see firstSeenOf); the same order. */
export async function withFirstSeen(db: Db, problems: Problem[], now: Date = new Date()): Promise<Problem[]> {
  const seen = await firstSeenOf(db, problems, now)
  return problems.map((p) => {
    const at =
      p.checkId === 'availability'
        ? seen.get(`${p.distributionIri}\u0000availability`)
        : (seen.get(`${p.distributionIri}\u0000${p.checkId}\u0000${p.code}`) ?? seen.get(`${p.datasetIri}\u0000${p.checkId}\u0000${p.code}`))
    return { ...p, firstSeen: at ?? null }
  })
}
