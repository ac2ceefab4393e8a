import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { tempFolder } from '../helpers/temp-folder.js'

const dir = tempFolder('datavakt-pipe-')

/**
 * `datavakt validate big.csv | head`: the reader closes the pipe after a few lines. The
 * command stops quietly, with no stack trace and the status Unix tools give on SIGPIPE (141).
 */
it('a reader that closes the pipe early ends the command quietly', async () => {
  const file = join(dir, 'dup.csv')
  // 40,000 repeated labels (issue 10's dup.csv): a long report.
  writeFileSync(file, `${Array(40_000).fill('a').join(',')}\n${Array(40_000).fill('1').join(',')}\n`)
  // A real pipeline whose reader is gone before the first line (`| true`, the sure case of
  // `| head`); bash reports datavakt's own status after it.
  const script = `"${process.execPath}" bin/datavakt.js validate "${file}" | true; echo "status=\${PIPESTATUS[0]}" >&2`
  const child = spawn('bash', ['-c', script], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  await new Promise((resolve) => child.once('exit', resolve))
  const code = Number(/status=(\d+)/.exec(stderr)?.[1])
  stderr = stderr.replace(/status=\d+\s*$/, '')
  expect(stderr).not.toMatch(/EPIPE|Unhandled|at /)
  expect(code).toBe(141)
}, 120_000)
