/**
 * `datavakt harvest [--source ID] [--json] [--allow-private]`: harvests the
 * configured catalogue sources (progress on stderr, a summary per source at the end).
 * `datavakt harvest --dry-run [--json] [--kind dcat|ckan|entryscape] [--publisher IRI]
 * [--allow-private] URL`: reads one catalogue, stores nothing, and prints how datavakt read
 * it (`--dry-run --source ID` does the same for a configured source). Exit codes: 0 all
 * ok, 1 a harvest failed, 2 a usage error.
 */
import { loadConfig } from '../config/load-config.js'
import { harvestAll, readSource, type HarvestResult } from '../harvest/harvest-source.js'
import { keepUpEmbedded } from '../db/embedded-upkeep.js'
import { HarvestError } from '../harvest/harvest-error.js'
import { modelToDryRunJson } from '../harvest/model.js'
import type { ChangeCounts } from '../db/harvest-store.js'
import { resolveSources } from '../config/presets/index.js'
import { commandEngine } from './command-engine.js'
import { openFromConfig } from './open-from-config.js'
import { parseCommandArgs } from './parse.js'
import { UsageError } from './usage-error.js'
import { t, type MessageKey } from '../i18n/catalogue.js'
import type { Lang } from '../i18n/lang.js'
import { describeHarvestError, describeHarvestProgress, describeHarvestWarning } from '../i18n/harvest-words.js'
import type { HarvestFailure } from '../domain/harvest-failure.js'

const KINDS = ['dcat', 'ckan', 'entryscape'] as const
type Kind = (typeof KINDS)[number]

/** Runs `datavakt harvest`. */
export async function run(args: string[], given?: Lang): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    source: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    kind: { type: 'string' },
    publisher: { type: 'string' },
    'allow-private': { type: 'boolean', default: false },
  })
  if (values.kind !== undefined && !KINDS.includes(values.kind as Kind)) throw new UsageError('cli.harvest.error.kind', { value: values.kind })

  if (values['dry-run']) {
    if (values.source !== undefined) {
      // A configured (or preset) source, read without storing.
      if (positionals.length || values.kind !== undefined || values.publisher !== undefined) {
        throw new UsageError('cli.harvest.error.dry-run-source')
      }
      const config = loadConfig()
      const source = resolveSources(config).find((s) => s.id === values.source)
      if (!source) throw new UsageError('cli.harvest.error.unknown-source', { id: values.source, known: resolveSources(config).map((s) => s.id) })
      return dryRun(source.url, source.kind, source.publisher, values.json, values['allow-private'], given)
    }
    if (positionals.length !== 1) throw new UsageError('cli.harvest.error.dry-run-url', { given: positionals.length })
    const url = positionals[0]
    if (!/^https?:\/\/[^/\s]+/i.test(url)) throw new UsageError('cli.harvest.error.not-http', { value: url })
    return dryRun(url, (values.kind as Kind | undefined) ?? 'dcat', values.publisher, values.json, values['allow-private'], given)
  }
  if (positionals.length) throw new UsageError('cli.harvest.error.url-without-dry-run', { value: positionals[0] })
  if (values.kind !== undefined || values.publisher !== undefined) throw new UsageError('cli.harvest.error.kind-without-dry-run')

  // The sources are checked before the database is opened (or, embedded, created).
  const loaded = loadConfig()
  const sources = resolveSources(loaded)
  if (sources.length === 0) throw new UsageError('cli.harvest.error.no-sources')
  if (values.source !== undefined && !sources.some((s) => s.id === values.source)) {
    throw new UsageError('cli.harvest.error.unknown-source', { id: values.source, known: sources.map((s) => s.id) })
  }
  const { config, database } = await openFromConfig({ config: loaded })
  const lang = given ?? config.lang
  try {
    const engine = commandEngine(config, values['allow-private'])
    let results: HarvestResult[]
    try {
      results = await harvestAll(
        database.db,
        config,
        {
          fetchDocument: engine.fetchDocument.bind(engine),
          harvest: config.harvest,
          onProgress: (p) => process.stderr.write(`  ${describeHarvestProgress(p, lang)}\n`),
          onSourceDone: (r) => process.stderr.write(`${r.sourceId}: ${r.status === 'ok' ? 'ok' : `${t(lang, 'cli.harvest.failed')}: ${describeHarvestError(r.failure, lang)}`}\n`),
        },
        { only: values.source },
      )
    } finally {
      await engine.close()
    }
    // As after a scheduled harvest: fresh statistics on the embedded database.
    await keepUpEmbedded(database.db, database.kind)
    if (values.json) {
      console.log(JSON.stringify(results, null, 2))
    } else {
      for (const r of results) console.log(formatResult(r, lang))
      console.log(t(lang, 'cli.harvest.total', { n: results.filter((r) => r.status === 'ok').length, failed: results.filter((r) => r.status === 'failed').length }))
    }
    return results.some((r) => r.status === 'failed') ? 1 : 0
  } finally {
    await database.close()
  }
}

function formatResult(r: HarvestResult, lang: Lang): string {
  const secs = (r.elapsedMs / 1000).toFixed(1)
  if (r.status === 'failed') return failedLine(lang, r.sourceId, r.failure, r.httpStatus)
  const counts = (label: MessageKey, c: ChangeCounts) => `  ${t(lang, label).padEnd(15)} ${t(lang, 'cli.harvest.counts', { ...c })}`
  return [
    `${r.sourceId}: ok (${secs} s)`,
    counts('cli.harvest.datasets', r.counts.datasets),
    counts('cli.harvest.distributions', r.counts.distributions),
    ...(r.counts.dataServices.added + r.counts.dataServices.unchanged + r.counts.dataServices.changed + r.counts.dataServices.withdrawn > 0
      ? [counts('cli.harvest.services', r.counts.dataServices)]
      : []),
    ...(r.warnings ? [`  ${t(lang, 'cli.harvest.warnings', { n: r.warnings })}`] : []),
  ].join('\n')
}

/** One failed harvest: source or command, reason code, HTTP status, and why (with where) in `lang`. */
function failedLine(lang: Lang, who: string, failure: HarvestFailure, httpStatus: number | null): string {
  const http = httpStatus !== null ? ` [HTTP ${httpStatus}]` : ''
  return `${who}: ${t(lang, 'cli.harvest.failed')} [${failure.code}]${http}: ${describeHarvestError(failure, lang)}`
}

async function dryRun(url: string, kind: Kind, publisher: string | undefined, asJson: boolean, allowPrivate: boolean, given?: Lang): Promise<number> {
  const config = loadConfig()
  const lang = given ?? config.lang
  const engine = commandEngine(config, allowPrivate)
  try {
    const read = await readSource({ kind, url, publisher }, {
      fetchDocument: engine.fetchDocument.bind(engine),
      harvest: config.harvest,
      onProgress: (p) => process.stderr.write(`  ${describeHarvestProgress(p, lang)}\n`),
    })
    const out = modelToDryRunJson(read.model)
    if (asJson) console.log(JSON.stringify(out, null, 2))
    else {
      const distributions = out.datasets.reduce((n, d) => n + d.distributions.length, 0)
      console.log(t(lang, 'cli.harvest.dry', { datasets: out.datasets.length, distributions, services: out.dataServices.length, warnings: out.warnings.length }))
      for (const w of read.model.warnings.slice(0, 50)) console.log(`  ${describeHarvestWarning(w, lang)}`)
    }
    return 0
  } catch (err) {
    if (!(err instanceof HarvestError)) throw err
    console.error(failedLine(lang, 'datavakt harvest', err.failure, err.httpStatus))
    return 1
  } finally {
    await engine.close()
  }
}
