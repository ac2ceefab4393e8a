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
} from '../db/content-store.js'
import type { StoredFinding } from '../db/tables/content.js'
import { FetchBodyError, type FetchEngine } from '../fetch/fetch-engine.js'
import type { DatasetTarget, DistributionTarget } from './load-targets.js'
import { runChecks, type RanCheck } from './run-checks.js'
import { spoolContentSource } from './spool-content-source.js'

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
export async function checkDistribution(o: CheckDistributionOptions): Promise<DistributionOutcome> {
  const { db, dataset, distribution: dist, ctx } = o
  const iri = dist.info.iri
  const at = ctx.now
  const base = { dataset: dataset.info, distribution: dist.info, dataServices: dataset.dataServices, probe: o.probe }
  const toRows = (ran: RanCheck[]): NewCheckResult[] =>
    ran.map(({ check, result }) => ({
      runId: o.runId,
      distributionIri: iri,
      datasetIri: dataset.info.iri,
      checkId: check.id,
      dimension: check.dimension,
      status: result.status,
      findings: result.findings as StoredFinding[],
      metrics: result.metrics,
      facts: result.facts,
      at,
    }))
  const historyOf = async () =>
    (await contentObservationHistory(db, iri))
      .filter((h) => h.error_code === null)
      .map((h) => ({ at: new Date(h.at).toISOString(), etag: h.etag, lastModified: h.last_modified, sha256: h.sha256 }))

  if (!dist.url) {
    const ran = await runChecks(base, o.checks, { ...ctx, history: [] })
    await insertCheckResults(db, toRows(ran))
    return { distributionIri: iri, kind: 'no-url', errorCode: null, bytes: 0, truncated: false, results: ran }
  }

  const inputsHash = createHash('sha256')
    .update(JSON.stringify([o.checks.map((c) => c.id), dataset.recordHash, dist.recordHash, o.maxBytes]))
    .digest('hex')
  const prev = await latestContentObservation(db, iri)
  const conditional =
    prev && prev.inputs_hash === inputsHash && (prev.etag || prev.last_modified)
      ? { etag: prev.etag, lastModified: prev.last_modified }
      : undefined

  const observation = {
    runId: o.runId,
    distributionIri: iri,
    at,
    url: dist.url,
    inputsHash,
  }

  let source: Awaited<ReturnType<typeof spoolContentSource>> | undefined
  let failure: { code: string; status: number | null } | undefined
  let notModified = false
  let finalUrl: string | null = null
  try {
    // One byte over the cap, so "exactly at the cap" and "over it" can be told apart.
    const fetched = await o.engine.fetchBody(dist.url, { maxBytes: o.maxBytes + 1, conditional })
    finalUrl = fetched.finalUrl
    if (fetched.notModified) notModified = true
    else
      source = await spoolContentSource(
        { ...fetched, truncatedAtCap: fetched.truncatedAtCap },
        { maxBytes: o.maxBytes, tmpDir: o.tmpDir },
      )
  } catch (err) {
    if ((err as Error)?.name === 'SpoolError') throw err
    failure = err instanceof FetchBodyError ? { code: err.probeCode ?? err.code, status: err.status } : { code: 'content-error', status: null }
  }

  if (notModified && prev) {
    await insertContentObservation(db, {
      ...observation,
      finalUrl,
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
    const ran = await runChecks(base, o.checks, { ...ctx, history: await historyOf() })
    await insertCheckResults(db, toRows(ran))
    return { distributionIri: iri, kind: 'not-modified', errorCode: null, bytes: 0, truncated: prev.truncated_at_cap, results: ran }
  }
  if (notModified) failure = { code: 'unexpected-304', status: 304 }

  if (failure || !source) {
    const code = failure?.code ?? 'content-error'
    await insertContentObservation(db, {
      ...observation,
      finalUrl,
      httpStatus: failure?.status ?? null,
      contentType: null,
      etag: null,
      lastModified: null,
      sha256: null,
      bytes: null,
      truncatedAtCap: false,
      notModified: false,
      errorCode: code,
    })
    const ran = await runChecks(base, o.checks, { ...ctx, history: await historyOf() })
    const rows = toRows(ran)
    if (!UNVERIFIED_CODES.has(code)) {
      const ranIds = new Set(ran.map((r) => r.check.id))
      for (const [checkId, last] of await latestCheckStatuses(db, iri)) {
        if (ranIds.has(checkId) || last.status === 'skipped' || last.dimension === 'availability') continue
        rows.push({
          runId: o.runId,
          distributionIri: iri,
          datasetIri: dataset.info.iri,
          checkId,
          dimension: last.dimension,
          status: 'skipped',
          findings: [unavailableFinding(code, ctx.lang)],
          at,
        })
      }
    }
    await insertCheckResults(db, rows)
    return { distributionIri: iri, kind: 'failed', errorCode: code, bytes: 0, truncated: false, results: ran }
  }

  try {
    await insertContentObservation(db, {
      ...observation,
      finalUrl,
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
    const ran = await runChecks({ ...base, content }, o.checks, { ...ctx, history: await historyOf() })
    await insertCheckResults(db, toRows(ran))
    return { distributionIri: iri, kind: 'downloaded', errorCode: null, bytes: source.bytes, truncated: source.truncated, results: ran }
  } finally {
    await source.dispose()
  }
}

function unavailableFinding(code: string, lang: 'sv' | 'en'): StoredFinding {
  return lang === 'sv'
    ? { code: 'content-unavailable', severity: 'info', message: `Innehållet kunde inte hämtas (${code}); kontrollen kunde inte köras.` }
    : { code: 'content-unavailable', severity: 'info', message: `The content could not be fetched (${code}); the check could not run.` }
}
