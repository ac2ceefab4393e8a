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
 *
 * Facts: freshnessState ('fresh'|'due'|'overdue'|'delinquent'|null), lastChange (ISO),
 * lastChangeSource ('observed-sha256'|'observed-etag'|'observed-last-modified'|'last-modified'|
 * 'first-observation'), frequency (EU code), intervalDays, dueDays, overdueDays,
 * delinquentDays, thresholdSource ('hdx'|'extrapolated'). Metrics: ageDays, observations.
 */
import type { Check, CheckContext, CheckResult, CheckTarget, Finding } from './types.js'
import { resolveFrequency } from './vocabularies/frequencies.js'

type Lang = 'sv' | 'en'
const t = (lang: Lang, sv: string, en: string): string => (lang === 'en' ? en : sv)

/** HDX's four states. Stable: stored as the `freshnessState` fact. */
export type FreshnessState = 'fresh' | 'due' | 'overdue' | 'delinquent'

/** One observation of the distribution (history entries have this shape). */
export interface Observation {
  at: string
  etag: string | null
  lastModified: string | null
  sha256: string | null
}

export type ChangeSource = 'observed-sha256' | 'observed-etag' | 'observed-last-modified' | 'last-modified' | 'first-observation'

export interface LastChange {
  at: Date
  source: ChangeSource
  /** Last-Modified moves while the bytes stay the same. */
  lastModifiedUnreliable: boolean
}

const DAY = 86_400_000

function parseDate(s: string | null): Date | null {
  if (!s) return null
  const d = new Date(s)
  return Number.isNaN(d.getTime()) ? null : d
}

/** Weak and strong ETags name the same version for our purpose. */
function normEtag(e: string | null): string | null {
  return e ? e.replace(/^W\//, '') : null
}

/** How two observations compare, using the strongest evidence both have. */
function differs(a: Observation, b: Observation): { differ: boolean; by: 'sha256' | 'etag' | 'last-modified' } | null {
  if (a.sha256 && b.sha256) return { differ: a.sha256 !== b.sha256, by: 'sha256' }
  const ea = normEtag(a.etag)
  const eb = normEtag(b.etag)
  if (ea && eb) return { differ: ea !== eb, by: 'etag' }
  const la = parseDate(a.lastModified)
  const lb = parseDate(b.lastModified)
  if (la && lb) return { differ: la.getTime() !== lb.getTime(), by: 'last-modified' }
  return null
}

/**
 * Finds the last change from observations (newest first), per the rules in the module
 * comment. Returns null when there is no observation at all.
 */
export function findLastChange(observations: Observation[], now: Date): LastChange | null {
  const obs = observations
    .filter((o) => parseDate(o.at) !== null)
    .sort((a, b) => parseDate(b.at)!.getTime() - parseDate(a.at)!.getTime())
  if (obs.length === 0) return null
  const newestLm = parseDate(obs[0].lastModified)
  const usableLm = newestLm && newestLm.getTime() <= now.getTime() + 60_000 ? newestLm : null

  // Does Last-Modified move while the hash stands still? Then it is not evidence.
  let lastModifiedUnreliable = false
  for (let i = 0; i + 1 < obs.length; i++) {
    const a = obs[i]
    const b = obs[i + 1]
    if (a.sha256 && b.sha256 && a.sha256 === b.sha256) {
      const la = parseDate(a.lastModified)
      const lb = parseDate(b.lastModified)
      if (la && lb && la.getTime() !== lb.getTime()) lastModifiedUnreliable = true
    }
  }

  // 1. The newest observed change.
  for (let i = 0; i + 1 < obs.length; i++) {
    const cmp = differs(obs[i], obs[i + 1])
    if (cmp?.differ) {
      const after = parseDate(obs[i].at)!
      const before = parseDate(obs[i + 1].at)!
      let at = after
      if (usableLm && !lastModifiedUnreliable && usableLm.getTime() > before.getTime() && usableLm.getTime() <= after.getTime()) at = usableLm
      return { at, source: `observed-${cmp.by}` as ChangeSource, lastModifiedUnreliable }
    }
  }
  // The run of identical content reaches back to the oldest observation we have.
  const firstSeen = parseDate(obs[obs.length - 1].at)!
  // 2. Last-Modified, when it is consistent with what we saw.
  if (usableLm && !lastModifiedUnreliable && usableLm.getTime() <= firstSeen.getTime() + 60_000) {
    return { at: usableLm, source: 'last-modified', lastModifiedUnreliable }
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

/** See the module comment. */
export const freshnessCheck: Check = {
  id: 'freshness',
  dimension: 'freshness',
  appliesTo(target: CheckTarget): boolean {
    return target.distribution !== undefined
  },
  async run(target: CheckTarget, ctx: CheckContext): Promise<CheckResult> {
    const lang = ctx.lang
    const declared = target.dataset.accrualPeriodicity
    const freq = resolveFrequency(declared)
    const findings: Finding[] = []
    const baseFacts = { freshnessState: null, frequency: freq?.code ?? null }
    if (!declared) {
      findings.push({
        code: 'missing-accrual-periodicity',
        severity: 'info',
        message: t(lang, 'Datamängden anger inte hur ofta den uppdateras.', 'The dataset does not say how often it is updated.'),
        hint: t(
          lang,
          'Ange dct:accrualPeriodicity med EU:s frekvensvokabulär, t.ex. http://publications.europa.eu/resource/authority/frequency/MONTHLY.',
          'Declare dct:accrualPeriodicity from the EU frequency vocabulary, e.g. http://publications.europa.eu/resource/authority/frequency/MONTHLY.',
        ),
        location: { property: 'dct:accrualPeriodicity' },
      })
      return { status: 'skipped', findings, facts: baseFacts }
    }
    if (!freq) {
      findings.push({
        code: 'unknown-accrual-periodicity',
        severity: 'info',
        message: t(lang, `Uppdateringsfrekvensen "${declared}" går inte att tolka.`, `The update frequency "${declared}" cannot be read.`),
        hint: t(
          lang,
          'Använd en IRI ur EU:s frekvensvokabulär, t.ex. http://publications.europa.eu/resource/authority/frequency/WEEKLY.',
          'Use an IRI from the EU frequency vocabulary, e.g. http://publications.europa.eu/resource/authority/frequency/WEEKLY.',
        ),
        location: { property: 'dct:accrualPeriodicity' },
      })
      return { status: 'skipped', findings, facts: baseFacts }
    }
    if (freq.kind !== 'regular' || !freq.thresholds) {
      findings.push({
        code: 'no-regular-periodicity',
        severity: 'info',
        message: t(
          lang,
          `Uppdateringsfrekvensen är "${freq.label.sv}"; aktualitet bedöms inte.`,
          `The update frequency is "${freq.label.en}"; freshness is not graded.`,
        ),
        hint: t(
          lang,
          'Om datamängden uppdateras regelbundet, ange den faktiska frekvensen så att användare vet vad de kan vänta sig.',
          'If the dataset is updated regularly, declare the real frequency so users know what to expect.',
        ),
        location: { property: 'dct:accrualPeriodicity' },
      })
      return { status: 'skipped', findings, facts: baseFacts }
    }

    const history: Observation[] = (ctx.history ?? []).map((h) => ({ at: h.at, etag: h.etag, lastModified: h.lastModified, sha256: h.sha256 }))
    const current = currentObservation(target, ctx, history)
    // This fetch carries no hash (the runner stores it with the next history entry). Next to
    // hashed history it would be compared by Last-Modified alone, and a server that stamps
    // every answer "now" would look freshly changed; so it only counts when nothing is hashed.
    const usable = current && !history.some((h) => h.sha256) ? [current, ...history] : history
    const observations = current ? [current, ...history] : history
    const change = findLastChange(usable, ctx.now)
    if (!change) {
      return {
        status: 'unverified',
        findings: [],
        facts: { ...baseFacts, reason: 'no-observations' },
      }
    }
    const th = freq.thresholds
    const ageDays = Math.max(0, (ctx.now.getTime() - change.at.getTime()) / DAY)
    const state = gradeAge(ageDays, th)
    const since = fmtDate(change.at)
    const label = freq.label[lang]
    const boundNote =
      change.source === 'first-observation'
        ? t(lang, ' (oförändrad sedan första observationen)', ' (unchanged since our first observation)')
        : ''

    if (change.lastModifiedUnreliable) {
      findings.push({
        code: 'last-modified-unreliable',
        severity: 'info',
        message: t(
          lang,
          'Servern ändrar Last-Modified fast innehållet är detsamma.',
          'The server changes Last-Modified although the content stays the same.',
        ),
        hint: t(
          lang,
          'Låt servern skicka filens verkliga ändringstid och en ETag, så kan användare och datavakt se när data faktiskt ändras.',
          'Let the server send the file\'s real modification time and an ETag, so users and datavakt can tell when data really changes.',
        ),
      })
    }
    const lm = parseDate(observations[0]?.lastModified ?? null)
    if (lm && lm.getTime() > ctx.now.getTime() + 60_000) {
      findings.push({
        code: 'last-modified-in-future',
        severity: 'warning',
        message: t(lang, `Last-Modified ligger i framtiden (${lm.toISOString()}).`, `Last-Modified is in the future (${lm.toISOString()}).`),
        hint: t(lang, 'Kontrollera serverns klocka och hur Last-Modified sätts.', 'Check the server clock and how Last-Modified is set.'),
      })
    }
    if (state === 'due') {
      findings.push({
        code: 'freshness-due',
        severity: 'info',
        message: t(
          lang,
          `Filen ska uppdateras ${label} och senaste ändringen var ${since}${boundNote}; en uppdatering väntas nu.`,
          `The declared update frequency is ${label}; the file last changed on ${since}${boundNote}, so an update is due now.`,
        ),
        hint: t(lang, 'Publicera nästa uppdatering enligt den angivna frekvensen.', 'Publish the next update as the declared frequency promises.'),
        location: { property: 'dct:accrualPeriodicity' },
      })
    } else if (state === 'overdue' || state === 'delinquent') {
      findings.push({
        code: state === 'overdue' ? 'freshness-overdue' : 'freshness-delinquent',
        severity: state === 'overdue' ? 'warning' : 'error',
        message: t(
          lang,
          `Filen ska uppdateras ${label} men har inte ändrats sedan ${since}${boundNote} (${Math.floor(ageDays)} dagar).`,
          `The declared update frequency is ${label}, but the file has not changed since ${since}${boundNote} (${Math.floor(ageDays)} days).`,
        ),
        hint: t(
          lang,
          'Uppdatera filen, eller ändra dct:accrualPeriodicity till den frekvens ni faktiskt klarar (t.ex. IRREG om uppdateringar sker oregelbundet).',
          'Update the file, or change dct:accrualPeriodicity to the frequency you actually keep (e.g. IRREG if updates are irregular).',
        ),
        location: { property: 'dct:accrualPeriodicity' },
      })
    }
    const status: CheckResult['status'] = findings.some((f) => f.severity === 'error')
      ? 'fail'
      : findings.some((f) => f.severity === 'warning')
        ? 'warn'
        : 'pass'
    return {
      status,
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
