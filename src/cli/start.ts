import { serve } from '@hono/node-server'
import { parseCommandArgs } from './parse.js'
import { openFromConfig } from './open-from-config.js'
import { createApp } from '../web/create-app.js'
import { UsageError } from './usage-error.js'
import { createFetchEngine } from '../fetch/create-fetch-engine.js'
import { startBackground } from '../scheduler/start-background.js'
import { createHarvestJob } from '../harvest/harvest-job.js'
import { runContentSweep } from '../content/run-content-sweep.js'
import { computeScores } from '../scoring/compute-scores.js'
import { rollupDay } from '../scoring/rollup-day.js'

export const summary = 'kör tjänsten: migrering, schemaläggare, arbetare och webbserver i en process'

/** `datavakt start`: migrates, then runs scheduler, worker and web server until SIGINT/SIGTERM. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    { port: { type: 'string' }, 'allow-private': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    false,
  )
  if (values.help) {
    console.log('datavakt start [--port N] [--allow-private]\n\nMigrerar databasen och kör schemaläggare, arbetare och webbserver.')
    return 0
  }
  const { config, database } = await openFromConfig()
  const port = values.port !== undefined ? Number(values.port) : config.web.port
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, got "${values.port}"`)
  console.log(`Databas: ${database.kind} (${database.location})`)
  if (config.sources.length === 0) {
    console.log('Inga katalogkällor är konfigurerade (datavakt.config.json → "sources"). Prova `npm run demo`.')
  }
  // One engine per process; the in-process worker probes through it (embedded mode).
  const engine = createFetchEngine(config.http, {
    allowPrivateNetworks: values['allow-private'] === true || config.allowPrivateNetworks,
  })
  const background = await startBackground({
    db: database.db,
    kind: database.kind,
    config,
    engine,
    // The availability sweep job is startBackground's own; the others are plugged in here.
    jobs: {
      harvest: createHarvestJob({
        db: database.db,
        config,
        fetchDocument: engine.fetchDocument.bind(engine),
        log: (line) => console.log(line),
      }),
      contentChecks: async () => {
        const summary = await runContentSweep({ db: database.db, engine, config })
        console.log(`Innehållskontroll: ${summary.downloaded} filer hämtade, ${summary.notModified} oförändrade, ${summary.failed} gick inte att hämta`)
        await computeScores({ db: database.db })
      },
      rollups: async () => {
        // Today's scores, and yesterday's rollup closed with everything that day saw.
        await computeScores({ db: database.db })
        const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
        await rollupDay({ db: database.db, day: yesterday })
      },
    },
    onEvent: (e) => {
      const at = e.at.toISOString().slice(0, 19).replace('T', ' ')
      if (e.status === 'failed') console.error(`${at} jobb ${e.name} misslyckades: ${e.error?.message}`)
      else if (e.status === 'started') console.log(`${at} jobb ${e.name} startar`)
      else if (e.status === 'done') console.log(`${at} jobb ${e.name} klart (${Math.round((e.ms ?? 0) / 1000)} s)`)
    },
    onWorkerError: (err, host) => console.error(`${host}: ${err.message}`),
  })
  const app = createApp({ db: database.db, lang: config.lang })
  const server = serve({ fetch: app.fetch, port, hostname: config.web.host })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const address = server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  console.log(`datavakt kör på http://${config.web.host}:${actualPort}/`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  console.log('Stänger ...')
  server.close()
  await background.stop()
  await engine.close()
  await database.close()
  return 0
}
