/**
 * `datavakt sweep [--allow-private] [--quiet]`: creates an availability sweep of every
 * non-withdrawn distribution and runs it now, in this process, with a progress bar on
 * stderr and a summary at the end (counts per outcome and code, newly broken, healed,
 * time, URLs/s). Other `datavakt worker` processes on the same PostgreSQL help with it.
 *
 * Exit code: 0 the sweep finished (broken files are results, not errors), 1 it was
 * interrupted (Ctrl-C: hosts in hand are released; `datavakt worker` can finish it),
 * 2 a usage error.
 */
import { createFetchEngine } from '../fetch/create-fetch-engine.js'
import { describeFinding } from '../i18n/catalogue.js'
import { runSweep, type SweepProgress } from '../queue/run-sweep.js'
import type { SweepSummary } from '../db/availability-store.js'
import { openFromConfig } from './open-from-config.js'
import { parseCommandArgs } from './parse.js'

/** One line for `datavakt --help`. */
export const summary = 'kör ett tillgänglighetssvep nu, med förloppsindikator och sammanfattning'

const help = `Användning: datavakt sweep [--allow-private] [--quiet]

Kontrollerar nu att varje publicerad fil (distribution) går att hämta, värd för värd
och artigt, och sparar resultatet. Visar förloppet och en sammanfattning.

  --allow-private   tillåt lokala och privata adresser (demo och test)
  --quiet           ingen förloppsindikator

Slutkod: 0 svepet blev klart, 1 avbrutet, 2 felaktigt anrop.`

/** Runs `datavakt sweep`; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      'allow-private': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    false,
  )
  if (values.help) {
    console.log(help)
    return 0
  }
  const { config, database } = await openFromConfig()
  const lang = config.lang
  const engine = createFetchEngine(config.http, {
    allowPrivateNetworks: values['allow-private'] || config.allowPrivateNetworks,
  })
  const stop = new AbortController()
  const onSignal = () => {
    if (stop.signal.aborted) process.exit(130)
    process.stderr.write(lang === 'sv' ? '\nAvbryter: lämnar tillbaka påbörjade värdar ...\n' : '\nStopping: releasing hosts in hand ...\n')
    stop.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  const bar = values.quiet ? undefined : progressBar(lang)
  try {
    const result = await runSweep({
      db: database.db,
      engine,
      http: config.http,
      availability: config.availability,
      trigger: 'cli',
      signal: stop.signal,
      ...(bar ? { onProgress: bar } : {}),
      worker: { onError: (err, host) => process.stderr.write(`\n${host}: ${err.message}\n`) },
    })
    if (bar) process.stderr.write('\n')
    console.log(formatSweepSummary(result.summary, result.elapsedMs, lang))
    return result.summary.status === 'done' ? 0 : 1
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await engine.close()
    await database.close()
  }
}

/** A one-line progress bar on stderr, redrawn in place on a terminal, every 10 % otherwise. */
function progressBar(lang: 'sv' | 'en'): (p: SweepProgress) => void {
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
      (etaS !== null && p.probed < p.urls ? (lang === 'sv' ? ` kvar ~${formatDuration(etaS * 1000)}` : ` ETA ~${formatDuration(etaS * 1000)}`) : '')
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

/** The closing summary of a sweep, in Swedish or English. */
export function formatSweepSummary(s: SweepSummary, elapsedMs: number, lang: 'sv' | 'en'): string {
  const sv = lang === 'sv'
  const rate = s.probed / Math.max(0.001, elapsedMs / 1000)
  const fmt = (n: number) => n.toLocaleString(sv ? 'sv-SE' : 'en-GB')
  const lines = [
    sv
      ? `Svep ${s.sweepId} ${s.status === 'done' ? 'klart' : 'avbrutet'}: ${fmt(s.probed)} av ${fmt(s.urls)} adresser på ${fmt(s.hosts)} värdar på ${formatDuration(elapsedMs)} (${rate.toFixed(1)} adresser/s)`
      : `Sweep ${s.sweepId} ${s.status === 'done' ? 'done' : 'interrupted'}: ${fmt(s.probed)} of ${fmt(s.urls)} URLs on ${fmt(s.hosts)} hosts in ${formatDuration(elapsedMs)} (${rate.toFixed(1)} URLs/s)`,
    '',
    sv ? 'Utfall:' : 'Outcome:',
  ]
  const outcomeWord: Record<string, [string, string]> = {
    ok: ['fungerar', 'ok'],
    failing: ['fungerar inte', 'failing'],
    unverified: ['kunde inte avgöras', 'could not be judged'],
  }
  for (const o of ['ok', 'failing', 'unverified']) {
    lines.push(`  ${(sv ? outcomeWord[o]![0] : outcomeWord[o]![1]).padEnd(20)} ${fmt(s.byOutcome[o] ?? 0).padStart(8)}`)
  }
  lines.push('', sv ? 'Per kod:' : 'By code:')
  for (const [code, n] of Object.entries(s.byCode).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    lines.push(`  ${code.padEnd(20)} ${fmt(n).padStart(8)}  ${describeFinding({ code }, lang).message}`)
  }
  lines.push(
    '',
    sv
      ? `Nyss trasiga: ${fmt(s.newlyBroken)}   Lagade (fungerar igen): ${fmt(s.healed)}`
      : `Newly broken: ${fmt(s.newlyBroken)}   Healed: ${fmt(s.healed)}`,
  )
  return lines.join('\n')
}
