import type { Dispatcher } from 'undici'
import type { Canceller } from './canceller.js'

type AbortFn = (err: Error) => void
/** The two hooks undici calls when a request is written to its socket (legacy and current handler API). */
interface StartHooks {
  onConnect?: (abort: AbortFn, context: unknown) => void
  onRequestStart?: (controller: { abort(err: Error): void }, context: unknown) => void
}

/**
 * The engine's pools, seen through a dispatcher that, when undici writes the request to
 * the socket (its `onConnect`/`onRequestStart` hook), calls `onSent`, so the per-host gap
 * is measured from the moment the server can see the request, and hands the request's
 * abort to `cancel`, which also keeps the request's headers timeout from then. The hook
 * is put on the handler itself (undici makes one per request): a Proxy in front of it
 * made a new bound function on every property read, dozens per request.
 */
export function sendingVia(pools: Pick<Dispatcher, 'dispatch'>, onSent: () => void, cancel: Canceller, headersTimeoutMs: number): Dispatcher {
  const dispatch = (opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean => {
    const h = handler as StartHooks
    const onConnect = h.onConnect
    if (typeof onConnect === 'function') {
      h.onConnect = function (this: unknown, abort, context) {
        onSent()
        // The handler first: aborting before it knows of the request would trip its asserts.
        onConnect.call(this, abort, context)
        cancel.started(abort, headersTimeoutMs)
      }
    }
    const onRequestStart = h.onRequestStart
    if (typeof onRequestStart === 'function') {
      h.onRequestStart = function (this: unknown, controller, context) {
        onSent()
        onRequestStart.call(this, controller, context)
        cancel.started((err) => controller.abort(err), headersTimeoutMs)
      }
    }
    return pools.dispatch(opts, handler)
  }
  return { dispatch } as unknown as Dispatcher
}
