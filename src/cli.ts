/**
 * The `datavakt` command. Each sub-command lives in `src/cli/<name>.ts` and exports
 * `run(args): Promise<number>` returning the exit code: 0 ok, 1 a finding/failure,
 * 2 a usage error. Modules are loaded lazily so `datavakt check` does not load the
 * database driver.
 */
import { UsageError } from './cli/usage-error.js'
import { ConfigError } from './config/load-config.js'

type CommandModule = { run(args: string[]): Promise<number>; summary: string }

const commands: Record<string, () => Promise<CommandModule>> = {
  start: () => import('./cli/start.js'),
  migrate: () => import('./cli/migrate.js'),
  harvest: () => import('./cli/harvest.js'),
  check: () => import('./cli/check.js'),
  sweep: () => import('./cli/sweep.js'),
  worker: () => import('./cli/worker.js'),
  validate: () => import('./cli/validate.js'),
  demo: () => import('./cli/demo.js'),
}

async function usage(): Promise<string> {
  const lines = ['Användning: datavakt <kommando> [flaggor]   (datavakt <kommando> --help för mer)', '', 'Kommandon:']
  for (const [name, load] of Object.entries(commands)) {
    const mod = await load()
    lines.push(`  ${name.padEnd(10)} ${mod.summary}`)
  }
  return lines.join('\n')
}

/** Runs the command line `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await usage())
    return name ? 0 : 2
  }
  const load = commands[name]
  if (!load) {
    console.error(`datavakt: okänt kommando "${name}"\n\n${await usage()}`)
    return 2
  }
  try {
    const mod = await load()
    return await mod.run(rest)
  } catch (err) {
    // A wrong command line or configuration file is the caller's to fix: exit code 2.
    if (err instanceof UsageError || err instanceof ConfigError) {
      console.error(`datavakt ${name}: ${err.message}`)
      return 2
    }
    const e = err as Error
    console.error(`datavakt ${name}: ${e.name && e.name !== 'Error' ? e.name + ': ' : ''}${e.message}`)
    if (process.env.DATAVAKT_DEBUG) console.error(e.stack)
    return 1
  }
}
