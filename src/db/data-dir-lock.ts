import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { DatavaktError } from '../i18n/datavakt-error.js'

/** Thrown when the embedded database folder is held by a live process (or already by this one). */
export class DataDirLockedError extends DatavaktError {
  override name = 'DataDirLockedError'
}

/**
 * Who holds a lock: the process id plus what makes that id unique over time. A PID alone
 * is not enough: in a container datavakt is often PID 1, and after a crash the next start
 * is PID 1 again, so "is the PID alive" says yes to a dead holder. The start time of the
 * process (Linux: /proc/PID/stat, clock ticks since boot) and the boot id tell the old
 * PID 1 from the new one. Where /proc is missing they are null and the PID alone decides.
 */
export interface LockHolder {
  pid: number
  since: string
  startTime: string | null
  bootId: string | null
}

/** The folders this process holds (a second open in the same process is refused). */
const heldHere = new Set<string>()

/**
 * Takes an exclusive lock on a PGlite data folder: `datavakt.lock`, holding a `LockHolder`.
 * The file is written in full under a unique name and then hard-linked into place, which
 * fails if a lock exists, so a lock is never seen half-written. PGlite silently loses
 * writes when two processes share a folder, so a live holder is refused by name. A lock
 * whose holder is gone (no such PID, or the PID now belongs to another process: other
 * start time or boot) is stale and taken over. Returns a release function (idempotent).
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true })
  if (heldHere.has(dir)) throw new DataDirLockedError('db.data-dir-open-in-process', { dir })
  const path = join(dir, 'datavakt.lock')
  const me: LockHolder = { pid: process.pid, since: new Date().toISOString(), ...identityOf(process.pid) }
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, JSON.stringify(me))) {
      heldHere.add(dir)
      let released = false
      const release = () => {
        if (released) return
        released = true
        heldHere.delete(dir)
        process.removeListener('exit', release)
        try {
          if (readFileSync(path, 'utf8') === JSON.stringify(me)) unlinkSync(path)
        } catch {
          /* already gone */
        }
      }
      process.once('exit', release)
      return release
    }
    let text = ''
    try {
      text = readFileSync(path, 'utf8')
    } catch {
      continue // gone meanwhile: try again
    }
    const holder = parseHolder(text)
    if (holder && isHolderAlive(holder)) {
      if (holder.pid === process.pid) throw new DataDirLockedError('db.data-dir-open-in-process', { dir })
      throw new DataDirLockedError('db.data-dir-in-use', { dir, pid: holder.pid, since: holder.since })
    }
    removeStale(path, text)
  }
  throw new DataDirLockedError('db.data-dir-unlockable', { dir, file: path })
}

/** Creates `path` with `content` atomically (write a unique file, link it); false when it exists. */
function tryCreate(path: string, content: string): boolean {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`
  const fd = openSync(tmp, 'wx', 0o644)
  try {
    writeSync(fd, content)
  } finally {
    closeSync(fd)
  }
  try {
    linkSync(tmp, path)
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw err
  } finally {
    unlinkSync(tmp)
  }
}

/**
 * Removes a stale lock, but only the one judged stale: it is renamed away first (one
 * process wins the rename), and if what was renamed is not what was read (another process
 * took the lock meanwhile), it is put back.
 */
function removeStale(path: string, staleText: string): void {
  const grave = `${path}.stale.${process.pid}.${randomBytes(4).toString('hex')}`
  try {
    renameSync(path, grave)
  } catch {
    return // someone else moved it
  }
  try {
    if (readFileSync(grave, 'utf8') !== staleText) linkSync(grave, path)
  } catch {
    /* a new lock is already in place: ours loses the next round */
  } finally {
    unlinkSync(grave)
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const h = JSON.parse(text) as Partial<LockHolder>
    if (typeof h.pid !== 'number' || !Number.isInteger(h.pid) || h.pid <= 0) return null
    return { pid: h.pid, since: String(h.since ?? ''), startTime: h.startTime ?? null, bootId: h.bootId ?? null }
  } catch {
    return null // empty or garbage (a lock of an older datavakt cut short): stale
  }
}

/** Whether the process that wrote `holder` still runs: its PID is alive and is still the same process. */
function isHolderAlive(holder: LockHolder): boolean {
  if (!isAlive(holder.pid)) return false
  const now = identityOf(holder.pid)
  if (holder.bootId && now.bootId && holder.bootId !== now.bootId) return false
  if (holder.startTime && now.startTime && holder.startTime !== now.startTime) return false
  return true
}

/** The start time (clock ticks since boot) of `pid` and the boot id, where Linux tells them. */
function identityOf(pid: number): { startTime: string | null; bootId: string | null } {
  let startTime: string | null = null
  let bootId: string | null = null
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may hold spaces) start at its closing ')'.
    startTime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
  } catch {
    /* not Linux, or no such process */
  }
  try {
    bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
  } catch {
    /* not Linux */
  }
  return { startTime, bootId }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
