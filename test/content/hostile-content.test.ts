/**
 * Hostile content (issue 10, defects 6 and 3, and the budgets): a field longer than the
 * `fieldBytes` budget is a `field-too-long` finding with memory flat (measured in a child
 * process: peak RSS with a 50 MB field against a tiny file); a header wider than `columns`
 * is `too-many-columns`; a file whose checks wait on a trickling schema server is cut off at
 * `fileChecksDeadlineMs` with `timeout` (unverified) and the run goes on.
 */
import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { conformanceCheck } from '../../checks/conformance.js'
import { csvStructureCheck } from '../../checks/csv-structure.js'
import { createSchemaRegistry } from '../../checks/schema-registry.js'
import { validateTable } from '../../checks/table-schema/validate-table.js'
import { defaultConfig } from '../../src/config/config.js'
import { runChecks } from '../../src/content/run-checks.js'
import { budgetsWith, DEFAULT_BUDGETS } from '../../src/domain/budgets.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { targetWithContent, testContext } from '../checks/helpers/check-target.js'

const root = join(import.meta.dirname, '../..')

/** Runs validateTable in a fresh process on `mb` MiB of one quoted field; its report and peak RSS. */
function fieldInChild(mb: number, capBytes: number): Promise<{ types: string[]; maxRssMb: number }> {
  const script = `
    import { validateTable } from ${JSON.stringify(join(root, 'checks/table-schema/validate-table.ts'))}
    async function* body() {
      yield Buffer.from('id,name\\n1,"')
      const chunk = Buffer.alloc(1 << 20, 97)
      for (let i = 0; i < ${mb}; i++) yield chunk
    }
    const r = await validateTable(body(), { errorLimit: 100, maxRecordBytes: ${capBytes} })
    console.log(JSON.stringify({ types: r.errors.map((e) => e.type), maxRssMb: process.resourceUsage().maxRSS / 1024 }))
  `
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root }, (err, stdout) => {
      if (err) reject(err)
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)!))
    })
  })
}

describe('budgets', () => {
  it('config overrides a budget and keeps the other defaults', () => {
    expect(budgetsWith({ fieldBytes: 10 })).toEqual({ ...DEFAULT_BUDGETS, fieldBytes: 10 })
  })

  it('a 50 MB field against a 1 MB budget: field-too-long, and memory stays flat', async () => {
    const tiny = await fieldInChild(0, 1 << 20)
    const long = await fieldInChild(50, 1 << 20)
    console.log(`peak RSS: tiny ${tiny.maxRssMb.toFixed(0)} MB, 50 MB field ${long.maxRssMb.toFixed(0)} MB`)
    expect(long.types).toEqual(['field-too-long'])
    expect(long.maxRssMb - tiny.maxRssMb).toBeLessThan(40)
  })

  it('a header wider than the columns budget is too-many-columns, not checked', async () => {
    async function* body() {
      yield Buffer.from(Array.from({ length: 50 }, (_, i) => `c${i}`).join(',') + '\n')
    }
    const r = await validateTable(body(), { errorLimit: 100, maxColumns: 10 })
    expect(r.errors.map((e) => [e.type, e.note])).toEqual([['too-many-columns', '10']])
    expect(r.valid).toBe(false)
  })

  it('the csv-structure check takes its budgets from the context', async () => {
    const target = await targetWithContent('wide.csv', 'a,b,c\n1,2,3\n')
    const ctx = { ...testContext({ lang: 'en' }), budgets: budgetsWith({ columns: 2 }) }
    const r = await csvStructureCheck.run(target, ctx)
    expect(r.status).toBe('fail')
    expect(r.findings.map((f) => f.code)).toEqual(['too-many-columns'])
  })
})

describe('a file’s checks have a deadline', () => {
  let server: Server
  let base: string
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const timer = setInterval(() => res.write(' '), 200)
      res.on('close', () => clearInterval(timer))
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((r) => server.close(r))
  })

  it('a trickling schema server: conformance is timeout (unverified) at the file deadline', async () => {
    // The fetch deadline is long on purpose: the file's deadline must cut in first.
    const engine = createFetchEngine({ ...defaultConfig.http, documentDeadlineMs: 60_000 }, { allowPrivateNetworks: true })
    try {
      const registry = createSchemaRegistry({ fetchDocument: (url, o) => engine.fetchDocument(url, o), bundledDir: join(root, 'test') })
      const target = await targetWithContent('ok.csv', 'id,name\n1,a\n', { conformsTo: [`${base}/slow-schema`] })
      const ctx = { ...testContext({ lang: 'en', resolveSchema: (u) => registry.resolveSchema(u) }), budgets: budgetsWith({ fileChecksDeadlineMs: 800 }) }
      const started = performance.now()
      const ran = await runChecks(target, [conformanceCheck, csvStructureCheck], ctx)
      expect(performance.now() - started).toBeLessThan(5000)
      expect(ran.map((r) => [r.check.id, r.result.status, r.result.findings[0]?.code])).toEqual([
        ['conformance', 'unverified', 'check-timeout'],
        ['csv-structure', 'unverified', 'check-timeout'],
      ])
    } finally {
      await engine.close()
    }
  })
})
