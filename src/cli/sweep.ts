/**
 * `datavakt sweep [--allow-private] [--quiet] [--per-host N] [--gap MS]`: creates an availability sweep of every
 * non-withdrawn distribution and runs it now, in this process, with a progress bar on
 * stderr and a summary at the end (counts per outcome and code, newly broken, healed,
 * time, URLs/s). Other `datavakt worker` processes on the same PostgreSQL help with it.
 * `--per-host` and `--gap` override the configured politeness for this run.
 *
 * Exit code: 0 the sweep finished (broken files are results, not errors), 1 it was
 * interrupted (Ctrl-C: hosts in hand are released; `datavakt worker` can finish it),
 * 2 a usage error.
 */
import { defaultConfig } from '../config/config.js'
import { describeFinding, t } from '../i18n/catalogue.js'
import { errorText } from '../i18n/datavakt-error.js'
import { num } from '../i18n/format.js'
import { runSweep, type SweepProgress } from '../queue/run-sweep.js'
import type { SweepSummary } from '../db/sweep-summary.js'
import { commandEngine } from './command-engine.js'
import { openFromConfig } from './open-from-config.js'
import { parseCommandArgs } from './parse.js'
import { politenessOptions, withPolitenessFlags } from './politeness-flags.js'
import { stopOnSignal } from './stop-on-signal.js'
import type { Lang } from '../i18n/lang.js'

/** Runs `datavakt sweep`; returns the exit code. */
export async function run(args: string[], given?: Lang): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      'allow-private': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      ...politenessOptions,
    },
    false,
  )
  // A bad --per-host or --gap is refused before the database is opened.
  withPolitenessFlags(defaultConfig.http, values)
  const { config, database } = await openFromConfig()
  const lang = given ?? config.lang
  const http = withPolitenessFlags(config.http, values)
  const engine = commandEngine(config, values['allow-private'], http)
  const stop = stopOnSignal(() => process.stderr.write(`\n${t(lang, 'cli.sweep.stopping')}\n`))
  const bar = values.quiet ? undefined : progressBar(lang)
  try {
    const result = await runSweep({
      db: database.db,
      engine,
      config: { ...config, http },
      trigger: 'cli',
      signal: stop.signal,
      ...(bar ? { onProgress: bar } : {}),
      worker: { onError: (err, host) => process.stderr.write(`\n${host}: ${errorText(err, lang)}\n`) },
    })
    if (bar) process.stderr.write('\n')
    console.log(formatSweepSummary(result.summary, result.elapsedMs, lang))
    if (result.worker.leftLeased > 0) {
      process.stderr.write(`${t(lang, 'cli.worker.left-leased', { hosts: result.worker.leftLeased, seconds: config.availability.leaseSeconds })}\n`)
    }
    return result.summary.status === 'done' ? 0 : 1
  } finally {
    stop.release()
    await engine.close()
    await database.close()
  }
}

/** A one-line progress bar on stderr, redrawn in place on a terminal, every 10 % otherwise. */
function progressBar(lang: Lang): (p: SweepProgress) => void {
  const tty = process.stderr.isTTY === true
  let lastDecile = -1
  return (p) => {
    const share = p.urls === 0 ? 1 : Math.min(1, p.probed / p.urls)
    const rate = p.probed / Math.max(0.001, p.elapsedMs / 1000)
    const etaS = rate > 0 ? Math.round((p.urls - p.probed) / rate) : null
    const width = 30
    const filled = Math.round(share * width)
    const line =
      `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor(share * 100)}% ${p.probed}/${p.urls} ` +
      `${rate.toFixed(0)}/s` +
      (etaS !== null && p.probed < p.urls ? t(lang, 'cli.sweep.progress.eta', { duration: formatDuration(etaS * 1000) }) : '')
    if (tty) process.stderr.write(`\r${line}\x1b[K`)
    else {
      const decile = Math.floor(share * 10)
      if (decile !== lastDecile) {
        lastDecile = decile
        process.stderr.write(line + '\n')
      }
    }
  }
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`
}

/** The closing summary of a sweep, in the reader's language. */
function formatSweepSummary(s: SweepSummary, elapsedMs: number, lang: Lang): string {
  const rate = s.probed / Math.max(0.001, elapsedMs / 1000)
  const head = { done: s.status === 'done', sweepId: s.sweepId, probed: s.probed, urls: s.urls, hosts: s.hosts, duration: formatDuration(elapsedMs), rate }
  const lines = [t(lang, 'cli.sweep.result', head), '', t(lang, 'cli.sweep.result.outcome')]
  for (const o of ['ok', 'failing', 'unverified'] as const) {
    lines.push(`  ${t(lang, `cli.sweep.result.outcome.${o}`).padEnd(20)} ${num(lang, s.byOutcome[o] ?? 0, 0).padStart(8)}`)
  }
  lines.push('', t(lang, 'cli.sweep.result.by-code'))
  for (const [code, n] of Object.entries(s.byCode).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    lines.push(`  ${code.padEnd(20)} ${num(lang, n, 0).padStart(8)}  ${describeFinding({ code }, lang).message}`)
  }
  lines.push('', t(lang, 'cli.sweep.result.transitions', { newlyBroken: s.newlyBroken, healed: s.healed }))
  return lines.join('\n')
}
