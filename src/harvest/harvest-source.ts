import type { Config, SourceConfig } from '../config/config.js'
import type { Db } from '../db/database.js'
import { storeHarvest, type HarvestCounts } from '../db/harvest-store.js'
import { failHarvestRun, seedOrganisations, startHarvestRun, syncCatalogueSources } from '../db/harvest-runs.js'
import { interruptOrphanedRuns } from '../db/run-owner.js'
import { presetOrganisations, resolveSources } from '../config/presets/index.js'
import type { HarvestFailure } from '../domain/harvest-failure.js'
import type { HarvestDeps } from './harvest-deps.js'
import { HarvestDeadline } from './harvest-deadline.js'
import { guardAgainstDrop } from './drop-guard.js'
import { HarvestError } from './harvest-error.js'
import { readCkan } from './read-ckan.js'
import { readDcatCatalogue, type CatalogueReadResult } from './read-dcat-catalogue.js'
import { readEntryscape } from './read-entryscape.js'
import { countHarvest } from '../telemetry/instruments.js'
import { inSpan, markFailed, SPANS } from '../telemetry/spans.js'
import { hostOf } from '../domain/url-host.js'

/** The outcome of harvesting one source. */
export type HarvestResult =
  | { sourceId: string; runId: number; status: 'ok'; counts: HarvestCounts; datasets: number; distributions: number; warnings: number; elapsedMs: number }
  | { sourceId: string; runId: number; status: 'failed'; failure: HarvestFailure; httpStatus: number | null; elapsedMs: number }

/**
 * Reads one source with the reader its kind names, storing nothing: DCAT (RDF/XML, Turtle,
 * JSON-LD, with hydra paging and sub-catalogues), CKAN package_search, or EntryScape Solr
 * search + per-entry RDF. The whole read has harvest.deadlineMs (endless paging fails with
 * 'deadline'). Throws HarvestError when the catalogue cannot be read.
 */
export async function readSource(source: Pick<SourceConfig, 'kind' | 'url' | 'publisher'>, deps: HarvestDeps): Promise<CatalogueReadResult> {
  const bounded: HarvestDeps = { ...deps, deadline: new HarvestDeadline(deps.harvest.deadlineMs) }
  switch (source.kind) {
    case 'dcat':
      return readDcatCatalogue(source.url, bounded)
    case 'ckan':
      return readCkan(source.url, bounded, source.publisher)
    case 'entryscape':
      return readEntryscape(source.url, bounded, source.publisher)
  }
}

/**
 * Harvests one source into the database and records the run (the catalogue's health):
 * HTTP outcome, parse errors with their position, counts. A catalogue that cannot be
 * fetched, is not RDF, is cut off, too large or too slow gives a failed run and leaves the
 * previous harvest exactly as it was. Only database failures throw.
 */
export async function harvestSource(db: Db, source: SourceConfig, deps: HarvestDeps): Promise<HarvestResult> {
  const started = Date.now()
  await syncCatalogueSources(db, [source])
  const runId = await startHarvestRun(db, source.id)
  let read: CatalogueReadResult
  try {
    read = await readSource(source, deps)
    await guardAgainstDrop(db, source.id, runId, read.model, deps.harvest.maxDropShare, source.url)
  } catch (err) {
    const e = err instanceof HarvestError ? err : new HarvestError('unexpected', { url: source.url, detail: (err as Error)?.message ?? String(err) }, { cause: err })
    await failHarvestRun(db, runId, {
      datasets: e.reason === 'dataset-drop' ? read!.model.datasets.length : 0,
      failure: e.failure,
      httpStatus: e.httpStatus,
      bytes: 0,
      documents: 0,
      warnings: [],
    })
    return { sourceId: source.id, runId, status: 'failed', failure: e.failure, httpStatus: e.httpStatus, elapsedMs: Date.now() - started }
  }
  const counts = await storeHarvest(db, source, read.model, runId, {
    httpStatus: read.httpStatus,
    bytes: read.bytes,
    documents: read.documents,
    warnings: read.model.warnings,
  })
  return {
    sourceId: source.id,
    runId,
    status: 'ok',
    counts,
    datasets: read.model.datasets.length,
    distributions: read.model.datasets.reduce((n, d) => n + d.distributions.length, 0),
    warnings: read.model.warnings.length,
    elapsedMs: Date.now() - started,
  }
}

/**
 * Harvests every configured source (the preset's and `sources`; or only `only`), one after
 * the other so that sources on the same registry share its politeness budget. First syncs
 * catalogue_sources with the configuration and stores the preset's organisations. Returns
 * one result per source; a failed source does not stop the others. With `signal`, stops
 * before the next source once it aborts.
 */
export async function harvestAll(
  db: Db,
  config: Pick<Config, 'sources' | 'preset'>,
  deps: HarvestDeps & { onSourceDone?: (r: HarvestResult, source: SourceConfig) => void },
  opts: { only?: string; signal?: AbortSignal } = {},
): Promise<HarvestResult[]> {
  const all = resolveSources(config)
  // Runs a killed harvest left 'running' are closed as 'interrupted' before new ones start.
  await interruptOrphanedRuns(db)
  await syncCatalogueSources(db, all)
  await seedOrganisations(db, presetOrganisations(config.preset))
  const sources = opts.only ? all.filter((s) => s.id === opts.only) : all
  const results: HarvestResult[] = []
  for (const s of sources) {
    // Stop between sources when asked (scheduler shutdown); a started source finishes.
    if (opts.signal?.aborted) break
    deps.onProgress?.({ code: 'source', params: { id: s.id, kind: s.kind, url: s.url, publisher: s.publisher ?? null } })
    results.push(await tracedHarvest(db, s, deps))
  }
  return results
}

/** One source's harvest in a `datavakt.harvest` span (source, host, outcome, code: the failure's code), counted; its report inside the span. */
function tracedHarvest(db: Db, s: SourceConfig, deps: HarvestDeps & { onSourceDone?: (r: HarvestResult, source: SourceConfig) => void }): Promise<HarvestResult> {
  return inSpan(SPANS.harvest, { source: s.id, kind: s.kind, host: hostOf(s.url) ?? '' }, async (span) => {
    const r = await harvestSource(db, s, deps)
    countHarvest(r.status)
    if (r.status === 'ok') span.setAttributes({ outcome: 'ok', datasets: r.datasets, distributions: r.distributions })
    else {
      span.setAttributes({ outcome: 'failed', code: r.failure.code, ...(r.httpStatus === null ? {} : { 'http.response.status_code': r.httpStatus }) })
      markFailed(span, r.failure.code)
    }
    deps.onSourceDone?.(r, s)
    return r
  })
}
