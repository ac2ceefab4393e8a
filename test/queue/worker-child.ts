/**
 * A worker in its own process, for the lease-expiry and stop tests: the parent kills it
 * with SIGKILL, or stops it with SIGTERM, mid-host. Reads DATABASE_URL, SWEEP_ID,
 * LEASE_SECONDS, WORKER_ID, STOP_GRACE_MS.
 */
import { openDatabase } from '../../src/db/open-database.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { defaultConfig } from '../../src/config/config.js'
import { runWorker } from '../../src/queue/run-worker.js'

const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL! })
const engine = createFetchEngine(defaultConfig.http, { allowPrivateNetworks: true })
const stop = new AbortController()
process.once('SIGTERM', () => stop.abort())
await runWorker({
  signal: stop.signal,
  ...(process.env.STOP_GRACE_MS ? { stopGraceMs: Number(process.env.STOP_GRACE_MS) } : {}),
  db: database.db,
  engine,
  workerId: process.env.WORKER_ID!,
  config: { ...defaultConfig, availability: { ...defaultConfig.availability, leaseSeconds: Number(process.env.LEASE_SECONDS) }, http: defaultConfig.http },
  sweepId: Number(process.env.SWEEP_ID),
  untilSweepDone: true,
  // Write every probe at once so the parent can see progress and kill mid-host.
  flushEvery: 1,
  pollMs: 200,
})
await database.close()
// In-flight probes of a stopped worker are abandoned, not awaited.
process.exit(0)
