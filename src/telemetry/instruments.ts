/**
 * datavakt's metrics, through `@opentelemetry/api` only: every metric's name, kind and
 * labels live here, and code anywhere records through these functions. Without an SDK
 * (library use, tests, `datavakt check`) each call is the API's no-op; the entry point
 * (`src/cli/telemetry-sdk.ts`) installs the SDK that keeps them for /metrics and OTLP.
 *
 * Labels are bounded: outcomes, probe codes, check ids, states, routes. Never a URL or a
 * host name (a region has thousands), which go on spans instead (spans.ts).
 */
import { metrics, type BatchObservableResult, type Counter, type Histogram, type Meter, type MeterProvider, type ObservableResult } from '@opentelemetry/api'

/** The meter (and tracer) name of everything datavakt records. */
export const INSTRUMENTATION_NAME = 'datavakt'

/**
 * Every metric datavakt serves, by OpenTelemetry name. On /metrics (Prometheus) the dots
 * become underscores and a counter gets `_total`: `datavakt.probes` → `datavakt_probes_total`.
 */
export const METRICS = {
  httpRequests: 'datavakt.http.requests',
  probes: 'datavakt.probes',
  fetchDuration: 'datavakt.fetch.duration',
  queueDepth: 'datavakt.queue.depth',
  queueUrls: 'datavakt.queue.urls',
  leaseExpiries: 'datavakt.lease.expiries',
  outboxBacklog: 'datavakt.outbox.backlog',
  outboxDeliveries: 'datavakt.outbox.deliveries',
  checkDuration: 'datavakt.check.duration',
  harvests: 'datavakt.harvests',
} as const

/** Histogram buckets in seconds: a probe's or a check's time, from a fast loopback answer to a whole budget. */
const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

interface Instruments {
  httpRequests: Counter
  probes: Counter
  fetchDuration: Histogram
  leaseExpiries: Counter
  outboxDeliveries: Counter
  checkDuration: Histogram
  harvests: Counter
}

function createInstruments(meter: Meter): Instruments {
  const seconds = { unit: 's', advice: { explicitBucketBoundaries: SECONDS_BUCKETS } }
  return {
    httpRequests: meter.createCounter(METRICS.httpRequests, { description: 'HTTP requests answered, by method, route and status.' }),
    probes: meter.createCounter(METRICS.probes, { description: 'Availability probes, by outcome and probe code.' }),
    fetchDuration: meter.createHistogram(METRICS.fetchDuration, { description: "Time of a probe's own requests (not its wait in the host's line), by outcome.", ...seconds }),
    leaseExpiries: meter.createCounter(METRICS.leaseExpiries, { description: "Host leases that expired: taken over by another claim (side=taken-over) or lost by their worker (side=lost)." }),
    outboxDeliveries: meter.createCounter(METRICS.outboxDeliveries, { description: 'Outbox messages tried, by channel (email, webhook) and result (sent, failed).' }),
    checkDuration: meter.createHistogram(METRICS.checkDuration, { description: 'Time of one content check on one file, by check and status.', ...seconds }),
    harvests: meter.createCounter(METRICS.harvests, { description: 'Catalogue harvests, by status (ok, failed).' }),
  }
}

let made: { provider: MeterProvider; instruments: Instruments } | undefined

/**
 * The instruments of the global meter provider. OpenTelemetry's API has no proxy for
 * meters (an instrument made before the SDK is installed stays a no-op), so they are
 * made anew whenever the global provider changed.
 */
function instruments(): Instruments {
  const provider = metrics.getMeterProvider()
  if (made?.provider !== provider) made = { provider, instruments: createInstruments(provider.getMeter(INSTRUMENTATION_NAME)) }
  return made.instruments
}

/** One HTTP answer of the web app (route: the Hono pattern, `unmatched` for 404s; never the raw path). */
export function countRequest(method: string, route: string, status: number): void {
  instruments().httpRequests.add(1, { method, route, status: String(status) })
}

/** One availability probe: its outcome and code, and the time of its own requests. */
export function recordProbe(p: { outcome: string; code: string; elapsedMs: number }): void {
  const i = instruments()
  i.probes.add(1, { outcome: p.outcome, code: p.code })
  i.fetchDuration.record(p.elapsedMs / 1000, { outcome: p.outcome })
}

/** A host lease that expired: `taken-over` by a new claim, or `lost` by the worker holding it. */
export function countLeaseExpiry(side: 'taken-over' | 'lost'): void {
  instruments().leaseExpiries.add(1, { side })
}

/** One outbox message tried. */
export function countOutboxDelivery(channel: string, result: 'sent' | 'failed'): void {
  instruments().outboxDeliveries.add(1, { channel, result })
}

/** One content check on one file: its id, the status it gave and how long it took. */
export function recordCheck(check: string, status: string, elapsedMs: number): void {
  instruments().checkDuration.record(elapsedMs / 1000, { check, status })
}

/** One catalogue source harvested. */
export function countHarvest(status: 'ok' | 'failed'): void {
  instruments().harvests.add(1, { status })
}

/** What the backlog gauges read at each collection (the read model's queueDepth and outboxBacklog). */
export interface BacklogReads {
  queueDepth(): Promise<{ state: string; hosts: number; urls: number }[]>
  outboxBacklog(): Promise<{ channel: string; state: string; count: number }[]>
}

/**
 * Registers the gauges that read the database at each collection: the queue's depth
 * (hosts of running sweeps not yet done, and the URLs on them, by state) and the
 * outbox's backlog (messages not yet sent, by channel and state). Call once the SDK has
 * started; returns the unregistration. A read that fails leaves its gauges out of that
 * collection.
 */
export function observeBacklogs(reads: BacklogReads): () => void {
  const meter = metrics.getMeter(INSTRUMENTATION_NAME)
  const hosts = meter.createObservableGauge(METRICS.queueDepth, { description: 'Hosts of running sweeps not yet done, by state (pending, leased).' })
  const urls = meter.createObservableGauge(METRICS.queueUrls, { description: 'URLs on the hosts of running sweeps not yet done, by state (pending, leased).' })
  const outbox = meter.createObservableGauge(METRICS.outboxBacklog, { description: 'Outbox messages not yet sent, by channel and state (waiting, failed).' })
  const onQueue = async (result: BatchObservableResult) => {
    for (const r of await reads.queueDepth().catch(() => [])) {
      result.observe(hosts, r.hosts, { state: r.state })
      result.observe(urls, r.urls, { state: r.state })
    }
  }
  const onOutbox = async (result: ObservableResult) => {
    for (const r of await reads.outboxBacklog().catch(() => [])) result.observe(r.count, { channel: r.channel, state: r.state })
  }
  meter.addBatchObservableCallback(onQueue, [hosts, urls])
  outbox.addCallback(onOutbox)
  return () => {
    meter.removeBatchObservableCallback(onQueue, [hosts, urls])
    outbox.removeCallback(onOutbox)
  }
}
