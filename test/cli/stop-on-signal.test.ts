import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { stopOnSignal, untilStopSignal } from '../../src/cli/stop-on-signal.js'

// The signals are emitted on `process` itself (no real signal is sent); the test runner's
// own handlers, if any, are set aside meanwhile so that only the ones under test hear them.
const SIGNALS = ['SIGINT', 'SIGTERM'] as const
let saved: Record<string, Array<(...args: unknown[]) => void>>

beforeEach(() => {
  saved = Object.fromEntries(SIGNALS.map((s) => [s, process.listeners(s) as Array<(...args: unknown[]) => void>]))
  for (const s of SIGNALS) process.removeAllListeners(s)
})

afterEach(() => {
  vi.restoreAllMocks()
  for (const s of SIGNALS) {
    process.removeAllListeners(s)
    for (const l of saved[s]) process.on(s, l)
  }
})

describe('stopOnSignal', () => {
  it.each(SIGNALS)('the first %s calls onStop once and aborts the signal, without exiting', (sig) => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never)
    const onStop = vi.fn()
    const stop = stopOnSignal(onStop)
    expect(stop.signal.aborted).toBe(false)
    process.emit(sig)
    expect(onStop).toHaveBeenCalledTimes(1)
    expect(stop.signal.aborted).toBe(true)
    expect(exit).not.toHaveBeenCalled()
    stop.release()
  })

  it('a second signal exits with 130 at once', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never)
    const stop = stopOnSignal(() => {})
    process.emit('SIGINT')
    process.emit('SIGTERM')
    expect(exit).toHaveBeenCalledWith(130)
    stop.release()
  })

  it('release removes both handlers: a later signal no longer reaches onStop', () => {
    const onStop = vi.fn()
    const stop = stopOnSignal(onStop)
    expect(process.listenerCount('SIGINT')).toBe(1)
    expect(process.listenerCount('SIGTERM')).toBe(1)
    stop.release()
    expect(process.listenerCount('SIGINT')).toBe(0)
    expect(process.listenerCount('SIGTERM')).toBe(0)
    process.emit('SIGINT')
    expect(onStop).not.toHaveBeenCalled()
  })
})

describe('untilStopSignal', () => {
  it.each(SIGNALS)('resolves at %s', async (sig) => {
    let done = false
    const waiting = untilStopSignal().then(() => {
      done = true
    })
    await Promise.resolve()
    expect(done).toBe(false)
    process.emit(sig)
    await waiting
    expect(done).toBe(true)
  })
})
