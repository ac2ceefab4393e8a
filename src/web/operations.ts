import { Hono, type MiddlewareHandler } from 'hono'
import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { pendingMigrations } from '../db/migrate.js'
import { countRequest } from '../telemetry/instruments.js'

/** How long /readyz waits for the database before it calls it unreachable. */
const READY_TIMEOUT_MS = 2000

/** Counts every answer by method, route pattern (never the raw path: bounded labels) and status. */
export function countRequests(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    countRequest(c.req.method, c.res.status === 404 ? 'unmatched' : c.req.routePath, c.res.status)
  }
}

/** The Prometheus text of every metric, collected when asked (the entry point's SDK: src/cli/telemetry-sdk.ts). */
export type MetricsText = () => Promise<string>

type Readiness = { ready: true } | { ready: false; reason: 'database-unreachable' | 'migrations-pending'; pending?: string[] }

async function readiness(db: Db): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), READY_TIMEOUT_MS)))
  try {
    const check = (async () => {
      await sql`select 1`.execute(db)
      return pendingMigrations(db)
    })()
    const pending = await Promise.race([check, timeout])
    if (pending === 'timeout') return { ready: false, reason: 'database-unreachable' }
    return pending.length ? { ready: false, reason: 'migrations-pending', pending } : { ready: true }
  } catch {
    return { ready: false, reason: 'database-unreachable' }
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The operator's endpoints, at the root, never cached:
 * - `GET /healthz`: liveness, 200 while the process answers at all (no database read);
 * - `GET /readyz`: 200 when the database answers within 2 s and every migration has run;
 *   503 with `{ status, reason[, pending] }` otherwise;
 * - `GET /metrics`: every OpenTelemetry metric in the Prometheus text format, from
 *   `metricsText`; without it (no SDK in this process) 503 `{ status: 'telemetry-off' }`.
 */
export function operationRoutes(db: Db, metricsText?: MetricsText): Hono {
  return livenessAndMetrics(metricsText).get('/readyz', async (c) => {
    c.header('Cache-Control', 'no-store')
    const r = await readiness(db)
    if (r.ready) return c.json({ status: 'ready' })
    const { ready: _, ...why } = r
    return c.json({ status: 'not-ready', ...why }, 503)
  })
}

/**
 * What a process that serves no pages (`datavakt worker --metrics-port`) answers: `GET
 * /healthz` and `GET /metrics` as above, and 404 for anything else. Its requests are not
 * counted (a scrape is not a web request). No /readyz: nothing is routed to a worker.
 */
export function metricsApp(metricsText?: MetricsText): Hono {
  return livenessAndMetrics(metricsText).notFound((c) => c.json({ status: 'not-found' }, 404))
}

/** `GET /healthz` and `GET /metrics`, shared by the web app and a worker's metrics server. */
function livenessAndMetrics(metricsText?: MetricsText): Hono {
  return new Hono()
    .get('/healthz', (c) => {
      c.header('Cache-Control', 'no-store')
      return c.json({ status: 'ok' })
    })
    .get('/metrics', async (c) => {
      c.header('Cache-Control', 'no-store')
      if (!metricsText) return c.json({ status: 'telemetry-off' }, 503)
      c.header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
      return c.body(await metricsText())
    })
}
