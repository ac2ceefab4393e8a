import { parseCommandArgs } from './parse.js'
import { UsageError } from './usage-error.js'
import type { DemoOptions } from './demo-pipeline.js'

/** The full demo: runs the pipeline, prints the dashboard URL on a line of its own, serves until Ctrl-C. */
async function runFullDemo(opts: DemoOptions): Promise<number> {
  const { runDemo } = await import('./demo-pipeline.js')
  const started = performance.now()
  const run = await runDemo(opts)
  const secs = ((performance.now() - started) / 1000).toFixed(1)
  if (!run.url) {
    console.log(`Klart på ${secs} s.`)
    await run.close()
    return 0
  }
  console.log(`\nKlart på ${secs} s. Översikten finns på:`)
  console.log(run.url)
  console.log('(Ctrl-C avslutar; all trafik stannade på loopback.)')
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
  await run.close()
  return 0
}

export const summary = 'startar den simulerade regionen (Västra Götaland) och visar datavakt i arbete'

const help = `Användning: datavakt demo [--port N] [--days N] [--seed N] [--size N] [--hosts N] [--lang en] [--no-serve]
       datavakt demo --world-only [--seed N] [--size N] [--hosts N] [--day N] [--epoch DATUM] [--port N] [--truth FIL [--truth-days N]]

Utan --world-only gör demot hela jobbet utan förberedelser: startar en simulerad region
(Västra Götalands 49 kommuner och regionen, med verklighetens fel) på loopback, skördar
dess kataloger, kontrollerar tillgänglighet och innehåll för varje simulerad dag, räknar
poäng och visar översikten i webbläsaren. Ingen PostgreSQL och inget nätverk behövs.

  --port N       webbserverns port (standard 8080; 0 = valfri ledig)
  --days N       antal simulerade dagar (standard 3, så att "trasig efter 24 timmar" syns)
  --seed N       frö för generatorn (standard 1); samma frö ger samma värld
  --size N       antal distributioner (standard 2000)
  --hosts N      antal filvärdar (standard 60, högst 10000)
  --lang en      engelska texter i stället för svenska
  --no-serve     avsluta efter kontrollerna i stället för att visa översikten

  --world-only   starta bara den simulerade regionen (katalogerna, specifikationerna och
                 filvärdarna på 127.0.x.y) och servera den tills du trycker Ctrl-C
  --day N        simulerad dag att starta på (standard 0)
  --epoch DATUM  kalenderdatum för dag 0, ÅÅÅÅ-MM-DD (standard 2026-01-01)
  --port N       med --world-only: porten alla världens värdar lyssnar på
                 (standard: en ledig port); samma som --world-port
  --truth FIL    skriv facit (ground truth, JSON Lines) för dagen till FIL
  --truth-days N ta med N dagar i facit, från startdagen (standard 1)`

function intFlag(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} måste vara ett heltal mellan ${min} och ${max}`)
  return n
}

/**
 * `datavakt demo`. For now only `--world-only`: starts the simulated region, prints its
 * catalogue URLs and hosts, and serves until Ctrl-C (SIGINT/SIGTERM). The full demo
 * (harvest, checks, dashboard) is wired on top of `startWorld` later. Refuses unknown
 * flags and out-of-range numbers (exit 2).
 */
export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      'world-only': { type: 'boolean' },
      seed: { type: 'string' },
      size: { type: 'string' },
      hosts: { type: 'string' },
      day: { type: 'string' },
      port: { type: 'string' },
      'world-port': { type: 'string' },
      epoch: { type: 'string' },
      truth: { type: 'string' },
      'truth-days': { type: 'string' },
      days: { type: 'string' },
      lang: { type: 'string' },
      'no-serve': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  )
  if (values.help) {
    console.log(help)
    return 0
  }
  if (!values['world-only']) {
    if (values.day || values.epoch || values.truth || values['truth-days'] || values['world-port'])
      throw new UsageError('--day, --epoch, --truth, --truth-days och --world-port hör till --world-only')
    if (values.lang !== undefined && values.lang !== 'sv' && values.lang !== 'en') throw new UsageError('--lang måste vara sv eller en')
    return runFullDemo({
      seed: intFlag(values.seed, 'seed', 0, 2 ** 32 - 1) ?? 1,
      distributions: intFlag(values.size, 'size', 1, 1_000_000) ?? 2000,
      hosts: intFlag(values.hosts, 'hosts', 1, 10_000),
      days: intFlag(values.days, 'days', 1, 366) ?? 3,
      port: intFlag(values.port, 'port', 0, 65_535) ?? 8080,
      lang: values.lang === 'en' ? 'en' : 'sv',
      serve: !values['no-serve'],
      log: (line) => console.log(line),
    })
  }
  if (values.days || values.lang || values['no-serve']) throw new UsageError('--days, --lang och --no-serve hör till hela demot, inte --world-only')
  const seed = intFlag(values.seed, 'seed', 0, 2 ** 32 - 1) ?? 1
  const distributions = intFlag(values.size, 'size', 1, 1_000_000) ?? 2000
  const hosts = intFlag(values.hosts, 'hosts', 1, 10_000)
  const day = intFlag(values.day, 'day', 0, 10_000) ?? 0
  const port = intFlag(values['world-port'] ?? values.port, values['world-port'] ? 'world-port' : 'port', 1, 65_535)
  const truthDays = intFlag(values['truth-days'], 'truth-days', 1, 3650) ?? 1
  const epoch = values.epoch
  if (epoch !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(epoch)) throw new UsageError('--epoch måste vara ett datum ÅÅÅÅ-MM-DD')

  const { startWorld } = await import('../demo/start-world.js')
  const started = performance.now()
  const world = await startWorld({ seed, distributions, hosts, day, port, epoch })
  const ms = Math.round(performance.now() - started)
  console.log(`Den simulerade regionen är igång (frö ${seed}, dag ${day}, ${world.distributionCount} distributioner i ${world.datasetCount} datamängder, start ${ms} ms).`)
  console.log(`Index: ${world.indexUrl}`)
  console.log('\nKataloger (DCAT-AP-SE, RDF/XML):')
  for (const c of world.catalogues) console.log(`  ${c.name.padEnd(28)} ${c.url}`)
  console.log('\nSpecifikationer (CSVW schema.json):')
  for (const s of world.specs) console.log(`  ${s.name.padEnd(32)} ${s.uri}`)

  const perHost = new Map<string, number>()
  for (const e of world.truth()) perHost.set(e.host, (perHost.get(e.host) ?? 0) + 1)
  console.log(`\nFilvärdar: ${world.hosts.length} som svarar, ${world.deadHosts.length} där ingen lyssnar (anslutning nekas).`)
  const lines = [...world.hosts, ...world.deadHosts].map((h) => `  ${h.padEnd(22)} ${perHost.get(h) ?? 0} distributioner${world.deadHosts.includes(h) ? ' (ingen lyssnar)' : ''}`)
  if (lines.length <= 100) for (const l of lines) console.log(l)
  else console.log(`${lines.slice(0, 10).join('\n')}\n  … och ${lines.length - 10} till`)

  if (values.truth) {
    const days = Array.from({ length: truthDays }, (_, i) => day + i)
    await world.writeGroundTruth(values.truth, days)
    console.log(`\nFacit för ${truthDays === 1 ? `dag ${day}` : `dag ${day}–${day + truthDays - 1}`} skrivet till ${values.truth}`)
  }
  console.log('\nAll trafik stannar på loopback (127.0.0.0/8). Tryck Ctrl-C för att avsluta.')

  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
  console.log(`\nStänger världen (${world.requestCount()} förfrågningar besvarade).`)
  await world.close()
  return 0
}
