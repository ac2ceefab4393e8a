/**
 * Redirect following, by hand, so every hop is guarded (address policy), polite (a slot
 * per request, at that hop's host) and recorded (URL and status). A connection reset is
 * asked once more before it counts. The caller reads the final response and then calls
 * `release`.
 */
import { request, type Dispatcher } from 'undici'
import type { ProbeCode } from '../domain/probe-codes.js'
import { assertAllowedAddress, type AddressPolicy } from './address-guard.js'
import type { Canceller } from './canceller.js'
import { classifyError } from './classify-error.js'
import type { Politeness, Slot } from './politeness.js'
import { locationUrl } from './location-url.js'
import { sendingVia } from './sending-via.js'
import type { TimeBudget } from './time-budget.js'

/** The statuses that are followed when they carry a Location. */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308])

/** How much of a redirect's (or refused answer's) body is read to keep its connection. */
export const DRAIN_LIMIT = 65_536

/** The engine's parts a request goes through. */
export interface RequestParts {
  /** The connection pools, one per origin (host-pools.ts). */
  pools: Pick<Dispatcher, 'dispatch'>
  politeness: Politeness
  policy: AddressPolicy
  maxRedirects: number
}

/** One request's settings. */
export interface OpenOptions {
  headers: Record<string, string>
  /** Cancels the request under way when the budget is spent. */
  cancel: Canceller
  /** Runs only while a slot is held: nothing aborts a request waiting for a slot. */
  budget: TimeBudget
  headersTimeout: number
  bodyTimeout: number
  /** A slot the caller already holds for the first request (to `start`'s host). */
  firstSlot?: Slot
}

/** One hop: the URL asked for and the status it answered. */
export interface Hop {
  url: string
  status: number
}

/** A final response (not a followed redirect); its body is unread. Call `release` when done with it. */
export interface Opened {
  ok: true
  res: Dispatcher.ResponseData
  release: () => void
  url: URL
  chain: Hop[]
  /** A hop went from https to http. */
  downgraded: boolean
}

/** No final response: why (`code`), where (`url`), and the error behind it. */
export interface OpenFailed {
  ok: false
  code: ProbeCode
  status: number | null
  url: URL | null
  chain: Hop[]
  downgraded: boolean
  error: unknown
}

/** Where a walk along redirects stands. */
interface Walk {
  current: URL
  chain: Hop[]
  visited: Set<string>
  downgraded: boolean
  firstSlot: Slot | undefined
}

/**
 * GETs `start` (a URL already parsed is taken as it is), following redirects up to `parts.maxRedirects`. Never throws: a refused
 * target, a bad URL, a loop, a network error all come back as OpenFailed.
 */
export async function openFollowingRedirects(parts: RequestParts, start: string | URL, p: OpenOptions): Promise<Opened | OpenFailed> {
  let current: URL
  try {
    current = typeof start === 'string' ? new URL(start) : start
  } catch (error) {
    p.firstSlot?.release()
    return { ok: false, code: 'invalid-url', status: null, url: null, chain: [], downgraded: false, error }
  }
  const walk: Walk = { current, chain: [], visited: new Set([withoutHash(current)]), downgraded: false, firstSlot: p.firstSlot }
  let retriedReset = false
  for (;;) {
    const refusal = refusalOf(walk.current, parts.policy)
    if (refusal) return failed(walk, refusal.code, refusal.error)
    const slot = await takeSlot(parts, walk, p)
    if (!('release' in slot)) return failed(walk, slot.code, slot.error)
    p.budget.resume()
    const release = () => {
      slot.release()
      p.budget.pause()
    }
    let res: Dispatcher.ResponseData
    try {
      res = await request(walk.current, {
        dispatcher: sendingVia(parts.pools, slot.sent, p.cancel, p.headersTimeout),
        method: 'GET',
        headers: p.headers,
        headersTimeout: p.headersTimeout,
        bodyTimeout: p.bodyTimeout,
      })
    } catch (err) {
      p.cancel.settled()
      release()
      const code = classifyError(p.cancel.reason ?? err)
      // A kept-alive connection the server closed just as we reused it looks exactly like
      // a reset. Ask once more (on a fresh connection) before calling it broken.
      if (code === 'reset' && !retriedReset) {
        retriedReset = true
        continue
      }
      return failed(walk, code, p.cancel.reason ?? err)
    }
    retriedReset = false
    // Bodies are closed early on purpose (prefix read, cap reached, error status); undici then
    // emits an abort error nobody needs: readers still see errors through their own listeners.
    res.body.on('error', () => undefined)
    p.cancel.answered(res.body)
    walk.chain.push({ url: walk.current.href, status: res.statusCode })
    // Read as browsers read it (location-url.ts): raw UTF-8 bytes, relative, several headers.
    const location = REDIRECT_STATUSES.has(res.statusCode) ? locationUrl(res.headers.location, walk.current) : null
    if (location === null) return { ok: true, res, release, url: walk.current, chain: walk.chain, downgraded: walk.downgraded }
    await res.body.dump({ limit: DRAIN_LIMIT }).catch(() => undefined)
    release()
    const stop = step(walk, location, res.statusCode, parts.maxRedirects)
    if (stop) return stop
  }
}

/**
 * Moves the walk to `next`; an OpenFailed when the hop must not be taken ('failure': several
 * different Locations or one that is not a URL, a network error for browsers too).
 */
function step(walk: Walk, next: URL | 'failure', status: number, maxRedirects: number): OpenFailed | null {
  if (next === 'failure') return failed(walk, 'http-3xx', null, status)
  if (walk.current.protocol === 'https:' && next.protocol === 'http:') walk.downgraded = true
  const redirects = walk.chain.length
  // The fragment is never sent: /a#x and /a#y are the same request.
  const key = withoutHash(next)
  if (walk.visited.has(key)) return failed(walk, 'redirect-loop', null, status)
  if (redirects > maxRedirects) return failed(walk, 'too-many-redirects', null, status)
  walk.visited.add(key)
  walk.current = next
  return null
}

function withoutHash(url: URL): string {
  return url.hash ? url.href.slice(0, -url.hash.length) : url.href
}

/** Why `url` may not be asked at all (not http(s), or a refused address), or null. */
function refusalOf(url: URL, policy: AddressPolicy): { code: ProbeCode; error: unknown } | null {
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return { code: 'invalid-url', error: null }
  try {
    assertAllowedAddress(url.hostname, policy)
    return null
  } catch (error) {
    return { code: 'forbidden-target', error }
  }
}

/** The slot for the walk's next request: the one handed in, or one waited for at its host. */
async function takeSlot(parts: RequestParts, walk: Walk, p: OpenOptions): Promise<Slot | { code: ProbeCode; error: unknown }> {
  if (walk.firstSlot) {
    const slot = walk.firstSlot
    walk.firstSlot = undefined
    return slot
  }
  try {
    // A URL already under way (a redirect hop) goes before URLs not yet started. The
    // budget is the only thing that cancels, and it does not run while the request
    // waits: no abort listener is needed in the line.
    return await parts.politeness.acquire(walk.current.host, undefined, walk.chain.length > 0)
  } catch (err) {
    const error = p.cancel.reason ?? err
    return { code: classifyError(error), error }
  }
}

function failed(walk: Walk, code: ProbeCode, error: unknown, status: number | null = null): OpenFailed {
  // A slot handed in but never used goes back (only a safety net: the caller checks first).
  walk.firstSlot?.release()
  walk.firstSlot = undefined
  return { ok: false, code, status, url: walk.current, chain: walk.chain, downgraded: walk.downgraded, error }
}
