import { execFile } from 'node:child_process'
import { join, resolve } from 'node:path'

/** The repository's root, and the `datavakt` command in it. */
export const root = resolve(import.meta.dirname, '../..')
export const bin = join(root, 'bin/datavakt.js')

/** What a finished command gave: its exit code (-1 when it ended without one: killed, timed out) and what it printed. */
export interface CommandResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs `cmd args` from the repository's root, with `env` over this process's environment (an undefined value leaves a variable out). */
export function runCommand(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, timeout = 60_000): Promise<CommandResult> {
  const merged = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined))
  return new Promise((done) => {
    execFile(cmd, args, { cwd: root, timeout, env: merged }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0
      done({ code, stdout, stderr })
    })
  })
}

/** Runs `datavakt args` (bin/datavakt.js) as a child process; as runCommand. */
export const runDatavakt = (args: string[], env: NodeJS.ProcessEnv = {}, timeout?: number): Promise<CommandResult> =>
  runCommand(process.execPath, [bin, ...args], env, timeout)

/** The objects of a `--json` output, one a line. */
export const jsonLines = (stdout: string): Record<string, unknown>[] =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
