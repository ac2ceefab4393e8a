/**
 * `datavakt check [--json] [--allow-private] [--urls-file FILE] [--lang en] [URL ...]`:
 * probes each URL once with the same engine and politeness as the sweeps, with no
 * database and no configuration (the built-in http defaults). Publishers use it before
 * they publish; the tests use it end to end.
 *
 * Exit code: 0 every URL ok (unverified counts as not failing), 1 any URL failing,
 * 2 a usage error (no URLs, unknown flag, unreadable --urls-file).
 */
import { readFile } from 'node:fs/promises'
import { defaultConfig } from '../config/config.js'
import { createFetchEngine } from '../fetch/create-fetch-engine.js'
import type { ProbeResult } from '../fetch/probe-types.js'
import { describeFinding } from '../i18n/catalogue.js'
import { parseCommandArgs } from './parse.js'
import { UsageError } from './usage-error.js'

/** One line for `datavakt --help`. */
export const summary = 'kontrollera att adresser går att hämta (utan databas)'

const help = `Användning: datavakt check [--json] [--allow-private] [--urls-file FIL] [--lang en] [URL ...]

Hämtar början av varje adress en gång, artigt (högst 2 anslutningar per värd),
och säger om filen går att ladda ner.

  --json            en JSON-rad per adress
  --allow-private   tillåt lokala och privata adresser (127.0.0.1, 10.x, ...)
  --urls-file FIL   läs adresser från FIL, en per rad (# inleder en kommentar)
  --lang en         engelska texter

Slutkod: 0 alla ok, 1 någon adress fungerar inte, 2 felaktigt anrop.`

/** Runs `datavakt check`; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    json: { type: 'boolean', default: false },
    'allow-private': { type: 'boolean', default: false },
    'urls-file': { type: 'string', multiple: true },
    lang: { type: 'string', default: 'sv' },
    help: { type: 'boolean', short: 'h', default: false },
  })
  if (values.help) {
    console.log(help)
    return 0
  }
  const lang = values.lang
  if (lang !== 'sv' && lang !== 'en') throw new UsageError(`--lang måste vara sv eller en, inte "${lang}"`)
  const urls = [...positionals]
  for (const file of values['urls-file'] ?? []) {
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (err) {
      throw new UsageError(`kan inte läsa --urls-file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
    }
    for (const line of text.split(/\r?\n/)) {
      const u = line.trim()
      if (u && !u.startsWith('#')) urls.push(u)
    }
  }
  if (urls.length === 0) throw new UsageError('inga adresser att kontrollera (ange URL:er eller --urls-file)')

  const engine = createFetchEngine(defaultConfig.http, { allowPrivateNetworks: values['allow-private'] })
  const showProgress = process.stderr.isTTY === true && urls.length > 10
  const results: (ProbeResult | undefined)[] = new Array(urls.length)
  let nextToPrint = 0
  let done = 0
  const out: string[] = []
  const flush = () => {
    // Print in input order as soon as the next one is known, so output is stable and streaming.
    while (nextToPrint < results.length && results[nextToPrint]) {
      const r = results[nextToPrint]!
      if (values.json) process.stdout.write(JSON.stringify(toJson(r, lang)) + '\n')
      else out.push(...tableRows(r, lang))
      nextToPrint++
    }
  }
  const progress = () => {
    if (showProgress) process.stderr.write(`\r${lang === 'sv' ? 'kontrollerat' : 'checked'} ${done}/${urls.length}`)
  }
  try {
    // The engine queues by host and caps global concurrency, so start everything at once.
    await Promise.all(
      urls.map(async (url, i) => {
        results[i] = await engine.probe(url)
        done++
        progress()
        flush()
      }),
    )
  } finally {
    await engine.close()
  }
  if (showProgress) process.stderr.write('\n')
  const all = results as ProbeResult[]
  if (!values.json) {
    const head = lang === 'sv' ? ['RESULTAT', 'KOD', 'STATUS', 'TID', 'ADRESS'] : ['RESULT', 'CODE', 'STATUS', 'TIME', 'URL']
    console.log(formatTable(head, out))
    const count = (o: string) => all.filter((r) => r.outcome === o).length
    console.log(
      lang === 'sv'
        ? `\n${all.length} adresser: ${count('ok')} ok, ${count('failing')} fungerar inte, ${count('unverified')} kunde inte avgöras.`
        : `\n${all.length} URLs: ${count('ok')} ok, ${count('failing')} failing, ${count('unverified')} could not be judged.`,
    )
  }
  return all.some((r) => r.outcome === 'failing') ? 1 : 0
}

/** One URL's line of --json: the probe's fields, its findings as data with their words in `lang`. */
function toJson(r: ProbeResult, lang: 'sv' | 'en') {
  return {
    url: r.url,
    outcome: r.outcome,
    code: r.code,
    httpStatus: r.httpStatus,
    finalUrl: r.finalUrl,
    redirects: r.redirects,
    elapsedMs: r.elapsedMs,
    contentType: r.contentType,
    contentLength: r.contentLength,
    bytesRead: r.bytesRead,
    etag: r.etag,
    lastModified: r.lastModified,
    tlsValidTo: r.tlsValidTo,
    tlsDaysLeft: r.tlsDaysLeft,
    retryAfterSeconds: r.retryAfterSeconds,
    redirectChain: r.redirectChain,
    findings: r.findings.map((f) => ({ ...f, message: describeFinding(f, lang).message })),
  }
}

const SEP = '\u0000'

function tableRows(r: ProbeResult, lang: 'sv' | 'en'): string[] {
  const word =
    r.outcome === 'ok' ? 'ok' : r.outcome === 'failing' ? (lang === 'sv' ? 'FEL' : 'FAILING') : lang === 'sv' ? 'oklart' : 'unverified'
  const rows = [[word, r.code, r.httpStatus === null ? '-' : String(r.httpStatus), `${r.elapsedMs} ms`, r.url].join(SEP)]
  for (const f of r.findings) rows.push(['', '', '', '', `  ↳ ${describeFinding(f, lang).message}`].join(SEP))
  if (r.redirects > 0 && r.finalUrl) rows.push(['', '', '', '', `  → ${r.finalUrl}`].join(SEP))
  return rows
}

function formatTable(head: string[], rows: string[]): string {
  const cells = [head, ...rows.map((r) => r.split(SEP))]
  const widths = head.map((_, i) => (i === head.length - 1 ? 0 : Math.max(...cells.filter((c) => c[0] !== '').map((c) => c[i].length))))
  return cells
    .map((c) => (c[0] === '' && c[1] === '' ? ' '.repeat(widths.slice(0, -1).reduce((a, w) => a + w + 2, 0)) + c[c.length - 1] : c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]))).join('  ')))
    .join('\n')
}
