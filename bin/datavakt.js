#!/usr/bin/env node
// Entry point of the `datavakt` command. The source is TypeScript; tsx loads it directly,
// so a clone works after `npm ci` with no build step.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli.ts')
process.exitCode = await main(process.argv.slice(2))
