/**
 * The fetch engine: the one way datavakt reaches the network. Built on undici `request`
 * over one pool per origin (host-pools.ts) whose connector runs the address guard on every new connection (IP
 * literals directly, host names after DNS resolution), so redirects and reused pools are
 * guarded too. Politeness (per-host connections and gap, global limit, Retry-After
 * slow-down) is taken per request (politeness.ts); redirects are followed by hand so each
 * hop is guarded, polite and recorded (follow-redirects.ts). The operations live in
 * probe-url.ts, fetch-body.ts and fetch-document.ts.
 */
import type { HttpConfig } from '../config/config.js'
import type { AddressPolicy, LookupAllFunction } from './address-guard.js'
import { userAgentOf, type EngineParts } from './engine-parts.js'
import { fetchBody } from './fetch-body.js'
import { fetchDocument } from './fetch-document.js'
import type { FetchEngine } from './fetch-engine.js'
import { HostPools } from './host-pools.js'
import { Politeness } from './politeness.js'
import { probeUrl } from './probe-url.js'
import { tracedProbe } from './traced-probe.js'
import { createGuardedConnector } from './tls-connector.js'

/** How long an idle kept-alive connection stays open for the host's next request. */
const KEEP_ALIVE_MS = 4_000

/** Options of `createFetchEngine` beyond the `http` configuration section. */
export interface FetchEngineOptions {
  /** Lifts the address guard (loopback, private, link-local, ... may be fetched). Tests and the demo only. */
  allowPrivateNetworks: boolean
  /** Single IP addresses exempt from the guard (e.g. an internal catalogue server). */
  allowAddresses?: readonly string[]
  /** Extra trusted CA certificate(s) (PEM), added to Node's roots. Tests use it to trust their own CA. */
  ca?: string | Buffer | (string | Buffer)[]
  /** DNS lookup returning all addresses; defaults to `dns.lookup`. Tests use it to map names to loopback. */
  lookup?: LookupAllFunction
}

/** The engine, plus a read-only view of its politeness state. */
export interface CreatedFetchEngine extends FetchEngine {
  /** The current minimum gap between requests to `host` (hostname:port), grown by rate limits. */
  hostGapMs(host: string): number
}

/**
 * Creates the engine from the `http` configuration section (take it from the loaded
 * configuration or `defaultConfig`: the engine has no defaults of its own). One per
 * process: it owns the connection pool and the per-host politeness state. Refuses (as
 * `forbidden-target`) every private, loopback, link-local, CGNAT, documentation,
 * multicast or reserved target unless `allowPrivateNetworks`.
 */
export function createFetchEngine(http: HttpConfig, opts: FetchEngineOptions): CreatedFetchEngine {
  const policy: AddressPolicy = { allowPrivateNetworks: opts.allowPrivateNetworks, allowAddresses: opts.allowAddresses }
  const politeness = new Politeness(http)
  const connector = createGuardedConnector({ policy, connectTimeoutMs: http.connectTimeoutMs, lookup: opts.lookup, ca: opts.ca })
  const pools = new HostPools({
    connections: http.perHostConnections,
    pipelining: 1,
    connect: connector.connect,
    keepAliveTimeout: KEEP_ALIVE_MS,
    headersTimeout: http.headersTimeoutMs,
    bodyTimeout: http.bodyTimeoutMs,
  })
  const parts: EngineParts = {
    pools,
    politeness,
    policy,
    maxRedirects: http.maxRedirects,
    http,
    userAgent: userAgentOf(http),
    tlsFacts: connector.tlsFacts,
  }
  return {
    probe: (url, o) => tracedProbe(url, () => probeUrl(parts, url, o)),
    fetchBody: (url, o) => fetchBody(parts, url, o),
    fetchDocument: (url, o) => fetchDocument(parts, url, o),
    hostGapMs: (host) => politeness.gapOf(host),
    sampleLoad: () => politeness.sampleLoad(),
    async close() {
      politeness.close()
      await pools.destroy()
    },
  }
}
