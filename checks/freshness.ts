/**
 * The `freshness` check: is the file updated as often as the catalogue promises?
 *
 * The promise is dct:accrualPeriodicity (EU frequency table, Dublin Core freq, or a
 * Swedish label; see vocabularies/frequencies.ts). The evidence is what we observed: the
 * content runner records, on every fetch, the ETag, Last-Modified and a SHA-256 of the
 * body computed while streaming (`ctx.history`, newest first); this fetch's headers come
 * from `target.content` / `target.probe`.
 *
 * The last change is found in this order, strongest evidence first:
 * 1. an observed change: two consecutive observations whose SHA-256 differ (else ETag,
 *    else Last-Modified). The change happened between them; Last-Modified dates it when it
 *    falls inside that window, else we take the later observation (conservative: the file
 *    is never judged staler than we can prove).
 * 2. no change observed: the server's Last-Modified, when it is not later than our first
 *    observation of the same content (a server that stamps every response "now" while the
 *    bytes stay the same is not believed);
 * 3. otherwise our first observation of this content: the file has been unchanged at
 *    least since then (`lastChangeSource: 'first-observation'`, a lower bound on its age).
 *
 * The age in days is graded as HDX does (thresholds and source in vocabularies/frequencies.ts):
 * `fresh` < due ≤ `due` < overdue ≤ `overdue` < delinquent ≤ `delinquent`.
 * Continuous, irregular, as-needed, never and unknown frequencies get no state (HDX treats
 * never/live/as-needed as always fresh): the result is `skipped` with an info finding.
 * Without a usable frequency (none, unreadable, irregular or unknown) the check reports the
 * observed update rhythm instead (update-rhythm.ts), never a guessed grade.
 *
 * While the latest probe fails (the file is gone, or a web page stands where it should be),
 * the result is `skipped` with `content-unavailable`: what came is not the file. An
 * accessURL without a downloadURL that answers with a web page (a landing page) is
 * `skipped` with `access-url-landing-page` (info): a page's changes are not the data's.
 *
 * Whatever the frequency, the declared dct:modified is held against the observed changes in
 * both directions (freshness-claims.ts). Those warnings count in the grade when there is one;
 * a `skipped` result shows them without scoring them (the dimension stays unknown).
 *
 * The observation history is read by observed-changes.ts (shared with those two modules).
 *
 * Finding codes (stable, stored):
 * - `freshness-due` (info): the expected update is due now.
 * - `freshness-overdue` (warning): past due plus HDX's leeway.
 * - `freshness-delinquent` (error): long past due.
 * - `missing-accrual-periodicity` (info): no update frequency declared.
 * - `unknown-accrual-periodicity` (info): a value we cannot read.
 * - `no-regular-periodicity` (info): irregular/continuous/never/unknown — not graded.
 * - `last-modified-unreliable` (info): Last-Modified changes while the content does not.
 * - `last-modified-in-future` (warning): Last-Modified is later than now.
 * - `observed-update-rhythm`, `no-change-observed` (info): see update-rhythm.ts.
 * - `declared-modified-without-change`, `declared-modified-behind-change` (warning): see
 *   freshness-claims.ts.
 *
 * Facts: freshnessState ('fresh'|'due'|'overdue'|'delinquent'|null), lastChange (ISO),
 * lastChangeSource ('observed-sha256'|'observed-etag'|'observed-last-modified'|'last-modified'|
 * 'first-observation'), frequency (EU code), intervalDays, dueDays, overdueDays,
 * delinquentDays, thresholdSource ('hdx'|'extrapolated'); with an observed rhythm, observedChanges,
 * observedDays, typicalChangeDays, observedFrequency. Metrics: ageDays, observations.
 */
import type { Check, CheckContext, CheckResult, CheckTarget, Finding } from './types.js'
import { statusOf } from './status-of.js'
import { resolveFrequency, type FrequencyInfo } from './vocabularies/frequencies.js'
import { modifiedClaimFindings } from './freshness-claims.js'
import { observedRhythm, rhythmFinding } from './update-rhythm.js'
import { believableLastModified, lastModifiedMovesAlone, newestFirst, observedChanges, parseDate, type Observation } from './observed-changes.js'


/** HDX's four states. Stable: stored as the `freshnessState` fact. */
export type FreshnessState = 'fresh' | 'due' | 'overdue' | 'delinquent'

export type { Observation } from './observed-changes.js'

export type ChangeSource = 'observed-sha256' | 'observed-etag' | 'observed-last-modified' | 'last-modified' | 'first-observation'

export interface LastChange {
  at: Date
  source: ChangeSource
  /** Last-Modified moves while the bytes stay the same. */
  lastModifiedUnreliable: boolean
}

const DAY = 86_400_000

/**
 * Finds the last change from observations (newest first), per the rules in the module
 * comment. Returns null when there is no observation at all.
 */
export function findLastChange(observations: Observation[], now: Date): LastChange | null {
  const obs = newestFirst(observations)
  if (obs.length === 0) return null
  const lastModifiedUnreliable = lastModifiedMovesAlone(obs)
  // 1. The newest observed change.
  const [newest] = observedChanges(obs, now)
  if (newest) return { at: newest.at, source: `observed-${newest.by}`, lastModifiedUnreliable }
  // The run of identical content reaches back to the oldest observation we have.
  const firstSeen = parseDate(obs[obs.length - 1].at)!
  // 2. Last-Modified, when it is consistent with what we saw.
  const lm = believableLastModified(obs[0], now)
  if (lm && !lastModifiedUnreliable && lm.getTime() <= firstSeen.getTime() + 60_000) {
    return { at: lm, source: 'last-modified', lastModifiedUnreliable }
  }
  // 3. Unchanged at least since we first saw it.
  return { at: firstSeen, source: 'first-observation', lastModifiedUnreliable }
}

/** The HDX state for an age in days. */
export function gradeAge(ageDays: number, th: { dueDays: number; overdueDays: number; delinquentDays: number }): FreshnessState {
  if (ageDays >= th.delinquentDays) return 'delinquent'
  if (ageDays >= th.overdueDays) return 'overdue'
  if (ageDays >= th.dueDays) return 'due'
  return 'fresh'
}

function currentObservation(target: CheckTarget, ctx: CheckContext, history: Observation[]): Observation | null {
  const c = target.content
  const p = target.probe
  const etag = c?.etag ?? p?.etag ?? null
  const lastModified = c?.lastModified ?? p?.lastModified ?? null
  if (!c && !p) return null
  const at = p?.at && !c ? p.at : ctx.now.toISOString()
  // The content runner may already have stored this fetch as history[0]; do not count it twice.
  const newest = history[0]
  if (newest && Math.abs((parseDate(newest.at)?.getTime() ?? 0) - ctx.now.getTime()) < 60_000) return null
  // Without a hash, this observation only helps when the history has none either.
  return { at, etag, lastModified, sha256: null }
}

function fmtDate(d: Date): string {
  return d.toISOString().slice(0, 10)
}

/** Why freshness cannot be judged from the declared frequency (none, unknown, not regular); null when it can. */
function periodicityFinding(declared: string | null | undefined, freq: FrequencyInfo | null): Finding | null {
  const location = { property: 'dct:accrualPeriodicity' }
  if (!declared) return { code: 'missing-accrual-periodicity', severity: 'info', params: {}, location }
  if (!freq) return { code: 'unknown-accrual-periodicity', severity: 'info', params: { declared }, location }
  if (freq.kind !== 'regular' || !freq.thresholds) return { code: 'no-regular-periodicity', severity: 'info', params: { frequency: freq.code }, location }
  return null
}

/** The findings for a file last changed at `change.at`, `ageDays` ago, graded `state`. */
function ageFindings(change: NonNullable<ReturnType<typeof findLastChange>>, state: FreshnessState, ageDays: number, frequency: string, newest: Observation | undefined, now: Date): Finding[] {
  const findings: Finding[] = []
  const when = { frequency, since: fmtDate(change.at), firstObservation: change.source === 'first-observation' }
  if (change.lastModifiedUnreliable) findings.push({ code: 'last-modified-unreliable', severity: 'info', params: {} })
  const lm = parseDate(newest?.lastModified ?? null)
  if (lm && lm.getTime() > now.getTime() + 60_000) findings.push({ code: 'last-modified-in-future', severity: 'warning', params: { lastModified: lm.toISOString() } })
  if (state === 'due') {
    findings.push({ code: 'freshness-due', severity: 'info', params: when, location: { property: 'dct:accrualPeriodicity' } })
  } else if (state === 'overdue' || state === 'delinquent') {
    findings.push({
      code: state === 'overdue' ? 'freshness-overdue' : 'freshness-delinquent',
      severity: state === 'overdue' ? 'warning' : 'error',
      params: { ...when, days: Math.floor(ageDays) },
      location: { property: 'dct:accrualPeriodicity' },
    })
  }
  return findings
}

/** The observations the check judges by: the history, plus this fetch when nothing is hashed. */
function observationsOf(target: CheckTarget, ctx: CheckContext): { usable: Observation[]; newest: Observation | undefined } {
  const history: Observation[] = (ctx.history ?? []).map((h) => ({ at: h.at, etag: h.etag, lastModified: h.lastModified, sha256: h.sha256 }))
  const current = currentObservation(target, ctx, history)
  // This fetch carries no hash (the runner stores it with the next history entry). Next to
  // hashed history it would be compared by Last-Modified alone, and a server that stamps
  // every answer "now" would look freshly changed; so it only counts when nothing is hashed.
  const usable = current && !history.some((h) => h.sha256) ? [current, ...history] : history
  return { usable, newest: current ?? history[0] }
}

/** Whether the observed rhythm stands in for a grade: no frequency, an unreadable one, or an irregular or unknown one. */
function wantsRhythm(freq: FrequencyInfo | null): boolean {
  return freq === null || freq.kind === 'irregular' || freq.kind === 'unknown'
}

/** Not graded: why, the observed rhythm instead where it helps, and what the catalogue's dct:modified contradicts. */
function notGraded(why: Finding | null, freq: FrequencyInfo | null, usable: Observation[], claims: Finding[], now: Date): CheckResult {
  const rhythm = wantsRhythm(freq) ? observedRhythm(usable, now) : null
  const findings = [...(why ? [why] : []), ...(rhythm ? [rhythmFinding(rhythm)] : []), ...claims]
  const facts: CheckResult['facts'] = { freshnessState: null, frequency: freq?.code ?? null }
  if (rhythm) Object.assign(facts, { observedChanges: rhythm.changes, observedDays: rhythm.observedDays, typicalChangeDays: rhythm.typicalDays, observedFrequency: rhythm.frequency })
  return { status: 'skipped', findings, facts }
}

/**
 * Not judged while the file is not there: the latest probe failed (a 404, a timeout, or a
 * web page where the file should be: a sign-in wall, a portal page, a "not found" page).
 * Nothing of the file was observed then, and a page is not the file (its bytes never
 * change, and a daily "file" behind a sign-in looked delinquent). Availability charges it.
 * Nor when the only address is an accessURL that answers with a web page (DCAT allows a
 * landing page there): how often a page changes says nothing about the data.
 */
function fileUnavailable(target: CheckTarget): CheckResult | null {
  const probe = target.probe
  if (probe?.outcome === 'failing') {
    return { status: 'skipped', findings: [{ code: 'content-unavailable', severity: 'info', params: { fetchCode: probe.code } }], facts: { freshnessState: null, reason: 'file-unavailable' } }
  }
  if (probe?.outcome === 'ok' && !target.distribution?.downloadUrl && /html/i.test(probe.contentType ?? '')) {
    const location = { property: 'dcat:downloadURL' }
    return { status: 'skipped', findings: [{ code: 'access-url-landing-page', severity: 'info', params: {}, location }], facts: { freshnessState: null, reason: 'web-page' } }
  }
  return null
}

/** See the module comment. */
export const freshnessCheck: Check = {
  id: 'freshness',
  dimension: 'freshness',
  appliesTo(target: CheckTarget): boolean {
    return target.distribution !== undefined
  },
  async run(target: CheckTarget, ctx: CheckContext): Promise<CheckResult> {
    const unavailable = fileUnavailable(target)
    if (unavailable) return unavailable
    const declared = target.dataset.accrualPeriodicity
    const freq = resolveFrequency(declared)
    const { usable, newest } = observationsOf(target, ctx)
    const change = findLastChange(usable, ctx.now)
    const claims = modifiedClaimFindings({
      datasetModified: target.dataset.modified,
      distributionModified: target.distribution?.modified ?? null,
      datasetFiles: target.distributions?.length ?? null,
      observations: usable,
      unchangedSince: change,
      continuous: freq?.kind === 'continuous',
      now: ctx.now,
    })
    const notJudged = periodicityFinding(declared, freq)
    if (notJudged || !freq?.thresholds) return notGraded(notJudged, freq, usable, claims, ctx.now)
    if (!change) return { status: 'unverified', findings: [], facts: { freshnessState: null, frequency: freq.code, reason: 'no-observations' } }
    const th = freq.thresholds
    const ageDays = Math.max(0, (ctx.now.getTime() - change.at.getTime()) / DAY)
    const state = gradeAge(ageDays, th)
    const findings = [...ageFindings(change, state, ageDays, freq.code, newest, ctx.now), ...claims]
    return {
      status: statusOf(findings),
      findings,
      metrics: { ageDays: Math.round(ageDays * 100) / 100, observations: usable.length },
      facts: {
        freshnessState: state,
        lastChange: change.at.toISOString(),
        lastChangeSource: change.source,
        frequency: freq.code,
        intervalDays: th.intervalDays,
        dueDays: th.dueDays,
        overdueDays: th.overdueDays,
        delinquentDays: th.delinquentDays,
        thresholdSource: th.source,
      },
    }
  },
}
