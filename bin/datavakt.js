#!/usr/bin/env node
// Entry point of the `datavakt` command.
//
// It runs the compiled JavaScript in dist/ when `npm run build` (run by `npm ci` through
// `prepare`) has built it from the current sources, and the TypeScript through tsx
// otherwise, so a clone that is being edited never runs stale code. Compiled, the process
// is about 30 MB smaller and starts faster: tsx keeps a module loader thread with its own
// V8 heap, and transpiled sources with source maps.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import v8 from 'node:v8'

// The embedded database (PGlite) is a 9 MB WebAssembly module. By default V8 optimises its
// hot functions on background threads, and glibc keeps the memory those threads used in
// per-thread arenas: 25-50 MB of resident memory that is never used again. Compiling on
// the main thread puts that memory back where the program reuses it, at the same query
// speed (measured: open 145 MB instead of 172-193 MB). It must be set before the module
// is compiled, which is why it is here and not in src/db. An unknown flag is ignored.
v8.setFlagsFromString('--wasm-num-compilation-tasks=0')

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** True when dist/ was built after the last change to any source file. */
function distIsFresh() {
  const stamp = join(root, 'dist', '.build-stamp')
  if (!existsSync(stamp)) return false
  const built = statSync(stamp).mtimeMs
  const newer = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name)
      if (e.isDirectory() ? newer(p) : statSync(p).mtimeMs > built) return true
    }
    return false
  }
  return !['src', 'checks', 'dashboards', 'migrations'].some((d) => existsSync(join(root, d)) && newer(join(root, d)))
}

let main
if (distIsFresh()) {
  ;({ main } = await import(pathToFileURL(join(root, 'dist', 'src', 'cli.js')).href))
} else {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import('../src/cli.ts'))
}
process.exitCode = await main(process.argv.slice(2))
