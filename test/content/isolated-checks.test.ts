/**
 * Content checks run in a worker thread (src/content/isolated-checks.ts): a registered
 * check that reads the bytes gives the same result there as in-process, schemas are
 * resolved by the main thread, a check that exhausts the worker's heap gives the file a
 * `check-out-of-memory` error finding, and the next file is checked by a fresh worker.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { getPriority } from 'node:os'
import { describe, expect, it } from 'vitest'
import { conformanceCheck } from '../../checks/conformance.js'
import { csvStructureCheck } from '../../checks/csv-structure.js'
import { jsonStructureCheck } from '../../checks/json-structure.js'
import { profileIsolated, runsIsolated } from '../../src/content/isolated-checks.js'
import { runChecks } from '../../src/content/run-checks.js'
import { budgetsWith, DEFAULT_BUDGETS } from '../../src/domain/budgets.js'
import { describeFinding } from '../../src/i18n/catalogue.js'
import { EngineClosedError } from '../../src/fetch/fetch-errors.js'
import { DatavaktError } from '../../src/i18n/datavakt-error.js'
import { targetWithContent, testContext } from '../checks/helpers/check-target.js'
import { contentFromBuffer } from '../helpers/content-from-buffer.js'

/** A JSON array of `n` small objects: JSON.parse makes far more heap of it than its bytes. */
function bigJson(n: number): Buffer {
  const one = '{"id":1234567,"name":"abcdefgh","x":[1,2,3]},'
  return Buffer.from('[' + one.repeat(n) + '{}]')
}

describe('isolated content checks', () => {
  it('a registered check on bytes runs in the worker and answers as in-process; schemas come from the main thread', async () => {
    const schemaUri = 'https://example.org/schema'
    const schema = { kind: 'table-schema' as const, origin: 'test', schema: { fields: [{ name: 'id', type: 'integer' }, { name: 'name', type: 'string' }] } }
    let asked: string[] = []
    const target = await targetWithContent('iso.csv', 'id,name\n1,a\nx,b\n3\n', { conformsTo: [schemaUri] })
    const ctx = testContext({ lang: 'en', resolveSchema: async (u) => (asked.push(u), u === schemaUri ? schema : null) })
    expect(runsIsolated(csvStructureCheck, target)).toBe(true)
    expect(runsIsolated(csvStructureCheck, { ...target, content: undefined })).toBe(false)
    const isolated = await runChecks(target, [csvStructureCheck, conformanceCheck], ctx)
    // csv-structure asks too (with a Table Schema it infers no types); the registry caches the answer.
    expect(asked).toEqual([schemaUri, schemaUri])
    asked = []
    const inProcess = [await csvStructureCheck.run(target, ctx), await conformanceCheck.run(target, ctx)]
    expect(isolated.map((r) => r.result.findings)).toEqual(inProcess.map((r) => r.findings))
    expect(isolated.map((r) => r.result.status)).toEqual(['fail', 'fail'])
  })

  it('a DatavaktError from the main thread’s schema lookup keeps its code in the worker', async () => {
    const target = await targetWithContent('iso2.csv', 'id\n1\n', { conformsTo: ['https://example.org/s'] })
    const ctx = testContext({ resolveSchema: async () => { throw new EngineClosedError() } })
    const [ran] = await runChecks(target, [conformanceCheck], ctx)
    const direct = await conformanceCheck.run(target, ctx).catch((e: unknown) => e)
    expect(direct).toBeInstanceOf(DatavaktError)
    expect(ran!.result.findings).toEqual([{ code: 'check-error', severity: 'info', params: { checkId: 'conformance', errorCode: 'fetch.engine-closed' } }])
  })

  it('a check that exhausts the worker heap: check-out-of-memory (error), and the next file is checked', async () => {
    const huge = await targetWithContent('huge.json', bigJson(600_000))
    const small = await targetWithContent('small.json', '[1,2,3]')
    const ctx = { ...testContext({ lang: 'en' }), budgets: budgetsWith({ workerHeapMb: 48 }) }
    const [a] = await runChecks(huge, [jsonStructureCheck], ctx)
    expect(a!.result.status).toBe('fail')
    expect(a!.result.findings).toEqual([{ code: 'check-out-of-memory', severity: 'error', params: { checkId: 'json-structure', heapMb: 48 } }])
    expect(describeFinding(a!.result.findings[0]!, 'en').message).toMatch(/more memory than the 48 MB/)
    expect(describeFinding(a!.result.findings[0]!, 'sv').message).toMatch(/mer minne än de 48 MB/)
    const [b] = await runChecks(small, [jsonStructureCheck], ctx)
    expect(b!.result).toMatchObject({ status: 'pass', findings: [] })
    // The main thread never held the document: this process is still small.
    expect(process.memoryUsage().heapUsed).toBeLessThan(400 * 1024 * 1024)
  })

  it('a column profile is made in the worker, within the budgets: too wide, a field too long or a dead worker keep no profile', async () => {
    const far = performance.now() + 60_000
    const csv = { kind: 'csv' as const, delimiter: ';', quote: '"' }
    expect(await profileIsolated(contentFromBuffer('id;namn\n1;Ale\n2;Lerum\n'), csv, DEFAULT_BUDGETS, far)).toEqual({
      columns: [{ name: 'id', type: 'integer' }, { name: 'namn', type: 'string' }],
      rows: 2,
    })
    const wide = Array.from({ length: 50 }, (_, i) => `c${i}`).join(';')
    expect(await profileIsolated(contentFromBuffer(`${wide}\n`), csv, budgetsWith({ profileColumns: 49 }), far)).toBeNull()
    expect(await profileIsolated(contentFromBuffer(`${wide}\n`), csv, budgetsWith({ profileColumns: 50 }), far)).toMatchObject({ rows: 0 })
    // An unclosed quote runs to the end: a record past fieldBytes is no table to keep.
    expect(await profileIsolated(contentFromBuffer(`id;namn\n1;"${'a'.repeat(5000)}\n`), csv, budgetsWith({ fieldBytes: 1000 }), far)).toBeNull()
    expect(await profileIsolated(contentFromBuffer(bigJson(600_000)), { kind: 'json' }, budgetsWith({ workerHeapMb: 48 }), far)).toBeNull()
    expect(await profileIsolated(contentFromBuffer('[{"a":1},{"a":2.5}]'), { kind: 'json' }, DEFAULT_BUDGETS, far)).toEqual({ columns: [{ name: 'a', type: 'number' }], rows: 2 })
  })

  it.runIf(process.platform === 'linux')('a check worker runs at a lower priority than the main thread (the web server), only it', async () => {
    const target = await targetWithContent('nice.csv', 'id\n1\n')
    await runChecks(target, [csvStructureCheck], testContext({}))
    // The worker is kept idle for a while: its thread is still there to look at.
    const niceOf = (tid: string) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])
    }
    const main = getPriority()
    expect(niceOf(String(process.pid))).toBe(main)
    expect(readdirSync('/proc/self/task').map(niceOf)).toContain(Math.min(19, main + 10))
  })
})
