import { mkdirSync, openSync, writeSync, closeSync, readFileSync, unlinkSync, constants } from 'node:fs'
import { join } from 'node:path'

/** Thrown when another live process already has the embedded database folder open. */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError'
}

/**
 * Takes an exclusive lock on a PGlite data folder by creating `datavakt.lock` with O_EXCL.
 * PGlite silently loses writes when two processes share a folder, so a second process is
 * refused with a message naming the holder. A lock left by a dead process is taken over.
 * Returns a release function (idempotent).
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, 'datavakt.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o644)
      writeSync(fd, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }))
      closeSync(fd)
      let released = false
      const release = () => {
        if (released) return
        released = true
        try {
          unlinkSync(path)
        } catch {
          /* already gone */
        }
      }
      process.once('exit', release)
      return release
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      let holder: { pid?: number; since?: string } = {}
      try {
        holder = JSON.parse(readFileSync(path, 'utf8'))
      } catch {
        /* half-written lock: treat as stale */
      }
      if (holder.pid && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new DataDirLockedError(
          `The embedded database in ${dir} is already in use by process ${holder.pid} (since ${holder.since}). ` +
            `PGlite cannot be shared between processes: stop that process, or set DATABASE_URL to use PostgreSQL ` +
            `for several processes.`,
        )
      }
      if (holder.pid === process.pid) {
        throw new DataDirLockedError(`The embedded database in ${dir} is already open in this process.`)
      }
      unlinkSync(path) // stale: its process is gone
    }
  }
  throw new DataDirLockedError(`Could not lock ${dir}`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
