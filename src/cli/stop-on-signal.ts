/**
 * How a long-running command hears Ctrl-C (SIGINT) and a service manager's SIGTERM: one
 * home for the handlers that `sweep`, `worker`, `start` and `demo` share.
 */

/** What `stopOnSignal` hands back: the signal that aborts on the first SIGINT/SIGTERM, and `release` to remove the handlers. */
export interface SignalStop {
  signal: AbortSignal
  release: () => void
}

/**
 * Until `release()`: the first SIGINT or SIGTERM calls `onStop` and aborts `signal` (stop
 * gracefully); a second one exits with code 130 at once.
 */
export function stopOnSignal(onStop: () => void): SignalStop {
  const stop = new AbortController()
  const onSignal = () => {
    if (stop.signal.aborted) process.exit(130)
    onStop()
    stop.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return {
    signal: stop.signal,
    release: () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    },
  }
}

/** Resolves at the first SIGINT or SIGTERM: for what serves until Ctrl-C. */
export function untilStopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
}
