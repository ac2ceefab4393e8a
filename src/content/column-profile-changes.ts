/**
 * Breaking changes in a file, against its last good version's column profile. Pure: the
 * content run computes the profiles (column-profile.ts) and stores the baseline
 * (src/db/column-profile-store.ts); this decides what changed and whether the new version
 * becomes the baseline.
 *
 * Finding codes (words in src/i18n/messages/, params `date` = the day it was first seen):
 * - `column-dropped` {column}: a column of the last good version is gone
 * - `column-renamed` {column, newColumn}: a column is gone and a new one stands in its place
 * - `column-type-changed` {column, from, to}: the values no longer fit the column's type
 *   (integer to number is a widening, not a break)
 * - `rows-dropped` {rows, previousRows}: fewer than `rowsDroppedBelow` of the rows are left
 * A column added is no break.
 */
import { stockholmDay } from '../alerts/alert-policy.js'
import type { AlertsConfig } from '../config/config.js'
import type { Finding } from '../domain/finding.js'
import { widen, type ColumnProfile } from './column-profile.js'

/** What the decision reads of config.alerts. */
export type ColumnRules = Pick<AlertsConfig, 'rowsDroppedBelow' | 'columnChangeAcceptDays'>

/** The stored baseline of one distribution. */
export interface ColumnBaseline {
  profile: ColumnProfile
  /** When the current change was first seen; null while the file matches its baseline. */
  changedSince: Date | null
}

const DAY_MS = 86_400_000

/** The breaking changes from `before` to `after`, each a finding dated `since`. */
export function columnChanges(before: ColumnProfile, after: ColumnProfile, since: Date, rules: Pick<ColumnRules, 'rowsDroppedBelow'>): Finding[] {
  const date = stockholmDay(since)
  const now = new Map(after.columns.map((c, i) => [c.name, { ...c, i }]))
  const was = new Set(before.columns.map((c) => c.name))
  const added = new Map(after.columns.map((c, i) => [i, c] as const).filter(([, c]) => !was.has(c.name)))
  const out: Finding[] = []
  before.columns.forEach((c, i) => {
    const kept = now.get(c.name)
    if (!kept) {
      // Gone, with a new column at the same place: renamed.
      const instead = added.get(i)
      if (instead) {
        added.delete(i)
        out.push({ code: 'column-renamed', severity: 'error', params: { column: c.name, newColumn: instead.name, date }, location: { fieldName: c.name } })
      } else {
        out.push({ code: 'column-dropped', severity: 'error', params: { column: c.name, date }, location: { fieldName: c.name } })
      }
      return
    }
    const widened = widen(c.type, kept.type)
    if (c.type !== 'empty' && kept.type !== 'empty' && widened !== c.type && !(c.type === 'integer' && kept.type === 'number')) {
      out.push({ code: 'column-type-changed', severity: 'error', params: { column: c.name, from: c.type, to: kept.type, date }, location: { fieldName: c.name } })
    }
  })
  if (before.rows > 0 && after.rows < before.rows * rules.rowsDroppedBelow) {
    out.push({ code: 'rows-dropped', severity: 'error', params: { rows: after.rows, previousRows: before.rows, date } })
  }
  return out
}

/** What to do after profiling one version of a file. */
export interface ColumnDecision {
  /** The breaking changes now (empty: the file is fine). */
  findings: Finding[]
  /** The baseline to store (unchanged, or this version). */
  baseline: ColumnBaseline
}

/**
 * One version against the stored baseline:
 * - no baseline: a conforming version becomes the baseline; otherwise nothing is known yet;
 * - no breaking change: a conforming version becomes the new baseline (added columns, new rows);
 * - a breaking change: reported, dated when first seen; the baseline stays, unless the
 *   change has lasted `columnChangeAcceptDays` and the version is conforming: then the
 *   publisher meant it, and it becomes the baseline.
 */
export function decideColumns(
  baseline: ColumnBaseline | null,
  profile: ColumnProfile,
  conforming: boolean,
  at: Date,
  rules: ColumnRules,
): ColumnDecision | null {
  if (!baseline) return conforming ? { findings: [], baseline: { profile, changedSince: null } } : null
  const since = baseline.changedSince ?? at
  const findings = columnChanges(baseline.profile, profile, since, rules)
  if (findings.length === 0) {
    return { findings, baseline: conforming ? { profile, changedSince: null } : { ...baseline, changedSince: null } }
  }
  if (conforming && at.getTime() - since.getTime() >= rules.columnChangeAcceptDays * DAY_MS) {
    return { findings: [], baseline: { profile, changedSince: null } }
  }
  return { findings, baseline: { ...baseline, changedSince: since } }
}
