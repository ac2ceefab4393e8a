import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { distIsFresh, root } from '../../bin/dist-is-fresh.js'

/** What one `datavakt` command did, measured from outside its process. */
export interface CommandRun {
  code: number | null
  stdout: string
  stderr: string
  elapsedMs: number
  /** The process's peak resident set (VmHWM), in MB: what it cost, not what a sampler saw. */
  peakRssMb: number
  /** CPU time (user + system) of the whole process, start-up included, in ms. */
  cpuMs: number
}

/**
 * Makes sure dist/ is built from the current sources, so that the benchmark measures the
 * `datavakt` a user runs (bin/datavakt.js runs dist/ when it is fresh). Builds when not.
 */
export function ensureBuilt(): void {
  if (distIsFresh()) return
  process.stderr.write('dist/ is older than the sources: npm run build ...\n')
  const r = spawnSync(process.execPath, [join(root, 'bin', 'build.js')], { stdio: 'inherit' })
  if (r.status !== 0) throw new Error('npm run build failed')
}

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const USER_HZ = 100

/**
 * Runs `node bin/datavakt.js ...args` with `env` added and measures its peak RSS and CPU
 * time: exactly, through GNU time (wait4's ru_maxrss, ru_utime, ru_stime) where
 * /usr/bin/time exists, else by reading VmHWM and utime + stime from /proc every 20 ms. stderr is passed through when `echo` is set; `nodeArgs` (such as
 * --cpu-prof) go to node before the script.
 */
export async function runDatavakt(
  args: string[],
  env: Record<string, string>,
  opts: { echo?: boolean; nodeArgs?: string[] } = {},
): Promise<CommandRun> {
  const started = performance.now()
  const command = [process.execPath, ...(opts.nodeArgs ?? []), join(root, 'bin', 'datavakt.js'), ...args]
  const timeDir = existsSync('/usr/bin/time') ? mkdtempSync(join(tmpdir(), 'datavakt-time-')) : null
  const timeFile = timeDir ? join(timeDir, 'maxrss') : null
  const [file, ...rest] = timeFile ? ['/usr/bin/time', '-o', timeFile, '-f', '%M %U %S', ...command] : command
  const child = spawn(file!, rest, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()))
  child.stderr.on('data', (b: Buffer) => {
    stderr += b.toString()
    if (opts.echo) process.stderr.write(b)
  })
  let peakKb = 0
  let cpuMs = 0
  const read = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))
      if (m) peakKb = Math.max(peakKb, Number(m[1]))
      // Fields 14 and 15 (utime, stime), counted after the command name's closing parenthesis.
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ
    } catch {
      // the process has just exited
    }
  }
  const timer = timeFile ? null : setInterval(read, 20)
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)))
  if (timer) clearInterval(timer)
  if (timeFile && timeDir) {
    // The last line: a command that failed has "Command exited with ..." before it.
    const [kb, user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number)
    peakKb = kb!
    cpuMs = (user! + system!) * 1000
    rmSync(timeDir, { recursive: true, force: true })
  }
  return { code, stdout, stderr, elapsedMs: performance.now() - started, peakRssMb: peakKb / 1024, cpuMs }
}
