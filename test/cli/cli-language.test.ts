import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { main } from '../../src/cli.js'
import { englishWords, looksEnglish, looksSwedish, swedishWords } from '../helpers/language.js'

/**
 * The command's own words, in the chosen language: help, usage errors and configuration
 * errors, with `--lang` before or after the sub-command and DATAVAKT_LANG as the default.
 * main() runs in this process; its output is what it writes to the console.
 */

let out: string[]
let err: string[]
const saved = { log: console.log, error: console.error, lang: process.env.DATAVAKT_LANG, config: process.env.DATAVAKT_CONFIG }

beforeEach(() => {
  out = []
  err = []
  console.log = (...a: unknown[]) => void out.push(a.join(' '))
  console.error = (...a: unknown[]) => void err.push(a.join(' '))
  delete process.env.DATAVAKT_LANG
  delete process.env.DATAVAKT_CONFIG
})
afterEach(() => {
  console.log = saved.log
  console.error = saved.error
  if (saved.lang === undefined) delete process.env.DATAVAKT_LANG
  else process.env.DATAVAKT_LANG = saved.lang
  if (saved.config === undefined) delete process.env.DATAVAKT_CONFIG
  else process.env.DATAVAKT_CONFIG = saved.config
})

async function datavakt(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const code = await main(argv)
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

/**
 * Our words only: flags, placeholders in capitals, paths, quoted values and the command
 * name are data to the language test.
 */
function words(text: string): string {
  return text
    .replace(/--?[\w-]+(=\S+)?/g, ' ')
    .replace(/\b[A-ZÅÄÖ][A-ZÅÄÖ_-]{1,}\b/g, ' ')
    .replace(/"[^"]*"/g, ' ')
    .replace(/\/\S+/g, ' ')
    .replace(/\bdatavakt( (start|migrate|harvest|check|sweep|worker|validate|demo)\b)?/g, ' ')
}

function expectEnglish(text: string) {
  expect(swedishWords(words(text)).filter((w) => !/^(Västra|Götaland)$/.test(w))).toEqual([])
  expect(looksEnglish(words(text))).toBe(true)
}
function expectSwedish(text: string) {
  expect(looksSwedish(words(text))).toBe(true)
  if (looksEnglish(words(text))) expect(englishWords(words(text))).toEqual([])
}

const commands = ['start', 'migrate', 'harvest', 'check', 'sweep', 'worker', 'validate', 'demo']

describe('the datavakt command speaks the chosen language', () => {
  it('prints the overall help and every command help in English with --lang en, before or after', async () => {
    const top = await datavakt('--help', '--lang', 'en')
    expect(top.code).toBe(0)
    expect(top.stdout).toMatch(/^Usage: datavakt <command>/)
    expectEnglish(top.stdout.replace(/Västra Götaland/g, ''))
    for (const name of commands) {
      out = []
      const first = await datavakt('--lang', 'en', name, '--help')
      out = []
      const after = await datavakt(name, '--help', '--lang=en')
      expect(first.code).toBe(0)
      expect(after.stdout).toBe(first.stdout)
      expect(after.stdout).toMatch(new RegExp(`^Usage: datavakt ${name}`))
      expectEnglish(after.stdout.replace(/Västra Götaland/g, ''))
    }
  })

  it('prints every help in Swedish by default, and in the language DATAVAKT_LANG names', async () => {
    for (const name of commands) {
      out = []
      const r = await datavakt(name, '-h')
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(new RegExp(`^Användning: datavakt ${name}`))
      expectSwedish(r.stdout)
    }
    process.env.DATAVAKT_LANG = 'en'
    out = []
    expect((await datavakt('check', '--help')).stdout).toMatch(/^Usage: datavakt check/)
    out = []
    expect((await datavakt('check', '--help', '--lang', 'sv')).stdout).toMatch(/^Användning: datavakt check/)
  })

  it('answers an unknown option with a short message in the language and the command usage, exit 2', async () => {
    const en = await datavakt('sweep', '--quite', '--lang', 'en')
    expect(en.code).toBe(2)
    expect(en.stdout).toBe('')
    expect(en.stderr).toBe('datavakt sweep: unknown option --quite\n\nUsage: datavakt sweep [--allow-private] [--quiet] [--per-host N] [--gap MS]')
    err = []
    const sv = await datavakt('sweep', '--quite')
    expect(sv.code).toBe(2)
    expect(sv.stderr).toBe('datavakt sweep: okänd flagga --quite\n\nAnvändning: datavakt sweep [--allow-private] [--quiet] [--per-host N] [--gap MS]')
    for (const [argv, en, sv] of [
      [['demo', '--port'], '--port needs a value', '--port behöver ett värde'],
      [['check', '--json=yes'], '--json takes no value', '--json tar inget värde'],
      [['migrate', 'now'], 'unexpected argument "now"', 'oväntat argument "now"'],
      [['demo', '--size', 'many'], '--size must be an integer from 1 to 1000000, not "many"', '--size ska vara ett heltal mellan 1 och 1000000, inte "many"'],
      [['demo', '--world-only', '--keep'], '--keep belongs to the full demo', '--keep hör till hela demot'],
    ] as const) {
      err = []
      const e = await datavakt(...argv, '--lang', 'en')
      expect(e.code).toBe(2)
      expect(e.stderr).toContain(en)
      expect(e.stderr).not.toMatch(/Unknown option|argument missing|positional/)
      expectEnglish(e.stderr.split('\n')[0]!)
      err = []
      const s = await datavakt(...argv)
      expect(s.code).toBe(2)
      expect(s.stderr).toContain(sv)
      expectSwedish(s.stderr.split('\n')[0]!)
    }
  })

  it('refuses an unknown --lang and an unknown command, exit 2', async () => {
    expect((await datavakt('check', '--lang', 'de')).code).toBe(2)
    expect(err.join('\n')).toContain('--lang ska vara sv eller en, inte "de"')
    err = []
    const r = await datavakt('--lang', 'en', 'chek')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^datavakt: unknown command "chek"\n\nUsage:/)
  })

  it('prints a configuration error with its JSON path in the chosen language, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dv-cli-lang-'))
    const file = join(dir, 'datavakt.config.json')
    writeFileSync(file, JSON.stringify({ http: { perHostConnections: 'two' }, schedule: { harvest: '61 * * * *' } }))
    process.env.DATAVAKT_CONFIG = file
    const en = await datavakt('harvest', '--lang', 'en')
    expect(en.code).toBe(2)
    expect(en.stderr).toContain(`Invalid configuration in ${file}:`)
    expect(en.stderr).toContain('/http/perHostConnections: must be an integer')
    expectEnglish(en.stderr)
    err = []
    const sv = await datavakt('harvest')
    expect(sv.code).toBe(2)
    expect(sv.stderr).toContain(`Ogiltig konfiguration i ${file}:`)
    expect(sv.stderr).toContain('/http/perHostConnections: ska vara ett heltal')
    expectSwedish(sv.stderr)
    // The schedule is judged once the types are right.
    writeFileSync(file, JSON.stringify({ schedule: { harvest: '61 * * * *' } }))
    err = []
    const cron = await datavakt('sweep', '--lang', 'en')
    expect(cron.code).toBe(2)
    expect(cron.stderr).toContain('/schedule/harvest: "61 * * * *" is not a valid cron pattern')
  })

  it("takes --lang first, then DATAVAKT_LANG, then the configuration's lang, for what a command says after reading it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dv-cli-lang-'))
    const file = join(dir, 'datavakt.config.json')
    writeFileSync(file, JSON.stringify({ lang: 'sv', dataDir: join(dir, 'data') }))
    process.env.DATAVAKT_CONFIG = file
    const said = async (...argv: string[]) => {
      err = []
      const r = await datavakt('harvest', ...argv)
      expect(r.code).toBe(2) // no catalogue source configured
      return r.stderr.split('\n')[0]!
    }
    expectSwedish(await said())
    process.env.DATAVAKT_LANG = 'en'
    expectEnglish(await said())
    expectSwedish(await said('--lang', 'sv'))
    delete process.env.DATAVAKT_LANG
    writeFileSync(file, JSON.stringify({ lang: 'en', dataDir: join(dir, 'data') }))
    expectEnglish(await said())
  })

  it('prints the version from package.json', async () => {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }
    expect(await datavakt('--version')).toEqual({ code: 0, stdout: pkg.version, stderr: '' })
  })
})
