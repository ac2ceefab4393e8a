/**
 * What the observation history of a file says about its changes: the one reading of
 * `ctx.history` (the content runner's observations, src/db/content-store.ts) that the
 * freshness check, its declared-against-observed rules (freshness-claims.ts) and the
 * observed update rhythm (update-rhythm.ts) share. Pure.
 *
 * Two consecutive observations differ by the strongest evidence both have: the SHA-256 of
 * the body, else the ETag (weak and strong alike), else Last-Modified. A change happened
 * between them, after the older and at the latest at the newer one. Last-Modified dates it
 * inside that window when it falls there and is believable (not in the future, and not a
 * header that moves while the bytes stay the same).
 */

/** One observation of the distribution (the shape of `ctx.history` entries). */
export interface Observation {
  at: string
  etag: string | null
  lastModified: string | null
  sha256: string | null
}

/** The evidence a change was seen by. */
export type ChangeEvidence = 'sha256' | 'etag' | 'last-modified'

/** One change seen between two consecutive observations. */
export interface ObservedChange {
  /** When it happened: Last-Modified when it dates it inside the window, else the newer observation. */
  at: Date
  /** The older observation: the change happened after this. */
  after: Date
  /** True when `at` is Last-Modified (then the change happened at `at`, not merely by then). */
  datedByLastModified: boolean
  by: ChangeEvidence
}

/** Clock skew allowed between a server's Last-Modified and our clock. */
const SKEW_MS = 60_000

export function parseDate(s: string | null): Date | null {
  if (!s) return null
  const d = new Date(s)
  return Number.isNaN(d.getTime()) ? null : d
}

/** Weak and strong ETags name the same version for our purpose. */
function normEtag(e: string | null): string | null {
  return e ? e.replace(/^W\//, '') : null
}

/** How two observations compare, using the strongest evidence both have; null when they share none. */
export function differs(a: Observation, b: Observation): { differ: boolean; by: ChangeEvidence } | null {
  if (a.sha256 && b.sha256) return { differ: a.sha256 !== b.sha256, by: 'sha256' }
  const ea = normEtag(a.etag)
  const eb = normEtag(b.etag)
  if (ea && eb) return { differ: ea !== eb, by: 'etag' }
  const la = parseDate(a.lastModified)
  const lb = parseDate(b.lastModified)
  if (la && lb) return { differ: la.getTime() !== lb.getTime(), by: 'last-modified' }
  return null
}

/** The observations with a readable time, newest first. */
export function newestFirst(observations: readonly Observation[]): Observation[] {
  return observations
    .filter((o) => parseDate(o.at) !== null)
    .sort((a, b) => parseDate(b.at)!.getTime() - parseDate(a.at)!.getTime())
}

/** Does Last-Modified move while the hash stands still? Then it is not evidence. `obs` newest first. */
export function lastModifiedMovesAlone(obs: readonly Observation[]): boolean {
  for (let i = 0; i + 1 < obs.length; i++) {
    const a = obs[i]
    const b = obs[i + 1]
    if (a.sha256 && b.sha256 && a.sha256 === b.sha256) {
      const la = parseDate(a.lastModified)
      const lb = parseDate(b.lastModified)
      if (la && lb && la.getTime() !== lb.getTime()) return true
    }
  }
  return false
}

/** A Last-Modified that is not in the future, or null. */
export function believableLastModified(o: Observation | undefined, now: Date): Date | null {
  const lm = parseDate(o?.lastModified ?? null)
  return lm && lm.getTime() <= now.getTime() + SKEW_MS ? lm : null
}

/**
 * Every change seen in `obs` (newest first), newest first. Each is dated by the Last-Modified
 * of the newest observation of the content it brought (when that falls inside the window and
 * Last-Modified can be believed), else by the observation that first saw it.
 */
export function observedChanges(obs: readonly Observation[], now: Date): ObservedChange[] {
  const lmBelievable = !lastModifiedMovesAlone(obs)
  const changes: ObservedChange[] = []
  // The newest observation of the content run that ends at obs[i]: it carries that content's Last-Modified.
  let runNewest = 0
  for (let i = 0; i + 1 < obs.length; i++) {
    const cmp = differs(obs[i], obs[i + 1])
    if (!cmp?.differ) continue
    const seen = parseDate(obs[i].at)!
    const after = parseDate(obs[i + 1].at)!
    const lm = lmBelievable ? believableLastModified(obs[runNewest], now) : null
    const fits = lm !== null && lm.getTime() > after.getTime() && lm.getTime() <= seen.getTime()
    changes.push({ at: fits ? lm : seen, after, datedByLastModified: fits, by: cmp.by })
    runNewest = i + 1
  }
  return changes
}
