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

// The embedded database (PGlite) is a 9 MB WebAssembly module. V8 first compiles it with
// its baseline compiler (Liftoff) and then re-compiles hot functions with its optimising
// compiler on background threads. That re-compilation is what costs memory: on Node 24 a
// process that has opened PGlite and runs a few queries peaks at ~680 MB instead of
// ~145 MB, and on Node 20 it adds 35-80 MB, part of it left in glibc's per-thread arenas.
// So on the embedded database datavakt keeps PGlite on Liftoff: queries that compute a
// lot run up to 2x slower (a sweep at full speed measured ~20% fewer URLs/s; at the
// default politeness the per-host gap, not the database, sets the pace), which is the
// right trade for the small installation the embedded mode is for. On PostgreSQL only
// undici's small HTTP parser is WebAssembly; there the optimised code is kept, compiled on
// the main thread (so no arena is left behind). Flags must be set before any module is
// compiled, which is why this is here and not in src/db.
// (--liftoff-only alone is not enough when set at run time on Node 24: what it implies is
// only worked out at start-up, so the two tiering flags are spelled out.)
v8.setFlagsFromString(
  process.env.DATABASE_URL ? '--wasm-num-compilation-tasks=0' : '--liftoff-only --no-wasm-tier-up --no-wasm-dynamic-tiering',
)

// V8 sizes the JS heap for speed: it lets the heap grow to 3-4 times what is live before
// collecting, and a sweep or a harvest makes a lot of short-lived garbage (every probe,
// every parsed RDF/XML piece), so a sweep whose live data is ~40 MB peaked with a 140 MB
// heap. Two ways to hold it back work when set here at run time (the heap-size flags do
// not), and they cost very different amounts of CPU:
// - --optimize-for-size, V8's own switch for favouring memory over speed, saves the most
//   memory and costs the most CPU. On the embedded database it is needed: PGlite's thread
//   and its WebAssembly heap leave no room (the 20,000-URL sweep at full speed peaked at
//   231 MB with it and 277-291 MB without; at the default politeness the per-host gap
//   sets the pace and the CPU is not missed).
// - On PostgreSQL the process holds no database, and there the flag doubled the sweep's
//   CPU per URL (0.87-0.98 ms against 0.48 without it, at 135-139 against 244-249 MB).
//   --heap-growing-percent=50 only bounds the old generation: after a full collection
//   the heap may grow to 1.5 times what is live. It keeps most of the memory for little
//   of the CPU: 0.52-0.55 ms per URL at 162-165 MB (measured side by side with
//   `npm run bench:sweep`, 2026-12-07).
// `datavakt check` takes neither: it holds no database and no more than the prefixes of
// the probes in flight, so its heap stays small either way (peak RSS about 120 MB with
// --optimize-for-size, 170-185 MB without), while that flag cost it 16 % more CPU per URL
// (0.31 against 0.24-0.27 ms, measured side by side with `npm run bench:check`): the
// figure that decides how many machines a national check needs.
if (commandName(process.argv.slice(2)) !== 'check') {
  v8.setFlagsFromString(process.env.DATABASE_URL ? '--heap-growing-percent=50' : '--optimize-for-size')
}

/** The sub-command, as src/cli.ts finds it: the first argument once `--lang X` (or `--lang=X`) is taken out. */
function commandName(argv) {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lang') i++
    else if (!argv[i].startsWith('--lang=')) return argv[i]
  }
  return undefined
}

// A reader that stops early (`datavakt validate big.csv | head`) closes the pipe: stop
// quietly with the status Unix tools give for SIGPIPE (128 + 13), not with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE') throw err
    process.exit(141)
  })
}

// DATAVAKT_FROM_SOURCE=1 runs the TypeScript even when dist/ is fresh (for developers and
// the test of this path). tsx is pointed at the package's own tsconfig.json: by default it
// looks in the working directory, and run from anywhere else the pages' JSX was compiled
// for React ("React is not defined" on every page).
let main
if (distIsFresh() && process.env.DATAVAKT_FROM_SOURCE !== '1') {
  ;({ main } = await import(pathToFileURL(join(root, 'dist', 'src', 'cli.js')).href))
} else {
  const { register } = await import('tsx/esm/api')
  register({ tsconfig: join(root, 'tsconfig.json') })
  ;({ main } = await import('../src/cli.ts'))
}
process.exitCode = await main(process.argv.slice(2))

// The command has returned: it waited for everything it cares about. What it gave up on
// may still hold the process open: a database call past its deadline (its timer, its
// socket), a connection to a server that stopped answering, which no close can end (a
// wedged postgres.js connection, porsager/postgres#1209, kept a stopped `datavakt worker`
// alive for over a minute; test/cli/worker-stop.test.ts). So the process ends half a
// second later even then, with the command's exit code. Unreferenced: it never delays an
// exit that would have come anyway.
setTimeout(() => process.exit(), 500).unref()
