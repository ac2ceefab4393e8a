import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import type { LookupAllFunction } from './address-guard.js'

const TTL_MS = 60_000
const MAX_ENTRIES = 10_000

/**
 * Remembers each host name's addresses for 60 s: undici resolves on every new connection,
 * and dns.lookup runs on libuv's small thread pool, so a sweep over many named hosts
 * would queue on it. The guard judges the cached addresses on every use, so caching
 * never lets a refused address through. Failures are not cached.
 */
export function cachedLookup(base?: LookupAllFunction): LookupAllFunction {
  const resolveAll: LookupAllFunction = base ?? ((hostname, options, callback) => dnsLookup(hostname, options, callback))
  const cache = new Map<string, { addresses: LookupAddress[]; until: number }>()
  return (hostname, options, callback) => {
    const key = `${options.family ?? 0}|${hostname}`
    const hit = cache.get(key)
    if (hit && hit.until > Date.now()) return callback(null, hit.addresses)
    resolveAll(hostname, options, (err, addresses) => {
      if (!err) {
        if (cache.size > MAX_ENTRIES) cache.clear()
        cache.set(key, { addresses, until: Date.now() + TTL_MS })
      }
      callback(err, addresses)
    })
  }
}
