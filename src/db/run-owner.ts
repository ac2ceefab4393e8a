import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { sql } from 'kysely'
import type { Db } from './database.js'

/**
 * Who runs a harvest or a content run, and the runs left 'running' by a process that is
 * gone (killed mid-run): `datavakt start` marks them 'interrupted' when it starts, and each
 * harvest does before it opens its own. Availability sweeps need no such care: a sweep
 * belongs to no process, and any worker finishes it once the dead one's leases expire.
 */

/** When this process started (ms since the epoch), fixed once. */
const PROCESS_STARTED = Math.round(Date.now() - process.uptime() * 1000)

/**
 * Who runs a harvest or a content run: host, process id and process start, so a later start can tell whether
 * it is still alive, also when a restarted container's process has the same id (PID 1).
 */
export function runOwner(): string {
  return `${hostname()} ${process.pid} ${PROCESS_STARTED}`
}

/**
 * Whether the process `owner` names is gone. Unknown owners (runs from before owners were
 * recorded) are gone; so is an owner on this host whose process is dead or is another
 * process with the same id (started at another time). Other hosts are assumed alive.
 */
function ownerGone(owner: string | null, here: string): boolean {
  if (owner === null) return true
  if (owner === here) return false
  const [host, pidText, started] = owner.split(' ')
  const [hereHost, herePid] = here.split(' ')
  const pid = Number(pidText)
  if (host !== hereHost || !Number.isSafeInteger(pid) || pid <= 0) return false
  if (String(pid) === herePid) return true // same id, another start: the earlier process is gone
  try {
    process.kill(pid, 0)
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH'
  }
  // Alive, but is it the same process? PID 1 of a killed container's namespace is another
  // process (init) here: its start differs from the one recorded (found by a fault test).
  const startedNow = processStartMs(pid)
  return startedNow !== null && Number.isFinite(Number(started)) && Math.abs(startedNow - Number(started)) > 5_000
}

/** When `pid` started (ms since the epoch), from Linux's /proc; null where that cannot be read. */
function processStartMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may hold spaces) start at its closing ')'; starttime is field 22, in clock ticks (100 a second on Linux) since boot.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19])
    const btime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1])
    return Number.isFinite(ticks) && Number.isFinite(btime) ? btime * 1000 + ticks * 10 : null
  } catch {
    return null
  }
}

/** The runs marked 'interrupted', per table. */
export interface InterruptedRuns {
  harvestRuns: number[]
  checkRuns: number[]
}

/**
 * Marks 'interrupted' the harvest runs and content runs (check_runs) left 'running' by a
 * process that is gone: runs of a dead process on this host, and runs from before owners
 * were recorded. Runs of a live process, or of another host, are left alone. Returns the
 * ids it marked.
 */
export async function interruptOrphanedRuns(db: Db, here: string = runOwner()): Promise<InterruptedRuns> {
  const goneOf = (rows: { id: number; owner: string | null }[]) => rows.filter((r) => ownerGone(r.owner, here)).map((r) => Number(r.id))
  const harvestRuns = goneOf(await db.selectFrom('harvest_runs').select(['id', 'owner']).where('status', '=', 'running').execute())
  const checkRuns = goneOf(await db.selectFrom('check_runs').select(['id', 'owner']).where('status', '=', 'running').execute())
  if (harvestRuns.length > 0) {
    await db
      .updateTable('harvest_runs')
      .set({ status: 'interrupted', finished_at: sql`now()`, error_code: 'interrupted' })
      .where('id', 'in', harvestRuns)
      .where('status', '=', 'running')
      .execute()
  }
  if (checkRuns.length > 0) {
    await db.updateTable('check_runs').set({ status: 'interrupted', finished_at: sql`now()` }).where('id', 'in', checkRuns).where('status', '=', 'running').execute()
  }
  return { harvestRuns, checkRuns }
}
