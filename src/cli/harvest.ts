/**
 * `datavakt harvest [--source ID] [--json] [--allow-private] [--lang en]`: harvests the
 * configured catalogue sources (progress on stderr, a summary per source at the end).
 * `datavakt harvest --dry-run [--json] [--kind dcat|ckan|entryscape] [--publisher IRI]
 * [--allow-private] URL`: reads one catalogue, stores nothing, and prints how datavakt read
 * it (`--dry-run --source ID` does the same for a configured source). Exit codes: 0 all
 * ok, 1 a harvest failed, 2 a usage error.
 */
import { loadConfig } from '../config/load-config.js'
import { createFetchEngine } from '../fetch/create-fetch-engine.js'
import { harvestAll, readSource, type HarvestResult } from '../harvest/harvest-source.js'
import { HarvestError } from '../harvest/harvest-error.js'
import { modelToDryRunJson } from '../harvest/model.js'
import type { ChangeCounts } from '../db/harvest-store.js'
import { resolveSources } from '../config/presets/index.js'
import { openFromConfig } from './open-from-config.js'
import { parseCommandArgs } from './parse.js'
import { UsageError } from './usage-error.js'

export const summary = 'läser katalogkällorna (DCAT, CKAN, EntryScape) in i databasen; --dry-run visar hur en katalog läses'

const help = `Användning:
  datavakt harvest [--source ID] [--json] [--allow-private] [--lang en]
  datavakt harvest --dry-run [--json] [--kind dcat|ckan|entryscape] [--publisher IRI] [--allow-private] URL
  datavakt harvest --dry-run [--json] [--allow-private] --source ID

  --source ID       skörda bara källan med detta id (med --dry-run: läs den utan att spara)
  --dry-run         läs katalogen på URL, spara inget, visa vad som lästes
  --json            skriv resultatet som JSON på stdout
  --kind KIND       katalogtyp för --dry-run: dcat (standard), ckan eller entryscape
  --publisher IRI   EntryScape/CKAN: bara denna utgivare
  --allow-private   tillåt lokala och privata adresser (127.0.0.1, 10.x, ...)
  --lang en         engelska utskrifter`

const KINDS = ['dcat', 'ckan', 'entryscape'] as const
type Kind = (typeof KINDS)[number]

const text = {
  sv: {
    none: 'Inga katalogkällor är konfigurerade (datavakt.config.json → "sources" eller "preset").',
    unknownSource: (id: string, known: string[]) => `okänd källa "${id}" (konfigurerade: ${known.join(', ') || 'inga'})`,
    ok: 'ok',
    failed: 'MISSLYCKADES',
    at: 'vid',
    datasets: 'datamängder',
    distributions: 'distributioner',
    services: 'datatjänster',
    counts: (c: ChangeCounts) =>
      `${c.added} nya, ${c.changed} ändrade, ${c.withdrawn} tillbakadragna, ${c.unchanged} oförändrade` +
      (c.restored ? `, ${c.restored} återkomna` : '') +
      (c.skipped ? `, ${c.skipped} hos annan källa` : ''),
    warnings: (n: number) => `${n} varningar (se harvest_runs.warnings eller --dry-run)`,
    total: (ok: number, failed: number) => `${ok} källor skördade, ${failed} misslyckades.`,
    dry: (d: number, x: number, s: number, w: number) => `${d} datamängder, ${x} distributioner, ${s} datatjänster, ${w} varningar. Använd --json för allt.`,
  },
  en: {
    none: 'No catalogue sources are configured (datavakt.config.json → "sources" or "preset").',
    unknownSource: (id: string, known: string[]) => `unknown source "${id}" (configured: ${known.join(', ') || 'none'})`,
    ok: 'ok',
    failed: 'FAILED',
    at: 'at',
    datasets: 'datasets',
    distributions: 'distributions',
    services: 'data services',
    counts: (c: ChangeCounts) =>
      `${c.added} added, ${c.changed} changed, ${c.withdrawn} withdrawn, ${c.unchanged} unchanged` +
      (c.restored ? `, ${c.restored} restored` : '') +
      (c.skipped ? `, ${c.skipped} held by another source` : ''),
    warnings: (n: number) => `${n} warnings (see harvest_runs.warnings or --dry-run)`,
    total: (ok: number, failed: number) => `${ok} sources harvested, ${failed} failed.`,
    dry: (d: number, x: number, s: number, w: number) => `${d} datasets, ${x} distributions, ${s} data services, ${w} warnings. Use --json for everything.`,
  },
}

/** Runs `datavakt harvest`. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    source: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    kind: { type: 'string' },
    publisher: { type: 'string' },
    'allow-private': { type: 'boolean', default: false },
    lang: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  })
  if (values.help) {
    console.log(help)
    return 0
  }
  if (values.lang !== undefined && values.lang !== 'sv' && values.lang !== 'en') throw new UsageError(`--lang must be sv or en, got "${values.lang}"`)
  if (values.kind !== undefined && !KINDS.includes(values.kind as Kind)) throw new UsageError(`--kind must be dcat, ckan or entryscape, got "${values.kind}"`)

  if (values['dry-run']) {
    if (values.source !== undefined) {
      // A configured (or preset) source, read without storing.
      if (positionals.length || values.kind !== undefined || values.publisher !== undefined) {
        throw new UsageError('--dry-run --source ID reads that source as configured: give no URL, --kind or --publisher')
      }
      const config = loadConfig()
      const source = resolveSources(config).find((s) => s.id === values.source)
      if (!source) throw new UsageError(text[(values.lang as 'sv' | 'en' | undefined) ?? config.lang].unknownSource(values.source, resolveSources(config).map((s) => s.id)))
      return dryRun(source.url, source.kind, source.publisher, values.json, values['allow-private'], values.lang as 'sv' | 'en' | undefined)
    }
    if (positionals.length !== 1) throw new UsageError(`--dry-run needs exactly one catalogue URL${positionals.length ? `, got ${positionals.length}` : ''}`)
    const url = positionals[0]
    if (!/^https?:\/\/[^/\s]+/i.test(url)) throw new UsageError(`not an http(s) URL: "${url}"`)
    return dryRun(url, (values.kind as Kind | undefined) ?? 'dcat', values.publisher, values.json, values['allow-private'], values.lang as 'sv' | 'en' | undefined)
  }
  if (positionals.length) throw new UsageError(`a URL is only read with --dry-run (got "${positionals[0]}")`)
  if (values.kind !== undefined || values.publisher !== undefined) throw new UsageError('--kind and --publisher belong to --dry-run; configured sources carry their own')

  const { config, database } = await openFromConfig()
  const t = text[(values.lang as 'sv' | 'en' | undefined) ?? config.lang]
  try {
    const sources = resolveSources(config)
    if (sources.length === 0) throw new UsageError(t.none)
    if (values.source !== undefined && !sources.some((s) => s.id === values.source)) {
      throw new UsageError(t.unknownSource(values.source, sources.map((s) => s.id)))
    }
    const engine = createFetchEngine(config.http, { allowPrivateNetworks: config.allowPrivateNetworks || values['allow-private'] })
    let results: HarvestResult[]
    try {
      results = await harvestAll(
        database.db,
        config,
        {
          fetchDocument: engine.fetchDocument.bind(engine),
          harvest: config.harvest,
          onProgress: (m) => process.stderr.write(`  ${m}\n`),
          onSourceDone: (r) => process.stderr.write(`${r.sourceId}: ${r.status === 'ok' ? t.ok : `${t.failed}: ${r.error}`}\n`),
        },
        { only: values.source },
      )
    } finally {
      await engine.close()
    }
    if (values.json) {
      console.log(JSON.stringify(results, null, 2))
    } else {
      for (const r of results) console.log(formatResult(r, t))
      console.log(t.total(results.filter((r) => r.status === 'ok').length, results.filter((r) => r.status === 'failed').length))
    }
    return results.some((r) => r.status === 'failed') ? 1 : 0
  } finally {
    await database.close()
  }
}

function formatResult(r: HarvestResult, t: (typeof text)['sv']): string {
  const secs = (r.elapsedMs / 1000).toFixed(1)
  if (r.status === 'failed') {
    const where = r.position ? ` (${t.at} ${r.position})` : ''
    const http = r.httpStatus !== null ? ` [HTTP ${r.httpStatus}]` : ''
    return `${r.sourceId}: ${t.failed} [${r.code}]${http}: ${r.error}${where}`
  }
  return [
    `${r.sourceId}: ${t.ok} (${secs} s)`,
    `  ${t.datasets.padEnd(15)} ${t.counts(r.counts.datasets)}`,
    `  ${t.distributions.padEnd(15)} ${t.counts(r.counts.distributions)}`,
    ...(r.counts.dataServices.added + r.counts.dataServices.unchanged + r.counts.dataServices.changed + r.counts.dataServices.withdrawn > 0
      ? [`  ${t.services.padEnd(15)} ${t.counts(r.counts.dataServices)}`]
      : []),
    ...(r.warnings ? [`  ${t.warnings(r.warnings)}`] : []),
  ].join('\n')
}

async function dryRun(url: string, kind: Kind, publisher: string | undefined, asJson: boolean, allowPrivate: boolean, lang?: 'sv' | 'en'): Promise<number> {
  const config = loadConfig()
  const t = text[lang ?? config.lang]
  const engine = createFetchEngine(config.http, { allowPrivateNetworks: config.allowPrivateNetworks || allowPrivate })
  try {
    const read = await readSource({ kind, url, publisher }, {
      fetchDocument: engine.fetchDocument.bind(engine),
      harvest: config.harvest,
      onProgress: (m) => process.stderr.write(`  ${m}\n`),
    })
    const out = modelToDryRunJson(read.model)
    if (asJson) console.log(JSON.stringify(out, null, 2))
    else {
      console.log(t.dry(out.datasets.length, out.datasets.reduce((n, d) => n + d.distributions.length, 0), out.dataServices.length, out.warnings.length))
      for (const w of out.warnings.slice(0, 50)) console.log(`  ${w.subject}: ${w.message}`)
    }
    return 0
  } catch (err) {
    if (!(err instanceof HarvestError)) throw err
    const where = err.position ? ` (${t.at} ${err.position})` : ''
    console.error(`datavakt harvest: ${t.failed} [${err.code}]${err.httpStatus !== null ? ` [HTTP ${err.httpStatus}]` : ''}: ${err.message}${where}`)
    return 1
  } finally {
    await engine.close()
  }
}
