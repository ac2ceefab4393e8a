// Whether dist/ (made by `npm run build`) was built after the last change to any source
// file. Shared by bin/datavakt.js, which runs dist/ only then, and the benchmarks, which
// build first so that they measure what a user runs.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The package's root folder. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * True when dist/.build-stamp is newer than every file under src, checks, dashboards and
 * migrations of `dir` (default: this package).
 */
export function distIsFresh(dir = root) {
  const stamp = join(dir, 'dist', '.build-stamp')
  if (!existsSync(stamp)) return false
  const built = statSync(stamp).mtimeMs
  const newer = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name)
      if (e.isDirectory() ? newer(p) : statSync(p).mtimeMs > built) return true
    }
    return false
  }
  return !['src', 'checks', 'dashboards', 'migrations'].some((d) => existsSync(join(dir, d)) && newer(join(dir, d)))
}
