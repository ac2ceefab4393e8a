/**
 * The `datavakt` command. Each sub-command lives in `src/cli/<name>.ts` and exports
 * `run(args, lang): Promise<number>` returning the exit code: 0 ok, 1 a finding/failure,
 * 2 a usage or configuration error. A command's module is imported only when that
 * command runs (so `datavakt check` does not load the database driver); `--help`,
 * `--version` and the usage texts come from the message catalogue and load no command.
 *
 * `--lang sv|en` is accepted anywhere on the command line and taken out before the
 * command sees its arguments; DATAVAKT_LANG sets the default, else the configuration's
 * `lang`, else Swedish.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { telemetryWanted } from './cli/telemetry-wanted.js'
import { UsageError } from './cli/usage-error.js'
import { ConfigError } from './config/config-error.js'
import { demoHelpFigures } from './demo/demo-size.js'
import { t, type MessageKey } from './i18n/catalogue.js'
import { DatavaktError } from './i18n/datavakt-error.js'
import { defaultLang, envLang, parseLang, type Lang } from './i18n/lang.js'

type CommandModule = { run(args: string[], lang: Lang | undefined): Promise<number> }

const commands = {
  start: () => import('./cli/start.js'),
  migrate: () => import('./cli/migrate.js'),
  harvest: () => import('./cli/harvest.js'),
  check: () => import('./cli/check.js'),
  sweep: () => import('./cli/sweep.js'),
  worker: () => import('./cli/worker.js'),
  validate: () => import('./cli/validate.js'),
  demo: () => import('./cli/demo.js'),
  export: () => import('./cli/export.js'),
  import: () => import('./cli/import.js'),
} satisfies Record<string, () => Promise<CommandModule>>

type CommandName = keyof typeof commands

const isCommand = (name: string): name is CommandName => Object.prototype.hasOwnProperty.call(commands, name)

function usage(lang: Lang): string {
  const lines = [t(lang, 'cli.usage'), '', t(lang, 'cli.commands')]
  for (const name of Object.keys(commands) as CommandName[]) lines.push(`  ${name.padEnd(10)} ${t(lang, `cli.${name}.summary`, helpParams[name]?.())}`)
  return [...lines, '', t(lang, 'cli.global-options')].join('\n')
}

/** A command's synopsis, as shown at the top of its help and after a usage error. */
function commandUsage(name: CommandName, lang: Lang): string {
  return t(lang, `cli.${name}.usage`)
}

/** A command's help: its synopsis and what its options do. */
function commandHelp(name: CommandName, lang: Lang): string {
  return `${commandUsage(name, lang)}\n\n${t(lang, `cli.${name}.help` as MessageKey, helpParams[name]?.())}`
}

/** Params of help texts that state figures owned elsewhere (the demo's sizes come from its world model). */
const helpParams: Partial<Record<CommandName, () => Record<string, number | string>>> = {
  demo: () => demoHelpFigures(),
}

/** The version in package.json. */
export function version(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string }
      if (pkg.name === 'datavakt' && pkg.version) return pkg.version
    } catch {
      // not here; look one folder up
    }
    const up = dirname(dir)
    if (up === dir) return 'unknown'
    dir = up
  }
}

/** `--lang X` / `--lang=X` taken out of `argv`, wherever it stands. */
function takeLang(argv: string[]): { args: string[]; lang: Lang | undefined } {
  const args: string[] = []
  let lang: Lang | undefined
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--') {
      args.push(...argv.slice(i))
      break
    }
    const value = a === '--lang' ? argv[++i] : a.startsWith('--lang=') ? a.slice('--lang='.length) : null
    if (value === null) {
      args.push(a)
      continue
    }
    const parsed = parseLang(value)
    if (!parsed || parsed !== value.trim().toLowerCase()) throw new UsageError('cli.error.lang', { value: value ?? '' })
    lang = parsed
  }
  return { args, lang }
}

/**
 * The configuration's `lang`, for the words main() itself prints (help, usage and errors)
 * when neither --lang nor DATAVAKT_LANG chose one; undefined when there is no readable
 * configuration (its error is then the command's to report).
 */
async function langOfConfig(): Promise<Lang | undefined> {
  try {
    return (await import('./config/load-config.js')).loadConfig().lang
  } catch {
    return undefined
  }
}

/** Runs the command line `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let given: { args: string[]; lang: Lang | undefined }
  try {
    given = takeLang(argv)
  } catch (err) {
    console.error(`datavakt: ${(err as UsageError).describe(defaultLang())}`)
    return 2
  }
  const [name, ...rest] = given.args
  if (name === '--version' || name === '-V') {
    console.log(version())
    return 0
  }
  const chosen = given.lang ?? envLang()
  // Only what main() itself prints needs the configuration's lang: a command reads its configuration itself.
  const lang = async () => chosen ?? (await langOfConfig()) ?? defaultLang()
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    ;(name ? console.log : console.error)(usage(await lang()))
    return name ? 0 : 2
  }
  if (!isCommand(name)) {
    const l = await lang()
    console.error(`datavakt: ${t(l, 'cli.error.unknown-command', { name })}\n\n${usage(l)}`)
    return 2
  }
  const end = rest.indexOf('--')
  if ((end < 0 ? rest : rest.slice(0, end)).some((a) => a === '--help' || a === '-h')) {
    console.log(commandHelp(name, await lang()))
    return 0
  }
  let telemetry: { shutdown(): Promise<void> } | null = null
  try {
    // The OpenTelemetry SDK starts here and nowhere else (the rest records through the API).
    if (telemetryWanted(name)) telemetry = (await import('./cli/telemetry-sdk.js')).startTelemetry({ version: version() })
    const mod: CommandModule = await commands[name]()
    // The operator's language: --lang, else DATAVAKT_LANG; a command without either takes its configuration's `lang`.
    return await mod.run(rest, chosen)
  } catch (err) {
    return reportError(name, err, await lang())
  } finally {
    await telemetry?.shutdown()
  }
}

/** Prints what went wrong in `lang` and returns the exit code. */
function reportError(name: CommandName, err: unknown, lang: Lang): number {
  // A wrong command line or configuration file is the caller's to fix: exit code 2.
  if (err instanceof UsageError) {
    console.error(`datavakt ${name}: ${err.describe(lang)}\n\n${commandUsage(name, lang)}`)
    return 2
  }
  if (err instanceof ConfigError) {
    console.error(`datavakt ${name}: ${err.describe(lang)}`)
    return 2
  }
  if (err instanceof DatavaktError) {
    console.error(`datavakt ${name}: ${err.describe(lang)}`)
  } else {
    const e = err as Error
    console.error(`datavakt ${name}: ${t(lang, 'cli.error.failed')}: ${e.name && e.name !== 'Error' ? e.name + ': ' : ''}${e.message}`)
  }
  if (process.env.DATAVAKT_DEBUG) console.error((err as Error).stack)
  return 1
}
