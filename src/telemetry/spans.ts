/**
 * datavakt's spans, through `@opentelemetry/api` only. Without an SDK they are the API's
 * non-recording spans and cost next to nothing; the entry point's SDK
 * (`src/cli/telemetry-sdk.ts`) records them and exports them over OTLP.
 *
 * The span names are listed once here. Attributes use the same few keys everywhere:
 * `host`, `outcome`, `code`, `bytes` (and a span's own facts, such as `sweep.id`).
 */
import { isSpanContextValid, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api'
import { INSTRUMENTATION_NAME } from './instruments.js'

export const SPANS = {
  harvest: 'datavakt.harvest',
  sweep: 'datavakt.sweep',
  hostClaim: 'datavakt.host.claim',
  probe: 'datavakt.probe',
  contentCheck: 'datavakt.content.check',
  check: 'datavakt.check',
  emailSend: 'datavakt.email.send',
  webhookSend: 'datavakt.webhook.send',
  job: 'datavakt.job',
} as const

export type SpanName = (typeof SPANS)[keyof typeof SPANS]

// The API's tracer is a proxy: one taken now records once the SDK registers its provider.
const tracer = trace.getTracer(INSTRUMENTATION_NAME)

/**
 * Runs `fn` inside a new active span (children and log lines inside it carry its trace).
 * `fn` may set more attributes on the span (an outcome, bytes). A throw is recorded on the
 * span, marks it as an error, and is thrown on; the span always ends.
 */
export function inSpan<T>(name: SpanName, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span)
    } catch (err) {
      span.recordException(err instanceof Error ? err : String(err))
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'error' })
      throw err
    } finally {
      span.end()
    }
  })
}

/** Marks a span as failed without a throw (a harvest that failed, a probe that found a broken file is not one). */
export function markFailed(span: Span, reason: string): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: reason })
}

/** The trace and span id of the active span, when one is recording (for log lines). */
export function activeTraceIds(): { traceId: string; spanId: string } | null {
  const span = trace.getActiveSpan()
  if (!span) return null
  const c = span.spanContext()
  return isSpanContextValid(c) ? { traceId: c.traceId, spanId: c.spanId } : null
}
