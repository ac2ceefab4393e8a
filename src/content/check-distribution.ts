import { createHash } from 'node:crypto'
import type { Check, CheckContext, ContentSource, ProbeSummary } from '../../checks/types.js'
import type { Db } from '../db/database.js'
import {
  contentObservationHistory,
  insertCheckResults,
  insertContentObservation,
  latestCheckStatuses,
  latestContentObservation,
  type NewCheckResult,
  type NewContentObservation,
} from '../db/content-store.js'
import { repeatColumnCheck } from '../db/column-profile-store.js'
import type { StoredFinding } from '../db/tables/content.js'
import { FetchBodyError, type FetchEngine } from '../fetch/fetch-engine.js'
import type { ColumnRules } from './column-profile-changes.js'
import { checkColumnProfile } from './column-profile-check.js'
import { budgetsWith } from '../domain/budgets.js'
import type { DatasetTarget, DistributionTarget } from './load-targets.js'
import { resultRows } from './result-rows.js'
import { runChecks, type RanCheck } from './run-checks.js'
import { inSpan, SPANS } from '../telemetry/spans.js'
import { SpoolError, spoolContentSource, type SpooledContent } from './spool-content-source.js'
import { hostOf } from '../domain/url-host.js'

/** One earlier observation of the content, as freshness reads it. */
type Observation = NonNullable<CheckContext['history']>[number]

/** What happened to one distribution in a content run. */
export interface DistributionOutcome {
  distributionIri: string
  /** downloaded: a body was checked; not-modified: a 304, the earlier results stand; failed: no body (see errorCode); no-url. */
  kind: 'downloaded' | 'not-modified' | 'failed' | 'no-url'
  errorCode: string | null
  bytes: number
  truncated: boolean
  /** The results stored now (a 304 stores only checks that need no body). */
  results: RanCheck[]
}

/** What checking one distribution needs. */
export interface CheckDistributionOptions {
  db: Db
  engine: FetchEngine
  runId: number | null
  dataset: DatasetTarget
  distribution: DistributionTarget
  checks: readonly Check[]
  ctx: Omit<CheckContext, 'history'>
  maxBytes: number
  probe?: ProbeSummary
  tmpDir?: string
  /** Breaking changes in columns (config.alerts); without them columns are not profiled. */
  columnRules?: ColumnRules
}

/** Codes of fetch failures that mean "could not tell" (the earlier content results stand). */
const UNVERIFIED_CODES = new Set(['rate-limited', 'blocked', 'budget-exceeded'])

/**
 * Fetches one distribution's body (conditionally, when an earlier full download saw an
 * ETag or Last-Modified and nothing the checks depend on has changed since), spools it once,
 * runs every applicable check on it, and stores the observation and the results.
 * - 304 Not Modified: no download; the observation repeats the previous hash; only checks
 *   that need no body run (e.g. freshness), the earlier content results stand.
 * - No body (404, timeout, ...): the observation records the code; checks that need no body
 *   run; content checks that had results before get a `skipped` result with the finding
 *   `content-unavailable` (availability scores the failure, content is unknown now). When the
 *   code means "could not tell" (rate-limited, blocked, budget) the earlier results stand.
 * Throws only for database or spool-file failures (operational).
 */
export function checkDistribution(o: CheckDistributionOptions): Promise<DistributionOutcome> {
  const url = o.distribution.url
  return inSpan(SPANS.contentCheck, { host: hostOf(url) ?? '' }, async (span) => {
    const r = await checkDistributionHere(o)
    span.setAttributes({ outcome: r.kind, bytes: r.bytes, ...(r.errorCode ? { code: r.errorCode } : {}) })
    return r
  })
}

async function checkDistributionHere(o: CheckDistributionOptions): Promise<DistributionOutcome> {
  const iri = o.distribution.info.iri
  const url = o.distribution.url
  if (!url) {
    const ran = await checkAndStore(o, {}, [])
    return { distributionIri: iri, kind: 'no-url', errorCode: null, bytes: 0, truncated: false, results: ran }
  }
  const inputsHash = createHash('sha256')
    .update(JSON.stringify([o.checks.map((c) => c.id), o.dataset.recordHash, o.distribution.recordHash, o.maxBytes]))
    .digest('hex')
  const prev = await latestContentObservation(o.db, iri)
  const conditional =
    prev && prev.inputs_hash === inputsHash && (prev.etag || prev.last_modified)
      ? { etag: prev.etag, lastModified: prev.last_modified }
      : undefined
  const fetched = await fetchAndSpool(o, url, conditional)
  const observation = { runId: o.runId, distributionIri: iri, at: o.ctx.now, url, inputsHash, finalUrl: fetched.finalUrl }
  if (fetched.notModified && prev) {
    await insertContentObservation(o.db, {
      ...observation,
      httpStatus: 304,
      contentType: prev.content_type,
      etag: prev.etag,
      lastModified: prev.last_modified,
      sha256: prev.sha256,
      bytes: prev.bytes,
      truncatedAtCap: prev.truncated_at_cap,
      notModified: true,
      errorCode: null,
    })
    const ran = await checkAndStore(o, {}, await historyOf(o.db, iri))
    await repeatColumnCheck(o.db, iri, o.ctx.now, o.runId)
    return { distributionIri: iri, kind: 'not-modified', errorCode: null, bytes: 0, truncated: prev.truncated_at_cap, results: ran }
  }
  const source = fetched.source
  if (!source) return recordFailure(o, observation, fetched.notModified ? { code: 'unexpected-304', status: 304 } : (fetched.failure ?? { code: 'content-error', status: null }))
  try {
    await insertContentObservation(o.db, {
      ...observation,
      httpStatus: source.httpStatus,
      contentType: source.contentType,
      etag: source.etag,
      lastModified: source.lastModified,
      sha256: source.sha256,
      bytes: source.bytes,
      truncatedAtCap: source.truncated,
      notModified: false,
      errorCode: null,
    })
    const content: ContentSource = source
    const ran = await checkAndStore(o, { content }, await historyOf(o.db, iri))
    if (o.columnRules) await checkColumnProfile({ db: o.db, distributionIri: iri, content, ran, at: o.ctx.now, runId: o.runId, rules: o.columnRules, budgets: budgetsWith(o.ctx.budgets) })
    return { distributionIri: iri, kind: 'downloaded', errorCode: null, bytes: source.bytes, truncated: source.truncated, results: ran }
  } finally {
    await source.dispose()
  }
}

/** What fetching the body came to: spooled, not modified, or a failure with its code. */
interface Fetched {
  source?: SpooledContent
  failure?: { code: string; status: number | null }
  notModified: boolean
  finalUrl: string | null
}

/** Fetches the body (one byte over the cap, so "exactly at the cap" and "over it" can be told apart) and spools it. Throws only a SpoolError. */
async function fetchAndSpool(o: CheckDistributionOptions, url: string, conditional: { etag: string | null; lastModified: string | null } | undefined): Promise<Fetched> {
  let finalUrl: string | null = null
  try {
    const fetched = await o.engine.fetchBody(url, { maxBytes: o.maxBytes + 1, conditional })
    finalUrl = fetched.finalUrl
    if (fetched.notModified) return { notModified: true, finalUrl }
    const source = await spoolContentSource({ ...fetched, truncatedAtCap: fetched.truncatedAtCap }, { maxBytes: o.maxBytes, tmpDir: o.tmpDir })
    return { source, notModified: false, finalUrl }
  } catch (err) {
    if (err instanceof SpoolError) throw err
    const failure = err instanceof FetchBodyError ? { code: err.probeCode ?? err.code, status: err.status } : { code: 'content-error', status: null }
    return { failure, notModified: false, finalUrl }
  }
}

/** Runs the checks on the distribution (with `extra`: its content, when there is one) and stores their results. */
async function checkAndStore(o: CheckDistributionOptions, extra: { content?: ContentSource }, history: Observation[], more: (ran: RanCheck[]) => Promise<NewCheckResult[]> = async () => []): Promise<RanCheck[]> {
  const distributions = o.dataset.distributions.map((d) => d.info)
  const target = { dataset: o.dataset.info, distribution: o.distribution.info, distributions, dataServices: o.dataset.dataServices, probe: o.probe, ...extra }
  const ran = await runChecks(target, o.checks, { ...o.ctx, history })
  const rows = resultRows(ran, { runId: o.runId, datasetIri: o.dataset.info.iri, distributionIri: o.distribution.info.iri, at: o.ctx.now })
  await insertCheckResults(o.db, [...rows, ...(await more(ran))])
  return ran
}

/** The distribution's earlier observations that got a body, newest first, for freshness. */
async function historyOf(db: Db, iri: string): Promise<Observation[]> {
  return (await contentObservationHistory(db, iri))
    .filter((h) => h.error_code === null)
    .map((h) => ({ at: new Date(h.at).toISOString(), etag: h.etag, lastModified: h.last_modified, sha256: h.sha256 }))
}

/**
 * No body: the observation records the code, the checks that need no body run, and the
 * content checks that had results before get a `skipped` one saying why, unless the code
 * means "could not tell" (then the earlier results stand).
 */
async function recordFailure(
  o: CheckDistributionOptions,
  observation: Omit<NewContentObservation, 'httpStatus' | 'contentType' | 'etag' | 'lastModified' | 'sha256' | 'bytes' | 'truncatedAtCap' | 'notModified' | 'errorCode'>,
  failure: { code: string; status: number | null },
): Promise<DistributionOutcome> {
  const iri = o.distribution.info.iri
  const code = failure.code
  await insertContentObservation(o.db, {
    ...observation,
    httpStatus: failure.status,
    contentType: null,
    etag: null,
    lastModified: null,
    sha256: null,
    bytes: null,
    truncatedAtCap: false,
    notModified: false,
    errorCode: code,
  })
  const skippedNow = async (ran: RanCheck[]): Promise<NewCheckResult[]> => {
    if (UNVERIFIED_CODES.has(code)) return []
    const ranIds = new Set(ran.map((r) => r.check.id))
    const rows: NewCheckResult[] = []
    for (const [checkId, last] of await latestCheckStatuses(o.db, iri)) {
      if (ranIds.has(checkId) || last.status === 'skipped' || last.dimension === 'availability') continue
      rows.push({ runId: o.runId, distributionIri: iri, datasetIri: o.dataset.info.iri, checkId, dimension: last.dimension, status: 'skipped', findings: [unavailableFinding(code)], at: o.ctx.now })
    }
    return rows
  }
  const ran = await checkAndStore(o, {}, await historyOf(o.db, iri), skippedNow)
  return { distributionIri: iri, kind: 'failed', errorCode: code, bytes: 0, truncated: false, results: ran }
}

/** The content could not be fetched: the check did not run. `fetchCode` is the fetch's error code. */
function unavailableFinding(fetchCode: string): StoredFinding {
  return { code: 'content-unavailable', severity: 'info', params: { fetchCode } }
}
