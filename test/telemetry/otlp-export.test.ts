/**
 * The SDK as the entry point starts it, with OTEL_EXPORTER_OTLP_ENDPOINT pointing at a
 * real OTLP/HTTP receiver on loopback: a probe's span (host, outcome, code, bytes) and the
 * probe metrics arrive there, and a log line written inside the probe's span carries the
 * trace id the receiver got.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { trace } from '@opentelemetry/api'
import { startTelemetry, type Telemetry } from '../../src/cli/telemetry-sdk.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { defaultConfig } from '../../src/config/config.js'
import { createLogger } from '../../src/telemetry/logger.js'
import { startServer, type LoopbackServer } from '../fetch/loopback-server.js'

/** What the receiver was sent: path and parsed JSON body of each export. */
const received: { path: string; contentType: string; body: unknown }[] = []
let receiver: Server
let files: LoopbackServer
let telemetry: Telemetry
const saved = { ...process.env }

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      received.push({ path: req.url ?? '', contentType: String(req.headers['content-type']), body: JSON.parse(text) as unknown })
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  files = await startServer((_req, res) => res.writeHead(200, { 'content-type': 'text/csv' }).end('a,b\n1,2\n'))
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
  process.env.OTEL_SERVICE_NAME = 'datavakt-otlp-test'
  process.env.OTEL_RESOURCE_ATTRIBUTES = 'deployment.environment.name=test'
  telemetry = startTelemetry({ version: 'test' })
})

afterAll(async () => {
  await telemetry?.shutdown()
  process.env = saved
  receiver?.close()
  await files?.close()
})

/** Every span of every trace export. */
function spans(): { name: string; traceId: string; attributes: Record<string, unknown> }[] {
  type Value = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number }
  type Body = { resourceSpans?: { scopeSpans: { spans: { name: string; traceId: string; attributes: { key: string; value: Value }[] }[] }[] }[] }
  return received
    .filter((r) => r.path === '/v1/traces')
    .flatMap((r) => (r.body as Body).resourceSpans ?? [])
    .flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans))
    .map((s) => ({
      name: s.name,
      traceId: s.traceId,
      attributes: Object.fromEntries(s.attributes.map((a) => [a.key, a.value.stringValue ?? (a.value.intValue === undefined ? (a.value.boolValue ?? a.value.doubleValue) : Number(a.value.intValue))])),
    }))
}

describe('OTLP export', () => {
  it('sends the probe span with host, outcome, code and bytes, and the probe metrics; a log line inside the span carries its trace id', async () => {
    expect(telemetry.otlp).toBe(true)
    const engine = createFetchEngine(defaultConfig.http, { allowPrivateNetworks: true })
    const lines: string[] = []
    const log = createLogger({ format: 'json', out: { write: (s: string) => lines.push(s) } })
    try {
      const result = await trace.getTracer('test').startActiveSpan('test.parent', async (parent) => {
        const r = await engine.probe(`${files.url}/data.csv`)
        log.info('test.event', 'probed', { url: r.url })
        parent.end()
        return r
      })
      expect(result.outcome).toBe('ok')
    } finally {
      await engine.close()
    }
    await telemetry.shutdown() // flushes both exporters

    const probe = spans().find((s) => s.name === 'datavakt.probe')
    expect(probe, JSON.stringify(received.map((r) => r.path))).toBeDefined()
    expect(probe!.attributes).toMatchObject({ host: files.host, outcome: 'ok', code: 'ok', bytes: 8, 'http.response.status_code': 200 })
    const line = JSON.parse(lines[0]!) as Record<string, unknown>
    expect(line).toMatchObject({ level: 'info', event: 'test.event', msg: 'probed', trace_id: probe!.traceId })
    expect(line.span_id).toMatch(/^[0-9a-f]{16}$/)

    const metricsExport = JSON.stringify(received.filter((r) => r.path === '/v1/metrics').map((r) => r.body))
    expect(metricsExport).toContain('"datavakt.probes"')
    expect(metricsExport).toContain('"datavakt.fetch.duration"')
    expect(metricsExport).toContain('datavakt-otlp-test') // the service name from OTEL_SERVICE_NAME
    // Each process tells itself apart from other workers exporting to the same collector.
    type Attr = { key: string; value: { stringValue?: string; intValue?: string | number } }
    const resource = (received.find((r) => r.path === '/v1/metrics')!.body as { resourceMetrics: { resource: { attributes: Attr[] } }[] }).resourceMetrics[0]!.resource
    const attrs = Object.fromEntries(resource.attributes.map((a) => [a.key, a.value.stringValue ?? Number(a.value.intValue)]))
    expect(attrs['service.instance.id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(attrs['process.pid']).toBe(process.pid)
    expect(attrs['deployment.environment.name']).toBe('test') // OTEL_RESOURCE_ATTRIBUTES
    expect(received.every((r) => r.contentType.startsWith('application/json'))).toBe(true)
  })
})
