import { describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../..')

/** `datavakt demo --no-serve` on a tiny world, with its temporary folders under `tmp`. */
function demo(tmp: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['bin/datavakt.js', 'demo', '--no-serve', '--size', '20', '--days', '1', '--port', '0', ...args],
      { cwd: root, timeout: 150_000, env: { ...process.env, TMPDIR: tmp, DATAVAKT_DATA_DIR: '', ...env } },
      (err, stdout, stderr) => done({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    )
  })
}

const demoFolders = (tmp: string) => readdirSync(tmp).filter((n) => n.startsWith('datavakt-demo-'))

describe('datavakt demo and its database', () => {
  it('removes its temporary database when it ends, and keeps it with --keep', { timeout: 300_000 }, async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'dv-demo-tmp-'))
    const r = await demo(tmp, ['--lang', 'en'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/Database: embedded PGlite in .*datavakt-demo-.* \(removed when the demo ends/)
    expect(r.stdout).toMatch(/5\/5 day 1\/1 .*: scores computed/)
    expect(demoFolders(tmp)).toEqual([])

    const kept = await demo(tmp, ['--keep'])
    expect(kept.code, kept.stderr).toBe(0)
    expect(kept.stdout).toContain('(behålls, --keep)')
    const [folder] = demoFolders(tmp)
    expect(existsSync(join(tmp, folder!, 'PG_VERSION'))).toBe(true)
  })

  it('uses and keeps DATAVAKT_DATA_DIR, and --data-dir before it', { timeout: 300_000 }, async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'dv-demo-tmp-'))
    const fromEnv = join(tmp, 'from-env')
    const fromFlag = join(tmp, 'from-flag')
    const r = await demo(tmp, ['--data-dir', fromFlag], { DATAVAKT_DATA_DIR: fromEnv })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain(`Databas: inbäddad PGlite i ${fromFlag}\n`)
    expect(existsSync(join(fromFlag, 'PG_VERSION'))).toBe(true)
    expect(existsSync(fromEnv)).toBe(false)
    expect(demoFolders(tmp)).toEqual([])
  })
})
