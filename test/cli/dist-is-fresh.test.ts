import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { distIsFresh } from '../../bin/dist-is-fresh.js'

// bin/datavakt.js runs dist/ only when this says it is fresh; a wrong answer would run
// stale code after an edit (or never use the build).
describe('distIsFresh', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })
  const tree = () => {
    const dir = mkdtempSync(join(tmpdir(), 'datavakt-fresh-'))
    dirs.push(dir)
    for (const f of ['src/cli.ts', 'src/db/open-database.ts', 'checks/specs/index.json', 'migrations/0001-core.ts']) {
      mkdirSync(join(dir, f, '..'), { recursive: true })
      writeFileSync(join(dir, f), 'x')
    }
    return dir
  }
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds)
  const T = 1_700_000_000

  it('is false without a build stamp', () => {
    expect(distIsFresh(tree())).toBe(false)
  })

  it('is true when the stamp is newer than every source file, false once any one is edited after it', () => {
    const dir = tree()
    mkdirSync(join(dir, 'dist'))
    writeFileSync(join(dir, 'dist', '.build-stamp'), 'built')
    for (const f of ['src/cli.ts', 'src/db/open-database.ts', 'checks/specs/index.json', 'migrations/0001-core.ts']) at(join(dir, f), T)
    at(join(dir, 'dist', '.build-stamp'), T + 10)
    expect(distIsFresh(dir)).toBe(true)
    // A file deep in a folder, and a non-TypeScript file, count too.
    at(join(dir, 'src/db/open-database.ts'), T + 20)
    expect(distIsFresh(dir)).toBe(false)
    at(join(dir, 'src/db/open-database.ts'), T)
    at(join(dir, 'checks/specs/index.json'), T + 20)
    expect(distIsFresh(dir)).toBe(false)
  })
})
