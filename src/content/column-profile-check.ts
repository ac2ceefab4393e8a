import type { ContentSource } from '../../checks/types.js'
import { loadColumnCheck, saveColumnCheck } from '../db/column-profile-store.js'
import type { Db } from '../db/database.js'
import type { Budgets } from '../domain/budgets.js'
import type { ColumnProfile, ProfileFormat } from './column-profile.js'
import { profileIsolated } from './isolated-checks.js'
import { decideColumns, type ColumnRules } from './column-profile-changes.js'
import type { RanCheck } from './run-checks.js'

/** The checks whose verdict says a version is good enough to become the baseline. */
const STRUCTURE_CHECKS = new Set(['csv-structure', 'json-structure', 'encoding', 'conformance'])

/** How to read the body for its profile, as its structure check read it; null when it has no columns to profile. */
function formatOf(ran: RanCheck[]): ProfileFormat | null {
  const csv = ran.find((r) => r.check.id === 'csv-structure')?.result.facts
  if (csv) {
    if (csv.header === false) return null
    // The header row as a line number: the title or comment rows above a header are one line each.
    const headerRow = typeof csv.headerRow === 'number' && csv.headerRow > 0 ? csv.headerRow : 1
    return { kind: 'csv', delimiter: String(csv.delimiter ?? ','), quote: String(csv.quote ?? '"'), skipInitialSpace: csv.skipInitialSpace === true, headerRow }
  }
  return ran.some((r) => r.check.id === 'json-structure') ? { kind: 'json' } : null
}

/**
 * After a downloaded CSV or JSON body was checked: profiles its columns, compares them with
 * the last good version's and stores the verdict for the alerts (observeCheckRun reads it
 * by run). A body cut at the byte cap, or one that cannot be read as a table, is not
 * profiled: its rows are unknown, and the structure checks already say what is wrong.
 */
export async function checkColumnProfile(o: {
  db: Db
  distributionIri: string
  content: ContentSource
  ran: RanCheck[]
  at: Date
  runId: number | null
  rules: ColumnRules
  /** The content budgets: the profile is read in a worker within them, by the file's deadline. */
  budgets: Budgets
}): Promise<void> {
  // The checks streamed the body already: a body cut at the cap is known before reading it again.
  if (o.content.truncatedAtCap()) return
  const format = formatOf(o.ran)
  if (!format) return
  const profile: ColumnProfile | null = await profileIsolated(o.content, format, o.budgets, performance.now() + o.budgets.fileChecksDeadlineMs)
  if (!profile || profile.columns.length === 0) return
  const conforming = o.ran.every((r) => !STRUCTURE_CHECKS.has(r.check.id) || r.result.status !== 'fail')
  const stored = await loadColumnCheck(o.db, o.distributionIri)
  const baseline = stored ? { profile: stored.profile as ColumnProfile, changedSince: stored.changedSince } : null
  const decision = decideColumns(baseline, profile, conforming, o.at, o.rules)
  if (!decision) return
  const goodAt = decision.baseline.profile === profile || !stored ? o.at : stored.goodAt
  await saveColumnCheck(o.db, {
    distributionIri: o.distributionIri,
    check: { profile: decision.baseline.profile, goodAt, changedSince: decision.baseline.changedSince, changes: decision.findings },
    at: o.at,
    runId: o.runId,
  })
}
