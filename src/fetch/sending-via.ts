import type { Agent, Dispatcher } from 'undici'

/**
 * The agent, seen through a dispatcher that calls `onSent` when undici writes the request
 * to the socket (its `onConnect`/`onRequestStart` hook), so the per-host gap is measured
 * from the moment the server can see the request. The hook is put on the handler itself
 * (undici makes one per request): a Proxy in front of it made a new bound function on
 * every property read, dozens per request.
 */
export function sendingVia(agent: Agent, onSent: () => void): Dispatcher {
  const dispatch = (opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean => {
    const h = handler as unknown as Record<string, unknown>
    for (const hook of ['onConnect', 'onRequestStart']) {
      const original = h[hook]
      if (typeof original !== 'function') continue
      h[hook] = function (this: unknown, ...args: unknown[]) {
        onSent()
        return (original as (...a: unknown[]) => unknown).apply(this, args)
      }
    }
    return agent.dispatch(opts, handler)
  }
  return { dispatch } as unknown as Dispatcher
}
