import { afterEach, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DataDirLockedError, lockDataDir, type LockHolder } from '../../src/db/data-dir-lock.js'

const dirs: string[] = []
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'datavakt-lock-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A child process that takes the lock on `dir` and then waits to be killed. */
async function childHolding(dir: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '-e', `import('./src/db/data-dir-lock.ts').then((m) => { m.lockDataDir(${JSON.stringify(dir)}); console.log('locked') }); setInterval(() => {}, 1000)`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve())
    child.once('exit', (code) => reject(new Error(`child exited ${code} before locking`)))
  })
  return child
}

const lockFile = (dir: string) => join(dir, 'datavakt.lock')
const holderIn = (dir: string): LockHolder => JSON.parse(readFileSync(lockFile(dir), 'utf8'))

describe('the data-dir lock', () => {
  it('refuses a live holder by pid, and takes over once that holder was killed -9 (no lock left for good)', async () => {
    const dir = freshDir()
    const child = await childHolding(dir)
    expect(holderIn(dir).pid).toBe(child.pid)
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError)
    try {
      lockDataDir(dir)
    } catch (err) {
      expect(err).toMatchObject({ code: 'db.data-dir-in-use', params: { pid: child.pid } })
    }
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGKILL')
    await exited
    const release = lockDataDir(dir)
    expect(holderIn(dir).pid).toBe(process.pid)
    release()
    expect(existsSync(lockFile(dir))).toBe(false)
  }, 120_000)

  it('takes over a lock whose pid is alive but is another process (a container PID 1 after a crash)', () => {
    const dir = freshDir()
    const mine = (() => {
      const r = lockDataDir(dir)
      const h = holderIn(dir)
      r()
      return h
    })()
    // Our own pid, and the parent's, are alive; the start time says the writer was another process.
    for (const pid of [process.pid, process.ppid]) {
      writeFileSync(lockFile(dir), JSON.stringify({ ...mine, pid, startTime: '1' }))
      const release = lockDataDir(dir)
      expect(holderIn(dir)).toMatchObject({ pid: process.pid, startTime: mine.startTime })
      release()
    }
    // Another boot: stale whatever the pid.
    writeFileSync(lockFile(dir), JSON.stringify({ ...mine, pid: process.ppid, startTime: null, bootId: 'another-boot' }))
    lockDataDir(dir)()
  })

  it('refuses a second lock in the same process, and treats an empty lock file as stale', () => {
    const dir = freshDir()
    writeFileSync(lockFile(dir), '')
    const release = lockDataDir(dir)
    expect(() => lockDataDir(dir)).toThrow(expect.objectContaining({ code: 'db.data-dir-open-in-process' }))
    release()
    release()
    lockDataDir(dir)()
  })
})
