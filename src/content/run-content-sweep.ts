import type { Check, ResolvedSchema } from '../../checks/types.js'
import { checks as registeredChecks } from '../../checks/index.js'
import { createSchemaRegistry } from '../../checks/schema-registry.js'
import type { Config } from '../config/config.js'
import type { Db } from '../db/database.js'
import { observeCheckRun } from '../alerts/observe.js'
import { budgetsWith } from '../domain/budgets.js'
import { finishCheckRun, insertCheckResults, startCheckRun } from '../db/content-store.js'
import type { FetchEngine } from '../fetch/fetch-engine.js'
import { checkDistribution, type DistributionOutcome } from './check-distribution.js'
import { runServiceChecks } from './check-services.js'
import { loadContentTargets, type DatasetTarget, type DistributionTarget } from './load-targets.js'
import { resultRows } from './result-rows.js'
import { runChecks } from './run-checks.js'
import { removeStaleSpools } from './spool-content-source.js'

/** Progress of a content sweep, reported after each distribution. */
export interface ContentSweepProgress {
  done: number
  total: number
  distributionIri: string
  host: string | null
  kind: DistributionOutcome['kind']
}

/** What a content sweep did. */
export interface ContentSweepSummary {
  runId: number
  datasets: number
  distributions: number
  hosts: number
  /** Bodies downloaded and checked. */
  downloaded: number
  /** 304 Not Modified: not downloaded again, earlier results stand. */
  notModified: number
  /** No body could be had (see fetchErrors). */
  failed: number
  noUrl: number
  /** Bodies cut at content.maxBytes and checked up to there. */
  truncated: number
  bytes: number
  /** Check results stored (dataset-level ones included). */
  results: number
  byStatus: Record<'pass' | 'warn' | 'fail' | 'unverified' | 'skipped', number>
  /** How often each finding code was reported. */
  findings: Record<string, number>
  fetchErrors: Record<string, number>
  elapsedMs: number
}

/** What a content sweep needs. */
export interface ContentSweepOptions {
  db: Db
  engine: FetchEngine
  config: Config
  /** The moment results are stamped with and checks judge against (default: now). */
  now?: Date
  onProgress?: (p: ContentSweepProgress) => void
  /** The checks to run (default: every check registered in checks/index.ts). */
  checks?: readonly Check[]
  /** Schema lookup for conformance (default: the schema registry over config.content.schemasDir, the bundled specs and the conformsTo URL fetched through the engine). */
  resolveSchema?: (uri: string) => Promise<ResolvedSchema | null>
  /** Only these distributions (and their datasets' dataset-level checks). */
  distributionIris?: string[]
  /** Hosts worked on at the same time (default 32, fewer when globalConcurrency / perHostConnections is lower). Within a host, config.http.perHostConnections. */
  hostConcurrency?: number
  /** Where bodies are spooled (default: the OS temp folder). */
  tmpDir?: string
}

/**
 * Runs every applicable check on every live distribution (and every dataset-level check on
 * every live dataset, and the endpoint description of every data service) and stores the
 * results: the content-check job. Bodies are fetched
 * through the engine (guarded, polite), capped at config.content.maxBytes and spooled once
 * per distribution, so all checks read the same bytes and memory stays flat. Work is grouped
 * by host: several hosts at once, but never more than config.http.perHostConnections
 * requests to one host (the engine adds its gap and Retry-After slow-down on top).
 * Unchanged files are not downloaded again (conditional requests). One failing URL never
 * stops the sweep; a database failure does (the run is marked failed and the error rethrown).
 */
export async function runContentSweep(opts: ContentSweepOptions): Promise<ContentSweepSummary> {
  const { db, engine, config } = opts
  const started = performance.now()
  const now = opts.now ?? new Date()
  const checks = opts.checks ?? registeredChecks
  const ctx = {
    lang: config.lang,
    now,
    errorLimit: config.content.errorLimit,
    budgets: budgetsWith(config.content.budgets),
    resolveSchema: opts.resolveSchema ?? defaultResolver(engine, config),
  }
  const runId = await startCheckRun(db, 'content', now)
  const summary = emptySummary(runId)
  try {
    await removeStaleSpools({ tmpDir: opts.tmpDir })
    const targets = await loadContentTargets(db, { distributionIris: opts.distributionIris })
    summary.datasets = targets.datasets.length
    // Dataset-level checks (metadata, HVD): no body, no network of ours.
    for (const ds of targets.datasets) {
      const ran = await runChecks(
        { dataset: ds.info, dataServices: ds.dataServices, distributions: ds.distributions.map((d) => d.info), probesByUrl: targets.probesByUrl },
        checks,
        ctx,
      )
      await insertCheckResults(db, resultRows(ran, { runId, datasetIri: ds.info.iri, distributionIri: null, at: now }))
      for (const r of ran) count(summary, r.result.status, r.result.findings)
    }
    const byHost = groupByHost(targets.datasets)
    summary.distributions = [...byHost.values()].reduce((a, l) => a + l.length, 0)
    summary.hosts = [...byHost.keys()].filter((h) => h !== '').length
    const checkOne = (ds: DatasetTarget, dist: DistributionTarget) =>
      checkDistribution({
        db,
        engine,
        runId,
        dataset: ds,
        distribution: dist,
        checks,
        ctx,
        maxBytes: config.content.maxBytes,
        probe: targets.probeByDistribution.get(dist.info.iri),
        tmpDir: opts.tmpDir,
        columnRules: config.alerts,
      })
    let done = 0
    await workHosts(byHost, config.http, opts.hostConcurrency, checkOne, (dist, outcome) => {
      tally(summary, outcome)
      done++
      opts.onProgress?.({ done, total: summary.distributions, distributionIri: dist.info.iri, host: dist.host, kind: outcome.kind })
    })
    await observeCheckRun(db, runId, config.alerts)
    // Data services' endpoint descriptions, in a run of their own (src/content/check-services.ts).
    if (!opts.distributionIris) await runServiceChecks({ db, engine, now, maxBytes: config.content.maxBytes })
    summary.elapsedMs = Math.round(performance.now() - started)
    await finishCheckRun(db, runId, 'ok', flatSummary(summary))
    return summary
  } catch (err) {
    summary.elapsedMs = Math.round(performance.now() - started)
    await finishCheckRun(db, runId, 'failed', flatSummary(summary), (err as Error)?.message ?? String(err)).catch(() => {})
    throw err
  }
}

type HostItem = { ds: DatasetTarget; dist: DistributionTarget }

/** The distributions grouped by host ('' for those without a URL's host). */
function groupByHost(datasets: readonly DatasetTarget[]): Map<string, HostItem[]> {
  const byHost = new Map<string, HostItem[]>()
  for (const ds of datasets) {
    for (const dist of ds.distributions) {
      const key = dist.host ?? ''
      const list = byHost.get(key)
      if (list) list.push({ ds, dist })
      else byHost.set(key, [{ ds, dist }])
    }
  }
  return byHost
}

/**
 * Checks every host's distributions: several hosts at once (a host slowed down by
 * Retry-After must not hold up the others), bounded so that at most globalConcurrency
 * requests (and spool files) are in flight, and within a host never more than
 * perHostConnections at once. Busiest hosts first: a host is worked one polite request
 * after another, so the longest queues bound the sweep and should start at once.
 */
async function workHosts(
  byHost: Map<string, HostItem[]>,
  http: Config['http'],
  hostConcurrency: number | undefined,
  checkOne: (ds: DatasetTarget, dist: DistributionTarget) => Promise<DistributionOutcome>,
  onDone: (dist: DistributionTarget, outcome: DistributionOutcome) => void,
): Promise<void> {
  const perHost = Math.max(1, http.perHostConnections)
  const workHost = async (host: string, items: HostItem[]) => {
    let next = 0
    // No URL means no network: those need no politeness, but one lane is plenty.
    const lanes = host === '' ? 1 : Math.min(perHost, items.length)
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (next < items.length) {
          const { ds, dist } = items[next++]!
          onDone(dist, await checkOne(ds, dist))
        }
      }),
    )
  }
  const hosts = [...byHost.entries()].sort((a, b) => b[1].length - a[1].length)
  let nextHost = 0
  const defaultLanes = Math.max(1, Math.min(32, Math.floor(http.globalConcurrency / perHost)))
  const hostLanes = Math.max(1, Math.min(hostConcurrency ?? defaultLanes, hosts.length))
  await Promise.all(
    Array.from({ length: hostLanes }, async () => {
      while (nextHost < hosts.length) {
        const [host, items] = hosts[nextHost++]!
        await workHost(host, items)
      }
    }),
  )
}

function emptySummary(runId: number): ContentSweepSummary {
  return {
    runId,
    datasets: 0,
    distributions: 0,
    hosts: 0,
    downloaded: 0,
    notModified: 0,
    failed: 0,
    noUrl: 0,
    truncated: 0,
    bytes: 0,
    results: 0,
    byStatus: { pass: 0, warn: 0, fail: 0, unverified: 0, skipped: 0 },
    findings: {},
    fetchErrors: {},
    elapsedMs: 0,
  }
}

/** Counts one stored result. */
function count(summary: ContentSweepSummary, status: keyof ContentSweepSummary['byStatus'], findings: readonly { code: string }[]): void {
  summary.results++
  summary.byStatus[status]++
  for (const f of findings) summary.findings[f.code] = (summary.findings[f.code] ?? 0) + 1
}

/** Counts what happened to one distribution, and its results. */
function tally(summary: ContentSweepSummary, o: DistributionOutcome): void {
  if (o.kind === 'downloaded') summary.downloaded++
  else if (o.kind === 'not-modified') summary.notModified++
  else if (o.kind === 'no-url') summary.noUrl++
  else {
    summary.failed++
    const code = o.errorCode ?? 'content-error'
    summary.fetchErrors[code] = (summary.fetchErrors[code] ?? 0) + 1
  }
  if (o.truncated && o.kind === 'downloaded') summary.truncated++
  summary.bytes += o.bytes
  for (const r of o.results) count(summary, r.result.status, r.result.findings)
}

/** The schema registry: operator folder, bundled specs, then the conformsTo URL through the engine. */
function defaultResolver(engine: FetchEngine, config: Config): (uri: string) => Promise<ResolvedSchema | null> {
  const registry = createSchemaRegistry({
    operatorDir: config.content.schemasDir,
    fetchDocument: (url, o) => engine.fetchDocument(url, o),
    maxBytes: budgetsWith(config.content.budgets).schemaBytes,
  })
  return (uri) => registry.resolveSchema(uri)
}

function flatSummary(s: ContentSweepSummary): Record<string, number> {
  const { byStatus, findings: _f, fetchErrors: _e, ...rest } = s
  return { ...rest, ...Object.fromEntries(Object.entries(byStatus).map(([k, v]) => [`status_${k}`, v])) }
}
