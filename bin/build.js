#!/usr/bin/env node
// `npm run build` (also run by `npm ci` through `prepare`): compiles src, checks,
// dashboards and migrations to dist/ with tsc, copies the non-TypeScript files the code
// reads at run time (checks/specs/*.json), and writes dist/.build-stamp last.
// bin/datavakt.js runs dist/ when that stamp is newer than every source file, and the
// TypeScript through tsx otherwise, so an edited clone never runs stale code.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'dist')
const require = createRequire(import.meta.url)

let tsc
try {
  tsc = require.resolve('typescript/bin/tsc')
} catch {
  // An install without dev dependencies: bin/datavakt.js runs the TypeScript through tsx.
  console.error('datavakt build: typescript is not installed; skipping (datavakt runs from source).')
  process.exit(0)
}
// A stale dist/ must not survive a failed build, or it could look fresh next time; and a
// source renamed or removed since the last build must not leave its compiled file behind
// (a migration left so would run again under its old name): build into an empty folder.
rmSync(dist, { recursive: true, force: true })
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' })
if (r.status !== 0) {
  console.error('datavakt build: tsc failed (see above); datavakt runs from source until it builds.')
  process.exit(r.status ?? 1)
}
const specs = join(root, 'checks', 'specs')
mkdirSync(join(dist, 'checks', 'specs'), { recursive: true })
for (const f of readdirSync(specs)) {
  if (!f.endsWith('.ts')) cpSync(join(specs, f), join(dist, 'checks', 'specs', f), { recursive: true })
}
writeFileSync(join(dist, '.build-stamp'), `${new Date().toISOString()}\n`)
