import type { Config, SourceConfig } from '../config/config.js'
import type { Db } from '../db/database.js'
import { failHarvestRun, seedOrganisations, startHarvestRun, storeHarvest, syncCatalogueSources, type HarvestCounts } from '../db/harvest-store.js'
import { presetOrganisations, resolveSources } from '../config/presets/index.js'
import type { HarvestDeps } from './harvest-deps.js'
import { HarvestError } from './harvest-error.js'
import { readCkan } from './read-ckan.js'
import { readDcatCatalogue, type CatalogueReadResult } from './read-dcat-catalogue.js'
import { readEntryscape } from './read-entryscape.js'

/** The outcome of harvesting one source. */
export type HarvestResult =
  | { sourceId: string; runId: number; status: 'ok'; counts: HarvestCounts; datasets: number; distributions: number; warnings: number; elapsedMs: number }
  | {
      sourceId: string
      runId: number
      status: 'failed'
      error: string
      code: string
      position: string | null
      httpStatus: number | null
      elapsedMs: number
    }

/**
 * Reads one source with the reader its kind names, storing nothing: DCAT (RDF/XML, Turtle,
 * JSON-LD, with hydra paging and sub-catalogues), CKAN package_search, or EntryScape Solr
 * search + per-entry RDF. Throws HarvestError when the catalogue cannot be read.
 */
export async function readSource(source: Pick<SourceConfig, 'kind' | 'url' | 'publisher'>, deps: HarvestDeps): Promise<CatalogueReadResult> {
  switch (source.kind) {
    case 'dcat':
      return readDcatCatalogue(source.url, deps)
    case 'ckan':
      return readCkan(source.url, deps, source.publisher)
    case 'entryscape':
      return readEntryscape(source.url, deps, source.publisher)
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
  } catch (err) {
    const e =
      err instanceof HarvestError
        ? err
        : new HarvestError(`Harvest of ${source.url} failed: ${(err as Error).message}`, { code: 'fetch-failed', url: source.url, cause: err })
    await failHarvestRun(db, runId, {
      error: e.message,
      code: e.code,
      position: e.position,
      httpStatus: e.httpStatus,
      bytes: 0,
      documents: 0,
      warnings: [],
    })
    return {
      sourceId: source.id,
      runId,
      status: 'failed',
      error: e.message,
      code: e.code,
      position: e.position,
      httpStatus: e.httpStatus,
      elapsedMs: Date.now() - started,
    }
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
  await syncCatalogueSources(db, all)
  await seedOrganisations(db, presetOrganisations(config.preset))
  const sources = opts.only ? all.filter((s) => s.id === opts.only) : all
  const results: HarvestResult[] = []
  for (const s of sources) {
    // Stop between sources when asked (scheduler shutdown); a started source finishes.
    if (opts.signal?.aborted) break
    deps.onProgress?.(`${s.id}: ${s.kind} ${s.url}${s.publisher ? ` (publisher ${s.publisher})` : ''}`)
    const r = await harvestSource(db, s, deps)
    results.push(r)
    deps.onSourceDone?.(r, s)
  }
  return results
}
