/**
 * Faults of the embedded database's folder (issue 10, fault table): a folder datavakt may
 * not write to, and a folder another datavakt holds, each give a clear error at start,
 * quickly, and leave the folder exactly as it was; a later normal start opens it. The
 * second `datavakt start` on a held folder is also "two schedulers at once" on PGlite:
 * exactly one runs (leads), the other is refused.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { datavakt, folderHash, killStarted, portOf } from './datavakt-process.js'

let dir: string
let data: string
let config: string

/** chmod -R: folders `dirMode`, files `fileMode`. */
function chmodTree(d: string, dirMode: number, fileMode: number): void {
  chmodSync(d, dirMode)
  for (const name of readdirSync(d)) {
    const p = join(d, name)
    if (statSync(p).isDirectory()) chmodTree(p, dirMode, fileMode)
    else chmodSync(p, fileMode)
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'datavakt-faults-'))
  chmodSync(dir, 0o755)
  data = join(dir, 'data')
  config = join(dir, 'config.json')
  writeFileSync(config, JSON.stringify({ lang: 'en', dataDir: data, web: { host: '127.0.0.1', port: 0 } }))
  const migrate = datavakt(['migrate'], { config })
  expect((await migrate.exited).code, migrate.out()).toBe(0)
}, 300_000)

afterAll(() => {
  killStarted()
  if (dir) {
    chmodTree(dir, 0o755, 0o644)
    rmSync(dir, { recursive: true, force: true })
  }
})

async function startAndStop(): Promise<void> {
  const a = datavakt(['start'], { config })
  try {
    const port = portOf(await a.waitFor(/running at http/))
    const res = await fetch(`http://127.0.0.1:${port}/api/health`)
    expect(res.status).toBe(200)
  } finally {
    a.child.kill('SIGTERM')
  }
  expect((await a.exited).code, a.out()).toBe(0)
}

/**
 * Whether the unprivileged user the read-only case runs as (nobody) can read this checkout:
 * not when it was cloned inside a private folder (mkdtemp -d, a 0700 home). CI's clone is
 * readable; elsewhere the case is skipped with a line saying why rather than failing on
 * "Cannot find module".
 */
const checkoutReadableByNobody =
  process.getuid?.() !== 0 ||
  spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(join(import.meta.dirname, '../../bin/datavakt.js'))})`], { uid: 65534, gid: 65534 }).status === 0
if (!checkoutReadableByNobody) console.log('pglite-folder: the read-only case is skipped: user nobody cannot read this checkout (it lies inside a private folder)')

describe('the PGlite folder', () => {
  it.runIf(checkoutReadableByNobody)('read-only: start fails at once with a clear error naming the folder, and nothing in it changes', async () => {
    await startAndStop()
    const before = folderHash(data)
    chmodTree(data, 0o555, 0o444)
    try {
      // As an unprivileged user: root may write anywhere, whatever the mode.
      const started = performance.now()
      const p = datavakt(['start'], { config, spawn: { uid: 65534, gid: 65534 }, env: { HOME: dir, TMPDIR: tmpdir() } })
      const { code } = await p.exited
      expect(code, p.out()).not.toBe(0)
      expect(performance.now() - started).toBeLessThan(60_000)
      expect(p.out()).toContain(data)
      expect(p.out()).not.toMatch(/running at http/)
      expect(p.out()).not.toMatch(/\n\s+at .*\(/) // a message, not a stack trace
    } finally {
      chmodTree(data, 0o755, 0o644)
    }
    expect(folderHash(data)).toBe(before)
    await startAndStop()
  }, 300_000)

  it('held by another datavakt: the second start is refused naming the holder; the first goes on; then a normal start opens it', async () => {
    const a = datavakt(['start'], { config })
    const port = portOf(await a.waitFor(/running at http/))
    try {
      const b = datavakt(['start'], { config })
      const { code } = await b.exited
      expect(code, b.out()).not.toBe(0)
      expect(b.out()).toContain(`in use by process ${a.child.pid}`)
      expect(b.out()).not.toMatch(/running at http/)
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200)
    } finally {
      a.child.kill('SIGTERM')
    }
    expect((await a.exited).code, a.out()).toBe(0)
    await startAndStop()
  }, 300_000)
})
