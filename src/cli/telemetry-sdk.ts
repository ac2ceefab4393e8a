/**
 * The OpenTelemetry SDK, started by the entry point only (src/cli.ts): the rest of datavakt
 * records through `@opentelemetry/api` (src/telemetry/) and never imports the SDK.
 *
 * - Metrics: one MeterProvider whose Prometheus reader serves /metrics (`metricsText`,
 *   handed out by `processMetrics`: the web app's, a worker's on `--metrics-port`), plus an
 *   OTLP/HTTP reader when OTEL_EXPORTER_OTLP_ENDPOINT is set (every
 *   OTEL_METRIC_EXPORT_INTERVAL ms, default 60 000).
 * - Traces: a Node tracer provider (async context, so log lines carry the trace id), whose
 *   spans go over OTLP/HTTP in batches when OTEL_EXPORTER_OTLP_ENDPOINT is set, and
 *   nowhere otherwise. The exporters read the standard OTEL_EXPORTER_OTLP_* variables
 *   themselves (per-signal endpoints, headers, timeout).
 */
import { context, metrics, propagation, trace } from '@opentelemetry/api'
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http'
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources'
import { MeterProvider, PeriodicExportingMetricReader, type IMetricReader } from '@opentelemetry/sdk-metrics'
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node'
import { otlpWanted } from './telemetry-wanted.js'

/** The running SDK. */
export interface Telemetry {
  /** Every metric in the Prometheus text format (0.0.4), collected now. */
  metricsText(): Promise<string>
  /** True when spans and metrics also go over OTLP. */
  readonly otlp: boolean
  /** Exports what is pending and stops; the API is a no-op again afterwards. */
  shutdown(): Promise<void>
}

let running: Telemetry | null = null

/**
 * What /metrics serves in this process (the web app's, a worker's): the SDK's Prometheus
 * text when the entry point started it; nothing otherwise (/metrics answers 503).
 */
export function processMetrics(): { metricsText?: () => Promise<string> } {
  const telemetry = running
  return telemetry ? { metricsText: () => telemetry.metricsText() } : {}
}

/**
 * Starts the SDK and makes its providers OpenTelemetry's global ones. Once per process
 * (a second call returns the running one); `shutdown` ends it.
 */
export function startTelemetry(opts: { version: string }): Telemetry {
  if (running) return running
  // process.env, as the exporters read it themselves.
  const env = process.env
  const otlp = otlpWanted(env)
  const resource = processResource(env, opts.version)
  const prometheus = new PrometheusExporter({ preventServerStart: true })
  const readers: IMetricReader[] = [prometheus]
  if (otlp) readers.push(new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter(), exportIntervalMillis: intervalMs(env) }))
  const meterProvider = new MeterProvider({ resource, readers })
  const tracerProvider = new NodeTracerProvider({ resource, spanProcessors: otlp ? [new BatchSpanProcessor(new OTLPTraceExporter())] : [] })
  metrics.setGlobalMeterProvider(meterProvider)
  tracerProvider.register()
  // Scope labels left out: every metric is datavakt's own meter.
  const serializer = new PrometheusSerializer('', false, undefined, false, true)
  const telemetry: Telemetry = {
    otlp,
    async metricsText() {
      const { resourceMetrics } = await prometheus.collect()
      return serializer.serialize(resourceMetrics)
    },
    async shutdown() {
      if (running !== telemetry) return
      running = null
      await Promise.allSettled([meterProvider.shutdown(), tracerProvider.shutdown()])
      metrics.disable()
      trace.disable()
      context.disable()
      propagation.disable()
    },
  }
  running = telemetry
  return telemetry
}

/**
 * Who is reporting: the service, its version, and this process among several (workers on
 * several machines export to one collector, which tells them apart by
 * `service.instance.id`: a UUID a process, as the semantic conventions ask, with the host
 * name and pid beside it for people). OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES
 * override any of these, as the exporters' own variables do.
 */
function processResource(env: NodeJS.ProcessEnv, version: string) {
  const own = resourceFromAttributes({
    'service.name': env.OTEL_SERVICE_NAME?.trim() || 'datavakt',
    'service.version': version,
    'service.instance.id': randomUUID(),
    'host.name': hostname(),
    'process.pid': process.pid,
  })
  return own.merge(detectResources({ detectors: [envDetector] }))
}

function intervalMs(env: NodeJS.ProcessEnv): number {
  const n = Number(env.OTEL_METRIC_EXPORT_INTERVAL)
  return Number.isFinite(n) && n >= 100 ? n : 60_000
}
