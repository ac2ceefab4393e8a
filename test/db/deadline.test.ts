/**
 * Deadlines on database calls (src/db/deadline.ts): a call whose promise never settles (a
 * postgres.js query on a dropped connection) ends in DbCallTimeoutError. In a process with
 * nothing else to wait for, the deadline itself must keep it alive until then: with an
 * unreferenced timer Node ended such a `datavakt worker` with exit code 13 (unsettled
 * top-level await) mid-sweep, found by test/faults/postgres-restart.heavy.test.ts.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { DbCallTimeoutError, withDeadline } from '../../src/db/deadline.js'

describe('withDeadline', () => {
  it('passes a settled call through and rejects one that does not settle in time', async () => {
    await expect(withDeadline('quick', 1000, () => Promise.resolve(7))).resolves.toBe(7)
    const err = await withDeadline('never', 50, () => new Promise(() => {})).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DbCallTimeoutError)
    expect((err as DbCallTimeoutError).params).toEqual({ what: 'never', seconds: 0 })
  })

  it('keeps a process with nothing else to do alive until the deadline, so the caller hears of it', async () => {
    const module = new URL('../../src/db/deadline.ts', import.meta.url).href
    const script = `const { withDeadline } = await import(${JSON.stringify(module)});
      try { await withDeadline('claim host', 300, () => new Promise(() => {})) } catch (e) { console.log('caught ' + e.name); process.exitCode = 3 }`
    const r = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]).catch((e: { code: number; stdout: string }) => e)
    expect((r as { stdout: string }).stdout.trim()).toBe('caught DbCallTimeoutError')
    expect((r as { code?: number }).code).toBe(3)
  })
})
