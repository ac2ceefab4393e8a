import { t } from '../i18n/catalogue.js'
import { defaultLang, type Lang } from '../i18n/lang.js'
import { DEMO_DISTRIBUTIONS } from '../demo/demo-size.js'
import { intFlag, parseCommandArgs } from './parse.js'
import { UsageError } from './usage-error.js'
import { untilStopSignal } from './stop-on-signal.js'
import type { DemoOptions } from './demo-pipeline.js'

/** The full demo: runs the pipeline, prints the dashboard URL on a line of its own, serves until Ctrl-C. */
async function runFullDemo(opts: DemoOptions): Promise<number> {
  const { runDemo } = await import('./demo-pipeline.js')
  const started = performance.now()
  const run = await runDemo(opts)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  if (!run.url) {
    console.log(t(opts.lang, 'demo.done', { seconds }))
    await run.close()
    return 0
  }
  console.log(`\n${t(opts.lang, 'demo.done-serving', { seconds })}`)
  console.log(run.url)
  console.log(t(opts.lang, 'demo.ctrl-c'))
  await untilStopSignal()
  await run.close()
  return 0
}

const options = {
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
  'no-serve': { type: 'boolean' },
  'data-dir': { type: 'string' },
  keep: { type: 'boolean' },
} as const

/**
 * `datavakt demo`: the full demo (world, harvest, checks, dashboard), or with
 * `--world-only` just the simulated region, served until Ctrl-C (SIGINT/SIGTERM). Refuses
 * unknown flags, flags of the other mode and out-of-range numbers (exit 2).
 */
export async function run(args: string[], given?: Lang): Promise<number> {
  const { values } = parseCommandArgs(args, options, false)
  const lang = given ?? defaultLang()
  const seed = intFlag(values.seed, 'seed', 0, 2 ** 32 - 1) ?? 1
  const distributions = intFlag(values.size, 'size', 1, 1_000_000) ?? DEMO_DISTRIBUTIONS
  const hosts = intFlag(values.hosts, 'hosts', 1, 10_000)
  if (!values['world-only']) {
    const worldOnly = ['day', 'epoch', 'truth', 'truth-days', 'world-port'] as const
    const wrong = worldOnly.find((k) => values[k] !== undefined)
    if (wrong) throw new UsageError('demo.error.world-only-flag', { option: `--${wrong}` })
    return runFullDemo({
      seed,
      distributions,
      hosts,
      days: intFlag(values.days, 'days', 1, 366) ?? 3,
      port: intFlag(values.port, 'port', 0, 65_535) ?? 8080,
      lang,
      serve: !values['no-serve'],
      dataDir: values['data-dir'] ?? (process.env.DATAVAKT_DATA_DIR || undefined),
      keep: values.keep === true,
      log: (line) => console.log(line),
    })
  }
  const fullOnly = ['days', 'no-serve', 'data-dir', 'keep'] as const
  const wrong = fullOnly.find((k) => values[k] !== undefined)
  if (wrong) throw new UsageError('demo.error.full-demo-flag', { option: `--${wrong}` })
  const day = intFlag(values.day, 'day', 0, 10_000) ?? 0
  const port = intFlag(values['world-port'] ?? values.port, values['world-port'] ? 'world-port' : 'port', 1, 65_535)
  const truthDays = intFlag(values['truth-days'], 'truth-days', 1, 3650) ?? 1
  const epoch = values.epoch
  if (epoch !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(epoch)) throw new UsageError('demo.error.epoch', { value: epoch })
  return runWorldOnly({ seed, distributions, hosts, day, port, epoch, truth: values.truth, truthDays }, lang)
}

interface WorldOnlyOptions {
  seed: number
  distributions: number
  hosts: number | undefined
  day: number
  port: number | undefined
  epoch: string | undefined
  truth: string | undefined
  truthDays: number
}

/** `demo --world-only`: starts the simulated region, says where everything is, serves until Ctrl-C. */
async function runWorldOnly(o: WorldOnlyOptions, lang: Lang): Promise<number> {
  const { startWorld } = await import('../demo/start-world.js')
  const started = performance.now()
  const world = await startWorld({ seed: o.seed, distributions: o.distributions, hosts: o.hosts, day: o.day, port: o.port, epoch: o.epoch })
  const ms = Math.round(performance.now() - started)
  const say = (key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) => console.log(t(lang, key, params))
  say('demo.world.running', { seed: o.seed, day: o.day, distributions: world.distributionCount, datasets: world.datasetCount, ms })
  say('demo.world.index', { url: world.indexUrl })
  console.log(`\n${t(lang, 'demo.world.catalogues')}`)
  for (const c of world.catalogues) console.log(`  ${c.name.padEnd(28)} ${c.url}`)
  console.log(`\n${t(lang, 'demo.world.specs')}`)
  for (const s of world.specs) console.log(`  ${s.name.padEnd(32)} ${s.uri}`)

  const perHost = new Map<string, number>()
  for (const e of world.truth()) perHost.set(e.host, (perHost.get(e.host) ?? 0) + 1)
  console.log(`\n${t(lang, 'demo.world.hosts', { live: world.hosts.length, dead: world.deadHosts.length })}`)
  const lines = [...world.hosts, ...world.deadHosts].map(
    (h) => `  ${h.padEnd(22)} ${t(lang, world.deadHosts.includes(h) ? 'demo.world.host-dead' : 'demo.world.host', { n: perHost.get(h) ?? 0 })}`,
  )
  if (lines.length <= 100) for (const l of lines) console.log(l)
  else console.log(`${lines.slice(0, 10).join('\n')}\n  ${t(lang, 'demo.world.more-hosts', { n: lines.length - 10 })}`)

  if (o.truth) {
    const days = Array.from({ length: o.truthDays }, (_, i) => o.day + i)
    await world.writeGroundTruth(o.truth, days)
    console.log(`\n${t(lang, 'demo.world.truth', { from: o.day, to: o.day + o.truthDays - 1, file: o.truth })}`)
  }
  console.log(`\n${t(lang, 'demo.world.loopback')}`)
  await untilStopSignal()
  console.log(`\n${t(lang, 'demo.world.closing', { requests: world.requestCount() })}`)
  await world.close()
  return 0
}
