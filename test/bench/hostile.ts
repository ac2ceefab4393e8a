/**
 * `npm run bench:hostile`: runs `datavakt validate --json` on each hostile input of issue 10
 * and prints its wall time, peak RSS and exit code. Each input runs in its own child process
 * (under `/usr/bin/time -f %M` for the peak RSS), with the default budgets and config.
 *
 * Inputs: dup.csv (40,000 repeated labels), 100,000 distinct columns, a `(a+)+$` pattern on
 * 30 a's and a '!', a long field with no closing quote (BENCH_FIELD_MB, default 200; the
 * issue's 1.1 GB works too but writes 1.1 GB to the temp folder), and a schema server on
 * 127.0.0.1 that sends one byte every 5 s (cut off by `http.documentDeadlineMs`, 30 s).
 */
import { spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATAVAKT_CONFIG'))

function measure(args: string[]): Promise<{ seconds: number; rssMb: number; code: number | null }> {
  const started = performance.now()
  return new Promise((resolve) => {
    const child = spawn('/usr/bin/time', ['-f', '%M', process.execPath, join(root, 'bin/datavakt.js'), 'validate', '--json', ...args], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    child.stderr.on('data', (d) => (err += d))
    child.on('close', (code) => {
      const kb = Number(err.trim().split('\n').at(-1)?.match(/(\d+)\s*$/)?.[1] ?? NaN)
      resolve({ seconds: (performance.now() - started) / 1000, rssMb: kb / 1024, code })
    })
  })
}

async function writeLongField(path: string, mb: number): Promise<void> {
  const out = createWriteStream(path)
  out.write('id,name\n1,"')
  const chunk = Buffer.alloc(1 << 20, 97)
  for (let i = 0; i < mb; i++) if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()))
  await new Promise<void>((r) => out.end(() => r()))
}

const dir = await mkdtemp(join(tmpdir(), 'datavakt-hostile-'))
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' })
  const timer = setInterval(() => res.write(' '), 5000)
  res.on('close', () => clearInterval(timer))
})
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
const port = (server.address() as AddressInfo).port
try {
  const n = 40_000
  await writeFile(join(dir, 'dup.csv'), Array(n).fill('a').join(',') + '\n' + Array(n).fill('1').join(',') + '\n')
  const wide = Array.from({ length: 100_000 }, (_, i) => `c${i}`)
  await writeFile(join(dir, 'wide.csv'), wide.join(',') + '\n' + wide.map(() => '1').join(',') + '\n')
  await writeFile(join(dir, 's.json'), JSON.stringify({ fields: [{ name: 'id', type: 'integer' }, { name: 'name', type: 'string', constraints: { pattern: '(a+)+$' } }] }))
  await writeFile(join(dir, 'r.csv'), `id,name\n1,${'a'.repeat(30)}!\n`)
  await writeFile(join(dir, 'ok.csv'), 'id,name\n1,a\n2,b\n3,c\n')
  const fieldMb = Number(process.env.BENCH_FIELD_MB ?? 200)
  await writeLongField(join(dir, 'long.csv'), fieldMb)
  const cases: [string, string[]][] = [
    ['dup.csv, 40,000 repeated labels', [join(dir, 'dup.csv')]],
    ['100,000 distinct columns', [join(dir, 'wide.csv')]],
    ['(a+)+$ on 30 a\'s', ['--schema', join(dir, 's.json'), join(dir, 'r.csv')]],
    [`${fieldMb} MB field, no closing quote`, ['--format', 'csv', join(dir, 'long.csv')]],
    ['trickling schema (1 byte / 5 s)', ['--allow-private', '--schema', `http://127.0.0.1:${port}/slow`, join(dir, 'ok.csv')]],
  ]
  console.log('| hostile input | time | peak RSS | exit |\n| --- | --- | --- | --- |')
  for (const [name, args] of cases) {
    const r = await measure(args)
    console.log(`| ${name} | ${r.seconds.toFixed(1)} s | ${r.rssMb.toFixed(0)} MB | ${r.code} |`)
  }
} finally {
  server.closeAllConnections()
  server.close()
  await rm(dir, { recursive: true, force: true })
}
