/**
 * `npm run bench:validate`: generates a 200 MB CSV with a Table Schema of 10 typed
 * columns in a temporary folder, validates it with datavakt's streaming Table Schema
 * validator, and — on the same file — measures csv-parse alone and papaparse alone.
 * Prints MB/s, peak RSS and the ratios. Each measurement runs in its own child process so
 * that its peak RSS is its own.
 *
 * `csv-parse` is its public stream API (what "csv-parse alone" usually means);
 * `csv-parse-core` is the same parser driven as datavakt drives it (Parser.api.parse, no
 * Transform stream), to show what the typed validation itself costs.
 *
 * Target (issue 5): typed validation ≥ 75% of csv-parse's bare parse speed, peak RSS < 200 MB.
 * Options: BENCH_MB=200 (file size), BENCH_KEEP=1 (keep the temp folder), BENCH_UNIQUE=1
 * (make `id` unique: the validator then remembers every id, which costs memory).
 */
import { spawnSync } from 'node:child_process'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SCHEMA = {
  fields: [
    { name: 'id', type: 'integer', constraints: { required: true, minimum: 1, ...(process.env.BENCH_UNIQUE ? { unique: true } : {}) } },
    { name: 'namn', type: 'string', constraints: { required: true, maxLength: 40 } },
    { name: 'kommun', type: 'string', constraints: { enum: ['Göteborg', 'Borås', 'Skövde', 'Trollhättan', 'Uddevalla', 'Lidköping'] } },
    { name: 'kod', type: 'string', constraints: { pattern: '[0-9]{4}' } },
    { name: 'belopp', type: 'number', decimalChar: ',' },
    { name: 'andel', type: 'number', constraints: { minimum: 0, maximum: 1 } },
    { name: 'datum', type: 'date' },
    { name: 'uppdaterad', type: 'datetime' },
    { name: 'aktiv', type: 'boolean' },
    { name: 'ar', type: 'year' },
  ],
}

const KOMMUNER = ['Göteborg', 'Borås', 'Skövde', 'Trollhättan', 'Uddevalla', 'Lidköping']

async function generate(path: string, targetBytes: number): Promise<number> {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 })
  out.write(SCHEMA.fields.map((f) => f.name).join(',') + '\n')
  let bytes = 0
  let id = 0
  let seed = 12345
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff)
  while (bytes < targetBytes) {
    let block = ''
    for (let i = 0; i < 2000; i++) {
      id++
      const d = 1 + (id % 28)
      const m = 1 + (id % 12)
      const line =
        `${id},Plats nummer ${id},${KOMMUNER[id % 6]},${1000 + (id % 9000)},` +
        `"${Math.floor(rnd() * 100000)},${String(id % 100).padStart(2, '0')}",${rnd().toFixed(4)},` +
        `20${10 + (id % 15)}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')},` +
        `2024-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T12:${String(id % 60).padStart(2, '0')}:00Z,` +
        `${id % 2 ? 'true' : 'false'},${2000 + (id % 25)}\n`
      block += line
    }
    bytes += Buffer.byteLength(block)
    if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()))
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())))
  return id
}

interface PhaseResult {
  phase: string
  seconds: number
  rows: number
  errors?: number
  maxRssMb: number
}

async function phase(name: string, file: string, schemaPath: string): Promise<PhaseResult> {
  const started = performance.now()
  let rows = 0
  let errors: number | undefined
  if (name === 'csv-parse') {
    const { parse } = await import('csv-parse')
    const parser = createReadStream(file, { highWaterMark: 256 * 1024 }).pipe(parse({ relax_column_count: true }))
    for await (const _record of parser) rows++
    rows-- // header
  } else if (name === 'csv-parse-core') {
    // The same parser driven the way datavakt drives it: Parser.api.parse with a push
    // callback, no Transform stream. Shows what the validation itself costs.
    const { Parser } = await import('csv-parse')
    const parser = new Parser({ relax_column_count: true, relax_quotes: true, skip_empty_lines: false, skip_records_with_error: true, bom: true })
    const api = (parser as unknown as { api: { parse(b: Buffer | undefined, end: boolean, push: (r: string[]) => void, close: () => void): Error | undefined } }).api
    const push = () => {
      rows++
    }
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) api.parse(chunk as Buffer, false, push, () => {})
    api.parse(undefined, true, push, () => {})
    rows-- // header
  } else if (name === 'papaparse') {
    const Papa = (await import('papaparse')).default
    await new Promise<void>((resolve, reject) => {
      Papa.parse(createReadStream(file, { highWaterMark: 256 * 1024 }) as unknown as File, {
        chunk: (res: { data: unknown[] }) => {
          rows += res.data.length
        },
        complete: () => resolve(),
        error: (err: Error) => reject(err),
      })
    })
    rows-- // header
  } else {
    const { readFile } = await import('node:fs/promises')
    const { compileTableSchema } = await import('../../checks/table-schema/compile-table-schema.js')
    const { validateTable } = await import('../../checks/table-schema/validate-table.js')
    const { createFileContentSource } = await import('../../checks/file-content-source.js')
    const schema = compileTableSchema(JSON.parse(await readFile(schemaPath, 'utf8')))
    const source = await createFileContentSource(file)
    const report = await validateTable(source.stream(), { schema, errorLimit: 1000 })
    rows = report.stats.rows
    errors = report.errors.length
    if (errors > 0) console.error('unexpected errors:', JSON.stringify(report.errors.slice(0, 5)))
  }
  const seconds = (performance.now() - started) / 1000
  return { phase: name, seconds, rows, errors, maxRssMb: process.resourceUsage().maxRSS / 1024 }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  if (argv[0] === '--phase') {
    const r = await phase(argv[1]!, argv[2]!, argv[3]!)
    process.stdout.write(JSON.stringify(r) + '\n')
    return
  }
  const targetMb = Number(process.env.BENCH_MB ?? 200)
  const dir = await mkdtemp(join(tmpdir(), 'datavakt-bench-validate-'))
  const file = join(dir, 'data.csv')
  const schemaPath = join(dir, 'schema.json')
  try {
    await writeFile(schemaPath, JSON.stringify(SCHEMA, null, 2))
    const t0 = performance.now()
    const rows = await generate(file, targetMb * 1_000_000)
    const size = (await stat(file)).size
    const mb = size / 1_000_000
    console.log(`generated ${mb.toFixed(1)} MB, ${rows} rows, 10 typed columns in ${((performance.now() - t0) / 1000).toFixed(1)} s (${file})`)
    const self = fileURLToPath(import.meta.url)
    const results: Record<string, PhaseResult> = {}
    for (const name of ['csv-parse', 'csv-parse-core', 'papaparse', 'datavakt']) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', self, '--phase', name, file, schemaPath], { encoding: 'utf8', maxBuffer: 1 << 20 })
      if (child.status !== 0) throw new Error(`phase ${name} failed: ${child.stderr}`)
      if (child.stderr.trim()) console.error(child.stderr.trim())
      const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as PhaseResult
      results[name] = r
      const extra = r.errors !== undefined ? `, ${r.errors} errors` : ''
      console.log(`${name.padEnd(14)} ${(mb / r.seconds).toFixed(1).padStart(6)} MB/s  ${r.seconds.toFixed(2).padStart(7)} s  peak RSS ${r.maxRssMb.toFixed(0).padStart(4)} MB  (${r.rows} rows${extra})`)
    }
    const dv = mb / results.datavakt!.seconds
    const cp = mb / results['csv-parse']!.seconds
    const pp = mb / results.papaparse!.seconds
    console.log(`typed validation / csv-parse bare parse: ${((dv / cp) * 100).toFixed(0)}% (target ≥ 75%)`)
    console.log(`typed validation / papaparse bare parse: ${((dv / pp) * 100).toFixed(0)}%`)
    console.log(`typed validation / csv-parse core without its stream layer (same driving as datavakt): ${((dv / (mb / results['csv-parse-core']!.seconds)) * 100).toFixed(0)}%`)
    console.log(`validation peak RSS: ${results.datavakt!.maxRssMb.toFixed(0)} MB (target < 200 MB)`)
  } finally {
    if (!process.env.BENCH_KEEP) await rm(dir, { recursive: true, force: true })
  }
}

await main()
