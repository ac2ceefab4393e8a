/**
 * `datavakt check [--json] [--allow-private] [--urls-file FILE] [--expect FORMAT]
 * [--per-host N] [--gap MS] [--config FILE] [URL ...]`: probes each URL once with the same
 * engine and politeness as the sweeps, with no database (the built-in http defaults, or
 * the `http` section of --config FILE; --per-host and --gap override). Publishers use it
 * before they publish; the tests use it end to end.
 *
 * It shows the content type that came, and says when an address that looks like a data
 * file (`.csv`, `.json`, `.xlsx`, ...) gave a web page (`web-page-at-data-url`). With
 * `--expect FORMAT` a data file is expected at every address, so a web page there is
 * failing (`login-wall`, `landing-page`, `soft-404`).
 *
 * Exit code: 0 every URL ok (unverified counts as not failing), 1 any URL failing,
 * 2 a usage error (no URLs, unknown flag, unreadable --urls-file, a bad --expect,
 * --per-host or --gap, a bad --config file).
 */
import { readFile } from 'node:fs/promises'
import { resolveDeclaredFileType } from '../../checks/vocabularies/file-types.js'
import { defaultConfig, type HttpConfig } from '../config/config.js'
import { loadConfig } from '../config/load-config.js'
import { createFetchEngine } from '../fetch/create-fetch-engine.js'
import type { FetchEngine } from '../fetch/fetch-engine.js'
import type { ProbeResult } from '../fetch/probe-types.js'
import { describeFinding, t } from '../i18n/catalogue.js'
import { defaultLang, type Lang } from '../i18n/lang.js'
import { parseCommandArgs } from './parse.js'
import { politenessOptions, withPolitenessFlags } from './politeness-flags.js'
import { UsageError } from './usage-error.js'
import { hostOf } from '../domain/url-host.js'

function parse(args: string[]) {
  return parseCommandArgs(args, {
    json: { type: 'boolean', default: false },
    'allow-private': { type: 'boolean', default: false },
    'urls-file': { type: 'string', multiple: true },
    expect: { type: 'string' },
    config: { type: 'string' },
    ...politenessOptions,
  })
}

/** Runs `datavakt check`; returns the exit code. */
export async function run(args: string[], given?: Lang): Promise<number> {
  const { values, positionals } = parse(args)
  const lang = given ?? defaultLang()
  const expectData = expectsData(values.expect)
  const http = withPolitenessFlags(httpSection(values.config), values)
  const urls = [...positionals, ...(await readUrlFiles(values['urls-file'] ?? []))]
  if (urls.length === 0) throw new UsageError('cli.check.error.no-urls')

  const engine = createFetchEngine(http, { allowPrivateNetworks: values['allow-private'] })
  const showProgress = process.stderr.isTTY === true && urls.length > 10
  const tally = { ok: 0, failing: 0, unverified: 0, forbidden: false }
  const out: string[] = []
  const jsonLines = batchedWriter(process.stdout)
  let done = 0
  try {
    await probeInOrder(engine, urls, http.perHostConnections, expectData, {
      done: () => {
        if (showProgress) process.stderr.write(`\r${t(lang, 'cli.check.progress', { done: ++done, total: urls.length })}`)
      },
      print: (ready) => {
        for (const r of ready) {
          tally[r.outcome]++
          if (r.code === 'forbidden-target') tally.forbidden = true
          if (values.json) jsonLines.add(JSON.stringify(toJson(r, lang)) + '\n')
          else out.push(...tableRows(r, lang))
        }
      },
    })
  } finally {
    jsonLines.flush()
    await engine.close()
  }
  if (showProgress) process.stderr.write('\n')
  if (!values.json) printTable(out, tally, lang)
  // A loopback or private address refused on the command line: say how to allow it.
  if (!values['allow-private'] && tally.forbidden) console.error(t(lang, 'cli.check.hint.allow-private'))
  return tally.failing > 0 ? 1 : 0
}

/**
 * Probes every URL, at most `perHost` at a time per host (the engine's own limit: more
 * would only wait in its line), and prints the results in input order as soon as each
 * and all before it are known, so output is stable and streaming. A printed result is
 * let go. Starting a whole 20,000-URL list at once kept 20,000 waiting probes and every
 * result alive to the end, and the garbage collector busy.
 */
async function probeInOrder(
  engine: FetchEngine,
  urls: string[],
  perHost: number,
  expectData: boolean,
  on: { done(): void; print(ready: ProbeResult[]): void },
): Promise<void> {
  const waiting = new Map<number, ProbeResult>()
  let nextToPrint = 0
  const lane = async (line: number[]) => {
    for (let i = line.pop(); i !== undefined; i = line.pop()) {
      waiting.set(i, await engine.probe(urls[i]!, { expectData }))
      on.done()
      const ready: ProbeResult[] = []
      for (let r = waiting.get(nextToPrint); r; r = waiting.get(nextToPrint)) {
        waiting.delete(nextToPrint++)
        ready.push(r)
      }
      if (ready.length > 0) on.print(ready)
    }
  }
  const lines = [...byHost(urls).values()].map((l) => l.reverse())
  await Promise.all(lines.flatMap((line) => Array.from({ length: Math.min(perHost, line.length) }, () => lane(line))))
}

/** The URLs' indexes per host, in input order (addresses that are not URLs together: they fail at once). */
function byHost(urls: string[]): Map<string, number[]> {
  const hosts = new Map<string, number[]>()
  urls.forEach((url, i) => {
    // Addresses that are not URLs share the key '': their probes fail at once (invalid-url).
    const host = hostOf(url) ?? ''
    const line = hosts.get(host)
    if (line) line.push(i)
    else hosts.set(host, [i])
  })
  return hosts
}

/** --expect FORMAT: true when a data file is expected (any known format but HTML); a UsageError for an unknown one. */
function expectsData(value: string | undefined): boolean {
  if (value === undefined) return false
  const type = resolveDeclaredFileType(value)
  if (type === null) throw new UsageError('cli.check.error.expect', { value })
  return type !== 'HTML'
}

/** The `http` section: of --config FILE (a bad file is a ConfigError, exit 2), else the defaults. */
function httpSection(file: string | undefined): HttpConfig {
  return file === undefined ? defaultConfig.http : loadConfig({ DATAVAKT_CONFIG: file }, process.cwd(), '--config').http
}

/** The URLs of each --urls-file, one per line, # starting a comment. */
async function readUrlFiles(files: string[]): Promise<string[]> {
  const urls: string[] = []
  for (const file of files) {
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (err) {
      throw new UsageError('cli.check.error.urls-file', { path: file, reason: (err as NodeJS.ErrnoException).code ?? 'EIO' }, { cause: err })
    }
    for (const line of text.split(/\r?\n/)) {
      const u = line.trim()
      if (u && !u.startsWith('#')) urls.push(u)
    }
  }
  return urls
}

function printTable(rows: string[], n: { ok: number; failing: number; unverified: number }, lang: Lang): void {
  const head = t(lang, 'cli.check.head').split(' ')
  console.log(formatTable(head, rows))
  const total = n.ok + n.failing + n.unverified
  console.log(`\n${t(lang, 'cli.check.total', { total, ok: n.ok, failing: n.failing, unverified: n.unverified })}`)
}

/** One URL's line of --json: the probe's fields, its findings as data with their words in `lang`. */
function toJson(r: ProbeResult, lang: Lang) {
  return {
    url: r.url,
    outcome: r.outcome,
    code: r.code,
    httpStatus: r.httpStatus,
    finalUrl: r.finalUrl,
    redirects: r.redirects,
    elapsedMs: r.elapsedMs,
    contentType: r.contentType,
    webPage: r.webPage,
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

function tableRows(r: ProbeResult, lang: Lang): string[] {
  const word = t(lang, `cli.check.outcome.${r.outcome}`)
  // The media type alone: its parameters (charset) would not fit a column.
  const type = r.contentType?.split(';')[0]?.trim() || '-'
  const rows = [[word, r.code, r.httpStatus === null ? '-' : String(r.httpStatus), type, `${r.elapsedMs} ms`, r.url].join(SEP)]
  for (const f of r.findings) rows.push(['', '', '', '', '', `  ↳ ${describeFinding(f, lang).message}`].join(SEP))
  if (r.redirects > 0 && r.finalUrl) rows.push(['', '', '', '', '', `  → ${r.finalUrl}`].join(SEP))
  return rows
}

function formatTable(head: string[], rows: string[]): string {
  const cells = [head, ...rows.map((r) => r.split(SEP))]
  const widths = head.map((_, i) => (i === head.length - 1 ? 0 : Math.max(...cells.filter((c) => c[0] !== '').map((c) => c[i].length))))
  return cells
    .map((c) => (c[0] === '' && c[1] === '' ? ' '.repeat(widths.slice(0, -1).reduce((a, w) => a + w + 2, 0)) + c[c.length - 1] : c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]))).join('  ')))
    .join('\n')
}

/**
 * Lines for `out`, written together: at most every FLUSH_MS, or at once when FLUSH_BYTES
 * wait. A pipe or file stdout is synchronous, so one write per result was one system call
 * per URL (a sixth of `check --json`'s CPU on 20,000 URLs); results still stream, a tenth
 * of a second apart at the most. `flush()` writes what waits (call it at the end).
 */
function batchedWriter(out: NodeJS.WritableStream): { add(text: string): void; flush(): void } {
  const FLUSH_MS = 100
  const FLUSH_BYTES = 64 * 1024
  let waiting = ''
  let timer: NodeJS.Timeout | undefined
  const flush = () => {
    clearTimeout(timer)
    timer = undefined
    if (waiting) out.write(waiting)
    waiting = ''
  }
  return {
    add(text) {
      waiting += text
      if (waiting.length >= FLUSH_BYTES) flush()
      else timer ??= setTimeout(flush, FLUSH_MS)
    },
    flush,
  }
}
