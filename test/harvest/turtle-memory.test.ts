import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { tempFolder } from '../helpers/temp-folder.js'
import { generateTurtleCatalogue } from './generate-catalogue.js'

/**
 * Issue 10 item 11: a large Turtle catalogue is parsed streaming, piece by piece, as
 * RDF/XML is. Before, its text existed as one string and n3 returned an array of every
 * statement: a 36 MB file raised the peak RSS by ~380 MB (10.5 times the file), a 191 MB
 * one took 1.89 GB. Measured in a child process with the kernel's maxRSS, which a peak
 * between samples cannot escape. Figures are printed; the bound is on memory, not time.
 * The child runs with the young generation's size fixed (16 MB semi-spaces, Node 20's
 * default): Node 24 grows it with the machine, and the test is about what the parser keeps,
 * not about how much garbage V8 lets pile up before it collects (5.4 × without, 3.9 × with).
 */
describe('parsing a large Turtle catalogue', () => {
  const dir = tempFolder('datavakt-turtle-')

  it('raises the peak memory by a small multiple of the file, not by ten times it', async () => {
    const file = join(dir, 'catalog.ttl')
    writeFileSync(file, generateTurtleCatalogue({ base: 'http://127.0.0.1/x', datasets: 20_000 }))
    const child = await promisify(execFile)(process.execPath, ['--max-semi-space-size=16', '--import', 'tsx', join(import.meta.dirname, 'parse-memory.ts'), file], {
      cwd: join(import.meta.dirname, '../..'),
      maxBuffer: 1 << 20,
    })
    const r = JSON.parse(child.stdout) as { bytes: number; statements: number; rssBefore: number; maxRss: number }
    const growth = r.maxRss - r.rssBefore
    const mb = (n: number) => `${(n / 1_048_576).toFixed(1)} MB`
    console.log(`Turtle ${mb(r.bytes)}, ${r.statements} statements: peak RSS ${mb(r.maxRss)}, ${mb(growth)} over the file in memory (${(growth / r.bytes).toFixed(1)} × the file)`)
    expect(r.statements).toBe(20_000 * 24 + 3)
    expect(growth).toBeLessThan(6 * r.bytes)
  }, 180_000)
})
