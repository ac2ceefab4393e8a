import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { json } from '../db/json.js'
import type { Problem } from './problems.js'

/**
 * Where a problem stands with the alerts: `open` when its alert is open (the contacts are
 * told about it), `pending` when it is found but no alert is open for it (not yet found
 * often enough to open one, or a warning, which never opens one). A problem is a reason
 * a current score lost points, so a fixed one is not listed at all.
 */
export type ProblemState = 'open' | 'pending'

export const PROBLEM_STATES: readonly ProblemState[] = ['open', 'pending']

/** A problem's state, and since when its subject has been bad for it (the open alert's first bad check; null when pending). */
export interface ProblemStanding {
  state: ProblemState
  since: string | null
}

/** The alert problem a score reason belongs to: availability, or the check that found it (src/alerts/observe.ts). */
const alertProblemOf = (checkId: string) => (checkId === 'availability' ? 'availability' : `check:${checkId}`)
const keyOf = (subject: string, problem: string) => `${subject}\u0000${problem}`

/**
 * The standing of each problem, in the order given: its file's (or, for a dataset-level
 * check, its dataset's) open alert for the same check. One query over the open alerts of
 * the problems' subjects.
 */
export async function problemStandings(db: Db, problems: readonly Problem[]): Promise<ProblemStanding[]> {
  if (problems.length === 0) return []
  const subjects = [...new Set(problems.flatMap((p) => [p.distributionIri, p.datasetIri]))]
  const { rows } = await sql<{ subject: string; problem: string; bad_since: Date | string | null; opened_at: Date | string | null }>`
    select subject, problem, bad_since, opened_at from alerts
    where open and subject = any (array(select jsonb_array_elements_text(${json(subjects)})))`.execute(db)
  const open = new Map(rows.map((r) => [keyOf(r.subject, r.problem), r]))
  return problems.map((p) => {
    const problem = alertProblemOf(p.checkId)
    const alert = open.get(keyOf(p.distributionIri, problem)) ?? open.get(keyOf(p.datasetIri, problem))
    if (!alert) return { state: 'pending', since: null }
    const since = alert.bad_since ?? alert.opened_at
    return { state: 'open', since: since === null ? null : new Date(since).toISOString() }
  })
}
