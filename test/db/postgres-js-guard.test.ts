/**
 * The guard against postgres.js 3.4.9's write on a closed socket (src/db/postgres-js-guard.ts):
 * in a process of its own, that one exception (thrown from a setImmediate, as the driver's
 * `nextWrite` does) no longer ends the process; any other uncaught exception still does,
 * with exit code 1.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { isPostgresJsClosedSocketWrite } from '../../src/db/postgres-js-guard.js'

const guard = new URL('../../src/db/postgres-js-guard.ts', import.meta.url).href

/** Runs `body` after installing the guard; its exit code and output. */
async function child(body: string): Promise<{ code: number; out: string }> {
  const script = `const { guardPostgresJsClosedSocketWrite } = await import(${JSON.stringify(guard)}); guardPostgresJsClosedSocketWrite('en'); ${body}`
  const r = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]).then(
    (ok) => ({ code: 0, out: ok.stdout + ok.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  )
  return r
}

/** A TypeError as postgres.js's nextWrite throws it (its stack names the driver's file). */
const driverError = `const e = new TypeError("Cannot read properties of null (reading 'write')"); e.stack = e.message + '\\n    at Immediate.nextWrite (file:///app/node_modules/postgres/src/connection.js:255:22)';`

describe('the postgres.js closed-socket guard', () => {
  it('knows the defect by its message and its place in the driver, and nothing else', () => {
    const e = new TypeError("Cannot read properties of null (reading 'write')")
    e.stack = `${e.message}\n    at Immediate.nextWrite (file:///x/node_modules/postgres/src/connection.js:255:22)`
    expect(isPostgresJsClosedSocketWrite(e)).toBe(true)
    expect(isPostgresJsClosedSocketWrite(new TypeError("Cannot read properties of null (reading 'write')"))).toBe(false)
    expect(isPostgresJsClosedSocketWrite(new Error('other'))).toBe(false)
  })

  it('the process survives the driver’s exception and still dies of any other', async () => {
    const survived = await child(`${driverError} setImmediate(() => { throw e }); setTimeout(() => console.log('still here'), 200)`)
    expect(survived.code).toBe(0)
    expect(survived.out).toContain('still here')
    expect(survived.out).toContain('porsager/postgres#1208')
    const closedUnheard = `const c = Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), { code: 'CONNECTION_CLOSED' }); c.stack = c.message + '\\n    at Socket.closed (file:///app/node_modules/postgres/src/connection.js:453:57)';`
    const unheard = await child(`${closedUnheard} Promise.reject(c); setTimeout(() => console.log('still here'), 200)`)
    expect(unheard.code).toBe(0)
    expect(unheard.out).toContain('still here')
    const died = await child(`setImmediate(() => { throw new RangeError('something else') }); setTimeout(() => console.log('still here'), 500)`)
    expect(died.code).toBe(1)
    expect(died.out).toContain('RangeError: something else')
    expect(died.out).not.toContain('still here')
  })
})
