import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import type { RateLimitConfig } from '../config/config.js'
import type { Lang } from '../i18n/lang.js'
import { tooManyRequests } from './error-handlers.js'

/** The most clients remembered at once; the one seen longest ago is forgotten first (its bucket has long refilled). */
const MAX_CLIENTS = 50_000

/** The operator's endpoints, the admin API and the (loopback-only) admin pages are never limited: an operator must always get through. */
const UNLIMITED = /^\/(healthz|readyz|metrics)$|^\/(api\/)?admin(\/|$)/

interface Bucket {
  tokens: number
  at: number
}

/**
 * One token bucket per client: `burst` tokens at most, refilled at `perSecond`; a request
 * takes one. Memory is bounded: at most `maxClients` buckets, least recently seen dropped.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>()

  constructor(
    private readonly cfg: Pick<RateLimitConfig, 'burst' | 'perSecond'>,
    private readonly maxClients = MAX_CLIENTS,
  ) {}

  /** Takes a token for `client`: 0 when it had one, else the milliseconds until it will. */
  take(client: string, now: number): number {
    const { burst, perSecond } = this.cfg
    const known = this.buckets.get(client)
    const bucket = known ? { tokens: Math.min(burst, known.tokens + ((now - known.at) / 1000) * perSecond), at: now } : { tokens: burst, at: now }
    // Re-inserted, so the Map's order is the order clients were last seen.
    this.buckets.delete(client)
    this.buckets.set(client, bucket)
    if (this.buckets.size > this.maxClients) this.buckets.delete(this.buckets.keys().next().value as string)
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return 0
    }
    return Math.ceil(((1 - bucket.tokens) / perSecond) * 1000)
  }

  get size(): number {
    return this.buckets.size
  }
}

/** The client's address: the connection's, or (behind a proxy of ours) the last X-Forwarded-For entry, which that proxy wrote. */
export function clientAddress(c: Context, trustForwardedFor: boolean): string {
  if (trustForwardedFor) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').pop()?.trim()
    if (forwarded) return forwarded
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    // In-process requests (app.request in tests) have no socket.
    return 'unknown'
  }
}

/**
 * Rate limits public reads (pages, API, badges) per client address with a token bucket
 * (config `web.rateLimit`): a client out of tokens gets 429 with `Retry-After` (whole
 * seconds until its next token), as the API's one error shape or, for a browser, as a
 * page. /healthz, /readyz, /metrics, the admin API and CORS preflights are not limited.
 * `burst: 0` turns the limit off.
 */
export function rateLimit(cfg: RateLimitConfig, fallback: Lang): MiddlewareHandler {
  if (cfg.burst === 0) return async (_c, next) => next()
  const buckets = new TokenBuckets(cfg)
  return async (c, next) => {
    if (c.req.method === 'OPTIONS' || UNLIMITED.test(c.req.path)) return next()
    const waitMs = buckets.take(clientAddress(c, cfg.trustForwardedFor), Date.now())
    if (waitMs === 0) return next()
    const seconds = Math.max(1, Math.ceil(waitMs / 1000))
    c.header('Retry-After', String(seconds))
    c.header('Cache-Control', 'no-store')
    return tooManyRequests(c, fallback, seconds)
  }
}
