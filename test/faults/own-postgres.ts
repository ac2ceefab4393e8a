/**
 * A PostgreSQL cluster of a fault test's own: initdb in a temporary folder, a free port on
 * 127.0.0.1 and a socket in that folder, so stopping and starting it never disturbs any
 * other test (nor the shared server on 5432). The binaries are those of the newest
 * /usr/lib/postgresql/<version>/bin; as root, they run as the user postgres (PostgreSQL
 * refuses to run as root). `ownPostgresAvailable` says whether this machine can.
 */
import { execFile, execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The bin folder of the newest installed PostgreSQL, or null. */
function binDir(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? join(root, versions[0], 'bin') : null
}

const asRoot = process.getuid?.() === 0
const bin = binDir()

/** The uid and gid of the user postgres, when this runs as root (null otherwise or when there is none). */
function postgresUser(): { uid: number; gid: number } | null {
  if (!asRoot) return null
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim())
    return { uid: id('-u'), gid: id('-g') }
  } catch {
    return null
  }
}

const pgUser = postgresUser()

/** Whether a cluster of our own can be made here. */
export const ownPostgresAvailable = bin !== null && (!asRoot || pgUser !== null)

/** A running cluster of our own. */
export interface OwnPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string
  /** Stops it the way an operator's `systemctl restart` does (fast: sessions are ended at once), waits `downMs`, starts it again. */
  restart(downMs: number): Promise<void>
  /** Stops it (immediate) and removes its folder. */
  destroy(): Promise<void>
}

/** Runs a PostgreSQL binary (as postgres when root). */
async function pg(cmd: string, args: string[]): Promise<void> {
  const file = join(bin!, cmd)
  if (asRoot) await run('runuser', ['-u', 'postgres', '--', file, ...args], { timeout: 120_000 })
  else await run(file, args, { timeout: 120_000 })
}

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Makes and starts a cluster of our own (fsync off: it is thrown away). */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  if (!ownPostgresAvailable) throw new Error('no PostgreSQL binaries (or no user postgres) to make a cluster with')
  const dir = mkdtempSync(join(tmpdir(), 'datavakt-pg-'))
  if (pgUser) chownSync(dir, pgUser.uid, pgUser.gid)
  const data = join(dir, 'data')
  const port = await freePort()
  await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--no-instructions'])
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=50`
  const start = () => pg('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '120', 'start'])
  const stop = (mode: 'fast' | 'immediate') => pg('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '120', 'stop'])
  await start()
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async restart(downMs) {
      await stop('fast')
      await new Promise((resolve) => setTimeout(resolve, downMs))
      await start()
    },
    async destroy() {
      await stop('immediate').catch(() => {})
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
