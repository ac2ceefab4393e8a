/**
 * A `datavakt` command in a child process, for the fault tests: its output so far, a wait
 * for a line, its exit. Runs bin/datavakt.js (dist when fresh, else TypeScript via tsx)
 * with a config file of the test's own; only loopback addresses are used.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

export const root = join(import.meta.dirname, '../..')

const live = new Set<ChildProcess>()

/** Kills (SIGKILL, by pid) every child these helpers started that is still running: for afterAll, so a failed test leaves none behind. */
export function killStarted(): void {
  for (const c of live) c.kill('SIGKILL')
  live.clear()
}

export interface DatavaktProcess {
  child: ChildProcess
  out(): string
  /** Resolves with the first line matching `re` (rejects when the process exits first or after `ms`). */
  waitFor(re: RegExp, ms?: number): Promise<string>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** Runs `datavakt <args>` (or, with `wrap`, `<wrap...> node bin/datavakt.js <args>`). */
export function datavakt(args: string[], opts: { config: string; env?: NodeJS.ProcessEnv; wrap?: string[]; spawn?: SpawnOptions }): DatavaktProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, DATAVAKT_CONFIG: opts.config, DATAVAKT_LANG: 'en', ...opts.env }
  delete env.DATABASE_URL
  if (opts.env?.DATABASE_URL) env.DATABASE_URL = opts.env.DATABASE_URL
  const cmd = [...(opts.wrap ?? []), process.execPath, join(root, 'bin/datavakt.js'), ...args]
  const child = spawn(cmd[0]!, cmd.slice(1), { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], ...opts.spawn })
  live.add(child)
  child.once('exit', () => live.delete(child))
  let text = ''
  const listeners = new Set<() => void>()
  const take = (d: Buffer) => {
    text += d.toString()
    for (const l of listeners) l()
  }
  child.stdout!.on('data', take)
  child.stderr!.on('data', take)
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  return {
    child,
    out: () => text,
    exited,
    waitFor(re, ms = 120_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = text.split('\n').find((l) => re.test(l))
          if (line === undefined) return
          done()
          resolve(line)
        }
        const timer = setTimeout(() => (done(), reject(new Error(`no line matching ${re} in ${ms} ms:\n${text}`))), ms)
        const onExit = () => (done(), reject(new Error(`exited before a line matching ${re}:\n${text}`)))
        const done = () => {
          clearTimeout(timer)
          listeners.delete(check)
          child.off('exit', onExit)
        }
        listeners.add(check)
        child.once('exit', onExit)
        check()
      })
    },
  }
}

/** SHA-256 over every file's path and bytes under `dir` (the lock file left out): "nothing changed". */
export function folderHash(dir: string, skip: (name: string) => boolean = (n) => n === 'datavakt.lock'): string {
  const hash = createHash('sha256')
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (skip(name)) continue
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else hash.update(p).update(readFileSync(p))
    }
  }
  walk(dir)
  return hash.digest('hex')
}

/** The port in "datavakt is running at http://host:port/" (a JSON log line: its `url`). */
export function portOf(line: string): number {
  const text = line.trimStart().startsWith('{') ? String((JSON.parse(line) as { url?: unknown }).url ?? '') : line
  return Number(/:(\d+)\/\s*$/.exec(text)?.[1])
}
