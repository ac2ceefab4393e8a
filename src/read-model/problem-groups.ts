import type { Problem } from './problems.js'

/**
 * Problems that share one cause: the same finding code of the same check in the same
 * dimension ("17 files: the access URL does not answer"), instead of 17 identical rows.
 */
export interface ProblemGroup {
  code: string
  checkId: string
  dimension: Problem['dimension']
  /** The worst severity among them. */
  severity: Problem['severity']
  /** How many distinct files have it. */
  files: number
  /** Total-score points gained if every one of them is fixed (the sum of each file's gain). */
  totalPointsToGain: number
  /** The problems themselves, worst first; the first is the one a heading shows. */
  problems: Problem[]
  /** The earliest first-seen of its problems (see withFirstSeen); null when none is known. */
  firstSeen: Date | null
}

const SEVERITY_RANK: Record<string, number> = { error: 0, warning: 1, info: 2 }

/**
 * The problems grouped by cause, the groups worst first: the most total-score points to
 * gain, then severity, then the most files, then the code (a stable order). The problems
 * inside keep the order they came in (getProblems gives them worst first).
 */
export function groupProblems(problems: Problem[]): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup & { seen: Set<string> }>()
  for (const p of problems) {
    const key = `${p.dimension}\u0000${p.checkId}\u0000${p.code}`
    let g = groups.get(key)
    if (!g) {
      g = { code: p.code, checkId: p.checkId, dimension: p.dimension, severity: p.severity, files: 0, totalPointsToGain: 0, problems: [], firstSeen: null, seen: new Set() }
      groups.set(key, g)
    }
    g.problems.push(p)
    g.totalPointsToGain += p.totalPointsToGain
    if (p.firstSeen && (!g.firstSeen || p.firstSeen < g.firstSeen)) g.firstSeen = p.firstSeen
    if ((SEVERITY_RANK[p.severity] ?? 3) < (SEVERITY_RANK[g.severity] ?? 3)) g.severity = p.severity
    if (!g.seen.has(p.distributionIri)) {
      g.seen.add(p.distributionIri)
      g.files++
    }
  }
  return [...groups.values()]
    .map(({ seen: _seen, ...g }) => g)
    .sort(
      (a, b) =>
        b.totalPointsToGain - a.totalPointsToGain ||
        (SEVERITY_RANK[a.severity] ?? 3) - (SEVERITY_RANK[b.severity] ?? 3) ||
        b.files - a.files ||
        a.code.localeCompare(b.code),
    )
}

/** One page of a list: the items on it, and where it stands (pages count from 1). */
export interface ListPage<T> {
  items: T[]
  page: number
  pages: number
  total: number
  /** The 1-based position of the first item shown (0 when the list is empty). */
  from: number
  to: number
}

/** Page `page` (1-based; out-of-range pages are clamped) of `items`, `size` to a page. */
export function pageOf<T>(items: T[], page: number, size: number): ListPage<T> {
  const pages = Math.max(1, Math.ceil(items.length / size))
  const p = Math.min(Math.max(1, Number.isFinite(page) ? Math.floor(page) : 1), pages)
  const start = (p - 1) * size
  const shown = items.slice(start, start + size)
  return { items: shown, page: p, pages, total: items.length, from: shown.length ? start + 1 : 0, to: start + shown.length }
}
