#!/usr/bin/env node
// Entry point of the `datavakt` command.
//
// It runs the compiled JavaScript in dist/ when `npm run build` (run by `npm ci` through
// `prepare`) has built it from the current sources, and the TypeScript through tsx
// otherwise, so a clone that is being edited never runs stale code. Compiled, the process
// is about 30 MB smaller and starts faster: tsx keeps a module loader thread with its own
// V8 heap, and transpiled sources with source maps.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import v8 from 'node:v8'
import { distIsFresh, root } from './dist-is-fresh.js'

// The embedded database (PGlite) is a 9 MB WebAssembly module. By default V8 optimises its
// hot functions on background threads, and glibc keeps the memory those threads used in
// per-thread arenas: 25-50 MB of resident memory that is never used again. Compiling on
// the main thread puts that memory back where the program reuses it, at the same query
// speed (measured: open 145 MB instead of 172-193 MB). It must be set before the module
// is compiled, which is why it is here and not in src/db (a V8 without the flag warns and goes on).
v8.setFlagsFromString('--wasm-num-compilation-tasks=0')

let main
if (distIsFresh()) {
  ;({ main } = await import(pathToFileURL(join(root, 'dist', 'src', 'cli.js')).href))
} else {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import('../src/cli.ts'))
}
process.exitCode = await main(process.argv.slice(2))
