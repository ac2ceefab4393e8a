/**
 * The check worker also runs compiled: built as bin/build.js builds (tsc with
 * tsconfig.build.json, here into a temp folder), run-checks.js starts
 * isolated-checks-worker.js without tsx. Shown by a check that exhausts a small worker heap:
 * only a worker can answer that with `check-out-of-memory` and carry on with the next file.
 */
import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')
const run = promisify(execFile)
const out = mkdtempSync(join(tmpdir(), 'datavakt-dist-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

describe('isolated checks, compiled', () => {
  it('the built code runs its checks in the compiled worker', async () => {
    await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', out], { cwd: root })
    cpSync(join(root, 'checks/specs'), join(out, 'checks/specs'), { recursive: true, filter: (f) => !f.endsWith('.ts') })
    symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'))
    writeFileSync(join(out, 'package.json'), '{"type":"module"}')
    const one = '{"id":1234567,"name":"abcdefgh","x":[1,2,3]},'
    writeFileSync(join(out, 'huge.json'), '[' + one.repeat(600_000) + '{}]')
    writeFileSync(join(out, 'small.csv'), 'id,id\n1\n')
    const url = (p: string) => JSON.stringify(pathToFileURL(join(out, p)).href)
    const script = `
      const { runChecks } = await import(${url('src/content/run-checks.js')})
      const { checks } = await import(${url('checks/index.js')})
      const { createFileContentSource } = await import(${url('checks/file-content-source.js')})
      const { validationTarget, contentChecksFor } = await import(${url('checks/validate-content.js')})
      const { budgetsWith } = await import(${url('src/domain/budgets.js')})
      const ctx = { lang: 'en', now: new Date(), errorLimit: 100, resolveSchema: async () => null, budgets: budgetsWith({ workerHeapMb: 48 }) }
      const out = []
      for (const f of ['huge.json', 'small.csv']) {
        const target = validationTarget(await createFileContentSource(${JSON.stringify(out)} + '/' + f), {})
        const ran = await runChecks(target, contentChecksFor(checks, target), ctx)
        out.push(ran.map((r) => [r.check.id, r.result.status, r.result.findings.map((x) => x.code)]))
      }
      console.log(JSON.stringify(out))
    `
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: out })
    const [huge, small] = JSON.parse(stdout.trim().split('\n').at(-1)!) as [string, string, string[]][][]
    expect(huge).toContainEqual(['json-structure', 'fail', ['check-out-of-memory']])
    expect(small).toContainEqual(['csv-structure', 'fail', expect.arrayContaining(['duplicate-label'])])
  }, 240_000)
})
